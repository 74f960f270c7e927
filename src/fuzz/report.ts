// The campaign's report (fuzz.json, fuzz.md): counts, wall times, each
// variant's agreement and each claim's outcomes over the cases' first runs,
// the failures with their shrunk scenarios. Pure but for the writing; shards
// merge by their journals (fuzz --merge).
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join, relative, resolve } from 'node:path';
import { replayCommand, whatFailed, type CaseRecord } from './case-record.ts';
import { kernelName, latestByCase, readJournal, sameKernel } from './journal.ts';
import type { Outcome } from '../claims/types.ts';
import { OUTCOME_LABEL } from '../claims/outcome.ts';
import { userError } from '../errors.ts';
import type { MutantTag } from '../mutants/variant.ts';

export interface FuzzFailure {
  index: number;
  seed: number;
  dir: string;
  failed: string;
  shrunk?: { file: string; steps: number; exhausted: boolean; failed: string; replay: string };
}

export interface FuzzReport {
  seeds: number[];
  /** fuzz --mutant: the mutant every case's patched variant carried (its id and patch digest). */
  mutant?: MutantTag;
  counts: { cases: number; pass: number; fail: number; error: number; shrunk: number };
  /** Real runs (each a pair of variants judged): the cases' first runs and the shrink steps. */
  walls: { seconds: number; runs: number; pairsPerHour: number; firstRun: { mean: number; max: number } };
  variants: Record<string, { agrees: number; disagrees: number }>;
  /** "C1 base" -> how often each outcome, over the cases' first runs. */
  claims: Record<string, Record<Outcome, number>>;
  failures: FuzzFailure[];
  errors: { index: number; seed: number; dir: string; message: string }[];
  stopped?: string;
  cases: CaseRecord[];
}

const OUTCOMES = Object.keys(OUTCOME_LABEL) as Outcome[];

function claimCounts(records: CaseRecord[]): FuzzReport['claims'] {
  const out: FuzzReport['claims'] = {};
  for (const r of records) {
    for (const c of r.first.claims) {
      const row = (out[`${c.id} ${c.variant}`] ??= Object.fromEntries(OUTCOMES.map((o) => [o, 0])) as Record<Outcome, number>);
      row[c.outcome]++;
    }
  }
  return Object.fromEntries(Object.entries(out).sort(([a], [b]) => a.localeCompare(b, 'en', { numeric: true })));
}

function failureOf(r: CaseRecord): FuzzFailure {
  const s = r.shrink;
  return {
    index: r.index,
    seed: r.seed,
    dir: r.dir,
    failed: whatFailed(r.first),
    ...(s ? { shrunk: { file: s.file, steps: s.steps, exhausted: s.exhausted, failed: whatFailed(s.minimalRun), replay: replayCommand(r.seed, s.path, r.mutant) } } : {}),
  };
}

/** Pure: the report over a campaign's records (one a case). */
export function fuzzReport(records: CaseRecord[], stopped?: string): FuzzReport {
  const firstWalls = records.map((r) => r.first.wallSeconds);
  const seconds = records.reduce((a, r) => a + r.wallSeconds, 0);
  const runs = records.length + records.reduce((a, r) => a + (r.shrink?.steps ?? 0), 0);
  const variants: FuzzReport['variants'] = {};
  for (const r of records) {
    for (const [v, agrees] of Object.entries(r.first.variants)) {
      const row = (variants[v] ??= { agrees: 0, disagrees: 0 });
      row[agrees ? 'agrees' : 'disagrees']++;
    }
  }
  const mutant = records[0]?.mutant;
  return {
    seeds: [...new Set(records.map((r) => r.fuzzSeed))].sort((a, b) => a - b),
    ...(mutant ? { mutant } : {}),
    counts: {
      cases: records.length,
      pass: records.filter((r) => r.outcome === 'pass').length,
      fail: records.filter((r) => r.outcome === 'fail').length,
      error: records.filter((r) => r.outcome === 'error').length,
      shrunk: records.filter((r) => r.shrink).length,
    },
    walls: {
      seconds,
      runs,
      pairsPerHour: seconds > 0 ? (runs * 3600) / seconds : 0,
      firstRun: { mean: firstWalls.length ? firstWalls.reduce((a, b) => a + b, 0) / firstWalls.length : 0, max: firstWalls.length ? Math.max(...firstWalls) : 0 },
    },
    variants,
    claims: claimCounts(records),
    failures: records.filter((r) => r.outcome === 'fail').map(failureOf),
    errors: records.filter((r) => r.outcome === 'error').map((r) => ({ index: r.index, seed: r.seed, dir: r.dir, message: whatFailed(r.first) })),
    ...(stopped ? { stopped } : {}),
    cases: records,
  };
}

/**
 * Pure: a mutant campaign's outcome in a line: the first case that failed (the
 * mutant caught) and where it was shrunk to, or that none did.
 */
export function mutantLine(r: Pick<FuzzReport, 'mutant' | 'counts' | 'failures'>): string {
  const id = r.mutant?.id ?? '(none)';
  const f = r.failures[0];
  if (!f) return `mutant ${id}: no failure found in ${r.counts.cases} cases (it survived this campaign)`;
  const s = f.shrunk;
  const shrunk = s ? `shrunk to ${s.file} in ${s.steps} runs${s.exhausted ? ' (budget ran out)' : ''}` : 'not shrunk';
  return `mutant ${id}: failure found at case ${f.index}, ${shrunk} (${s ? s.failed : f.failed})`;
}

/** Pure: the report as Markdown. */
export function fuzzMarkdown(r: FuzzReport): string {
  const c = r.counts;
  const m = r.mutant;
  const lines = [
    `# Fuzz report (seed ${r.seeds.join(', ') || '-'}${m ? `, mutant ${m.id}` : ''})`,
    '',
    ...(m ? [`The patched variant carried mutant \`${m.id}\` (patch sha256 ${m.sha256}), judged against the patched model; base was not run.`, '', `**${mutantLine(r)}**`, ''] : []),
    `${c.cases} cases: ${c.pass} pass, ${c.fail} fail (${c.shrunk} shrunk), ${c.error} could not run.${r.stopped ? ` Stopped: ${r.stopped}.` : ''}`,
    `${r.walls.runs} runs (${m ? 'the mutant\'s patched variant' : 'pairs of variants'} judged) in ${(r.walls.seconds / 3600).toFixed(2)} h: ${r.walls.pairsPerHour.toFixed(0)} an hour; a case's first run ${r.walls.firstRun.mean.toFixed(0)} s on average, ${r.walls.firstRun.max.toFixed(0)} s at most.`,
    '',
    '| variant | agrees | disagrees |',
    '| --- | --- | --- |',
    ...Object.entries(r.variants).map(([v, x]) => `| ${v} | ${x.agrees} | ${x.disagrees} |`),
    '',
    `| claim | ${OUTCOMES.map((o) => OUTCOME_LABEL[o]).join(' | ')} |`,
    `| --- |${OUTCOMES.map(() => ' --- |').join('')}`,
    ...Object.entries(r.claims).map(([k, row]) => `| ${k} | ${OUTCOMES.map((o) => row[o]).join(' | ')} |`),
  ];
  if (r.failures.length > 0) {
    lines.push('', '## Failures', '', '| case | failed | shrunk to | steps | replay |', '| --- | --- | --- | --- | --- |');
    for (const f of r.failures) {
      const s = f.shrunk;
      lines.push(`| ${f.index} (${f.dir}) | ${f.failed} | ${s ? `${s.file}: ${s.failed}` : '-'} | ${s ? `${s.steps}${s.exhausted ? ' (budget ran out)' : ''}` : '-'} | ${s ? `\`${s.replay}\`` : `\`${replayCommand(f.seed, undefined, r.mutant)}\``} |`);
    }
  }
  if (r.errors.length > 0) {
    lines.push('', '## Cases that could not run', '', ...r.errors.map((e) => `- case ${e.index} (${e.dir}): ${e.message}`));
  }
  return lines.join('\n') + '\n';
}

/** Writes fuzz.json and fuzz.md into `out`. */
export async function writeFuzzReport(out: string, x: { records: CaseRecord[]; stopped?: string }): Promise<FuzzReport> {
  const report = fuzzReport(x.records, x.stopped);
  await mkdir(out, { recursive: true });
  await writeFile(join(out, 'fuzz.json'), JSON.stringify(report, null, 2) + '\n');
  await writeFile(join(out, 'fuzz.md'), fuzzMarkdown(report));
  return report;
}

/** Pure: a shard's record with its paths made relative to the merge's directory. */
export function rebase(r: CaseRecord, from: string, out: string): CaseRecord {
  const at = (p: string) => relative(resolve(out), resolve(from, p));
  return { ...r, dir: at(r.dir), ...(r.shrink ? { shrink: { ...r.shrink, file: at(r.shrink.file) } } : {}) };
}

/** Merges shards' campaigns (their journals) into one report in `out`. */
export async function mergeFuzz(dirs: string[], out: string): Promise<FuzzReport> {
  const records: CaseRecord[] = [];
  const stopped: string[] = [];
  for (const d of dirs) {
    const own = latestByCase(await readJournal(d));
    if (own.length === 0) throw userError(`${d}: no fuzz journal (journal.jsonl) with a case in it`);
    records.push(...own.map((r) => rebase(r, d, out)));
    // A shard its time budget stopped says so in its own report.
    const shardReport = await readFile(join(d, 'fuzz.json'), 'utf8').then((t) => JSON.parse(t) as Partial<FuzzReport>, () => undefined);
    if (shardReport?.stopped) stopped.push(`${d}: ${shardReport.stopped}`);
  }
  // One report, one kernel: shards of one campaign carry the same mutant (or none).
  for (const r of records) {
    const a = records[0]!;
    if (!sameKernel(a.mutant, r.mutant)) throw userError(`--mutant: case ${a.index} (${a.dir}) ran on ${kernelName(a.mutant)}, case ${r.index} (${r.dir}) on ${kernelName(r.mutant)}: shards of one campaign run one kernel`);
  }
  const seen = new Set<string>();
  for (const r of records) {
    const key = `${r.fuzzSeed}/${r.index}`;
    if (seen.has(key)) throw userError(`case ${r.index} of seed ${r.fuzzSeed} is in two of the merged directories: shards of one campaign hold disjoint cases`);
    seen.add(key);
  }
  return writeFuzzReport(out, { records: records.sort((a, b) => a.fuzzSeed - b.fuzzSeed || a.index - b.index), ...(stopped.length ? { stopped: stopped.join('; ') } : {}) });
}
