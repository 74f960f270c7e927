// Reads what `calibrate` needs to explain its tails from a run record on
// disk: each variant-run's results channel (the last try's and those kept in
// try-N/), the record's coverage.json when it has one, and, for a covered
// variant, its model's runs' counts of the scan's drop line (this thread:
// only coverage runs cost any). Anything the record lacks is "not recorded".
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { VerifyError } from '../errors.ts';
import type { Verdict, VariantVerdict } from '../compare/verdict.ts';
import { modelRequests } from '../compare/verdict.ts';
import { parseResults, type ParsedResults } from '../record/results.ts';
import { withClientLogs } from '../observe/client-log.ts';
import { protocolOf, type Scenario } from '../scenario/schema.ts';
import type { Variant } from '../model/params.ts';
import { monteCarloDropLines } from '../model/monte-carlo.ts';
import { traceHealthOf, type Maybe } from '../record/trace-health.ts';
import { floodAccountOf } from '../observe/flood-accounting.ts';
import { clientEntriesOf } from '../observe/client-entries.ts';
import { compareDrops, dropLineCount, type DropComparison } from '../coverage/drop-line.ts';
import type { CoverageRecord } from '../coverage/record.ts';
import type { RunDiagnostics, VariantRunDiagnostics } from '../report/calibration-diagnostics.ts';

/** The model's runs counted for the drop line, at most (of the verdict's runs; the first ones, the band's). */
const DROP_RUNS = 200;

interface RecordContext {
  dir: string;
  scenario?: Scenario;
  hz: Partial<Record<Variant, number>>;
  coverage?: CoverageRecord;
}

const readJson = async <T>(path: string): Promise<T | undefined> =>
  readFile(path, 'utf8').then(
    (s) => JSON.parse(s) as T,
    () => undefined,
  );

async function contextOf(dir: string): Promise<RecordContext> {
  type Meta = { scenario?: { value?: Scenario }; variants?: Partial<Record<Variant, { kernel?: { hz?: unknown } }>> };
  const meta = await readJson<Meta>(join(dir, 'metadata.json')).catch(() => undefined);
  const hz: RecordContext['hz'] = {};
  for (const v of ['base', 'patched'] as const) {
    const h = meta?.variants?.[v]?.kernel?.hz;
    if (typeof h === 'number') hz[v] = h;
  }
  // A damaged coverage.json is as good as none here: the drop line is then "not recorded".
  const coverage = await readJson<CoverageRecord>(join(dir, 'coverage.json')).catch(() => undefined);
  return { dir, ...(meta?.scenario?.value ? { scenario: meta.scenario.value } : {}), hz, ...(coverage ? { coverage } : {}) };
}

/** The model's runs' drop-line counts for this run, against gcov's count of it. */
function dropsOf(ctx: RecordContext, run: ParsedResults, v: Variant, x: Partial<VariantVerdict>, runs: number): Maybe<DropComparison> {
  if (!ctx.coverage) return { notRecorded: 'no coverage.json (a run without --coverage)' };
  if (!ctx.scenario) return { notRecorded: 'no scenario in metadata.json to drive the model' };
  const covered = dropLineCount(ctx.coverage, v);
  if (!('line' in covered)) return covered;
  const { seed, runs: mcRuns } = x.model ?? {};
  if (typeof seed !== 'number' || typeof mcRuns !== 'number') return { notRecorded: 'the verdict keeps no model seed and runs' };
  const model = x.modelVariant ?? v;
  try {
    const requests = modelRequests({ scenario: ctx.scenario, runs: { [v]: run }, hz: ctx.hz, seed, mcRuns });
    const req = requests[`${v}:${model}`];
    if (!req) return { notRecorded: `no ${model} model for this run` };
    return compareDrops(covered, monteCarloDropLines(req, 0, Math.min(runs, mcRuns)));
  } catch (e) {
    if (e instanceof VerifyError) return { notRecorded: e.message };
    throw e;
  }
}

async function diagnose(ctx: RecordContext, file: string, v: Variant, x: Partial<VariantVerdict>, withDrops: boolean, dropRuns: number): Promise<RunDiagnostics> {
  const text = await readFile(file, 'utf8').catch(() => undefined);
  if (text === undefined) {
    const missing = { notRecorded: `no ${file}` };
    return { trace: { overrun: missing, oldest: missing, scans: missing }, flood: missing, drops: missing, clients: missing };
  }
  const parsed = parseResults(text);
  const run = ctx.scenario ? withClientLogs(parsed, protocolOf(ctx.scenario)) : parsed;
  return {
    trace: traceHealthOf(run),
    flood: floodAccountOf(run, ctx.scenario),
    // coverage.json is the last try's kernels' (an earlier try's counts were not kept).
    drops: withDrops ? dropsOf(ctx, run, v, x, dropRuns) : { notRecorded: "an earlier try: the record's coverage is the last try's" },
    clients: clientEntriesOf(run, ctx.scenario),
  };
}

/** Every variant-run of a judged record (earlier tries too), with its PITs and diagnostics. */
export async function diagnoseRecord(dir: string, verdict: Verdict, opts: { dropRuns?: number } = {}): Promise<VariantRunDiagnostics[]> {
  const ctx = await contextOf(dir);
  const dropRuns = opts.dropRuns ?? DROP_RUNS;
  const out: VariantRunDiagnostics[] = [];
  for (const [v, x] of Object.entries(verdict.variants) as [Variant, Partial<VariantVerdict> | undefined][]) {
    if (!x) continue;
    for (const e of x.earlierTries ?? []) {
      const diagnostics = await diagnose(ctx, join(dir, e.dir, `results-${v}.jsonl`), v, x, false, dropRuns);
      out.push({ record: dir, tryDir: e.dir, variant: v, ...(e.pit ? { pit: e.pit } : {}), diagnostics });
    }
    const diagnostics = await diagnose(ctx, join(dir, `results-${v}.jsonl`), v, x, true, dropRuns);
    out.push({ record: dir, variant: v, ...(x.pit ? { pit: x.pit } : {}), diagnostics });
  }
  return out;
}
