// Writes a run record's reports (result.json, TAP, JUnit, HTML with SVG plots)
// from its judgement. `ipvs-verify report <run-dir>` judges the record again
// (same seed, same numbers) and rewrites them, without booting anything.
import { mkdir, readFile, readdir } from 'node:fs/promises';
import { atomicWriteFile as atomicWrite } from '../cache.ts';
import { basename, join, relative } from 'node:path';
import { userError } from '../errors.ts';
import { mergedHtml, mergedJunit, mergedTap, type RunResult } from './merge.ts';
import type { Judged } from '../compare/verdict.ts';
import type { SeriesName, Variant } from '../model/params.ts';
import { bandPlot, overlayPlot, type MeasuredPoint } from './plots.ts';
import { curvesOf } from './curves.ts';
import { headlineData, modelOf } from './headline-data.ts';
import { HEADLINE_TITLE, headlineCaption, headlinePlot } from './headline.ts';
import { HEADLINE_FILE, suiteHeadlines, type MergedRecord } from './suite-headlines.ts';
import { toSvg } from './svg.ts';
import { reportHtml } from './html.ts';
import { verdictTap } from './tap.ts';
import { verdictJunit } from './junit.ts';
import { judgeRecord } from '../pipeline/judge-record.ts';
import type { CoverageSummary } from '../coverage/record.ts';
import { readCoverage } from '../coverage/read-records.ts';
import { recordsHolding } from '../record/find-records.ts';
import { coverageLine } from '../coverage/hunks.ts';

const PLOTTED: { series: SeriesName; label: string }[] = [
  { series: 'templates', label: 'templates' },
  { series: 'conns', label: 'connections' },
];

export async function writeReports(dir: string, judged: Judged, metadata: Record<string, unknown>, runName = basename(dir)): Promise<string[]> {
  const { verdict, detail } = judged;
  const plots: { id: string; title: string; svg: string }[] = [];
  const overlay: Record<string, MeasuredPoint[]> = {};
  for (const [variant, d] of Object.entries(detail)) {
    for (const { series, label } of PLOTTED) {
      const { band, measured } = curvesOf(d, series);
      const spec = bandPlot(`${variant}: ${label}, measured vs the ${modelOf(verdict, variant as Variant)} model`, band, measured, label);
      plots.push({ id: `${variant}-${series}`, title: `${variant}: ${label}`, svg: await toSvg(spec) });
    }
    const { measured } = curvesOf(d, 'templates');
    overlay[variant] = measured.map((p) => ({ t: p.t - measured[0]!.t, v: p.v }));
  }
  if (Object.keys(overlay).length > 1) {
    plots.push({ id: 'overlay-templates', title: 'templates: base vs patched', svg: await toSvg(overlayPlot('templates: base vs patched (measured)', overlay, 'templates')) });
  }
  const data = headlineData(judged);
  const headline = { id: 'headline', svg: await toSvg(headlinePlot(data, HEADLINE_TITLE)), caption: headlineCaption(verdict) };
  const logs = (await readdir(dir)).filter((f) => f.endsWith('.log') || f.endsWith('.jsonl')).sort();
  const files = ['result.json', 'result.tap', 'result.junit.xml', 'report.html', HEADLINE_FILE];
  await atomicWrite(join(dir, 'result.json'), JSON.stringify({ run: runName, verdict, metadata }, null, 2) + '\n');
  const coverage = metadata.coverage as CoverageSummary | undefined;
  await atomicWrite(join(dir, 'result.tap'), verdictTap(verdict, coverage));
  await atomicWrite(join(dir, 'result.junit.xml'), verdictJunit(verdict, runName, coverage));
  await atomicWrite(join(dir, 'report.html'), reportHtml({ title: `ipvs-verify: ${runName}`, verdict, plots, metadata, logs, headline }));
  await atomicWrite(join(dir, HEADLINE_FILE), JSON.stringify(data) + '\n');
  return files.map((f) => join(dir, f));
}

/** Judge a record again and rewrite its reports. */
export async function reportRecord(dir: string, opts: { seed?: number; mcRuns?: number } = {}): Promise<{ files: string[]; judged: Judged }> {
  let metadata: Record<string, unknown> & { model?: { seed?: number; runs?: number } };
  try {
    metadata = JSON.parse(await readFile(join(dir, 'metadata.json'), 'utf8'));
  } catch (e) {
    // Bad input (exit 2), as judge says it (pipeline/judge-record.ts), not a bug of ipvs-verify.
    throw userError(`${dir} is not a run record: ${(e as Error).message}`);
  }
  const seed = opts.seed ?? metadata.model?.seed ?? 1;
  const mcRuns = opts.mcRuns ?? metadata.model?.runs ?? 1000;
  const judged = await judgeRecord(dir, { seed, mcRuns });
  return { files: await writeReports(dir, judged, metadata), judged };
}

/** Run records under the given paths: each a record, or a directory of records. */
const findRecords = (paths: string[]) => recordsHolding(paths, 'result.json');

/** Merges run records (as written by verify or matrix shards) into one summary. */
export async function mergeRecords(paths: string[], out: string): Promise<{ files: string[]; claimsHold: boolean; coverage?: string }> {
  const records = await findRecords(paths);
  if (records.length === 0) throw userError(`no run records (result.json) under ${paths.join(', ')}`);
  const runs: MergedRecord[] = [];
  for (const r of records) {
    const result = JSON.parse(await readFile(join(r, 'result.json'), 'utf8')) as { run: string; verdict: RunResult['verdict']; metadata?: MergedRecord['metadata'] };
    runs.push({ dir: r, run: relative(out, r) || basename(r), verdict: result.verdict, ...(result.metadata ? { metadata: result.metadata } : {}) });
  }
  await mkdir(out, { recursive: true });
  await atomicWrite(join(out, 'index.html'), mergedHtml(runs, await suiteHeadlines(runs)));
  await atomicWrite(join(out, 'result.tap'), mergedTap(runs));
  await atomicWrite(join(out, 'result.junit.xml'), mergedJunit(runs));
  const files = ['index.html', 'result.tap', 'result.junit.xml'].map((f) => join(out, f));
  // Records made with --coverage: the suite's coverage is their union.
  let coverage: string | undefined;
  if ((await recordsHolding(records, 'coverage.json')).length > 0) {
    const merged = await readCoverage(records);
    await atomicWrite(join(out, 'coverage.json'), JSON.stringify(merged) + '\n');
    files.push(join(out, 'coverage.json'));
    coverage = coverageLine(merged.patches);
  }
  return { files, claimsHold: runs.every((r) => r.verdict.claimsHold), ...(coverage ? { coverage } : {}) };
}
