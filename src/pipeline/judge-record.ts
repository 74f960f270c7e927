// Judges a run record on disk (its scenario and raw results channels) without
// booting anything: the same judgement `verify` makes at the end of a run.
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { userError } from '../errors.ts';
import { parseResults, type ParsedResults } from '../record/results.ts';
import type { Judged } from '../compare/verdict.ts';
import { judgeOnAllCores } from '../compare/judge-all-cores.ts';
import { tryTraceOf } from '../compare/try-trace.ts';
import { protocolOf, type Scenario } from '../scenario/schema.ts';
import { withClientLogs } from '../observe/client-log.ts';
import { checkDirectorOutput } from '../record/director-output.ts';
import { forwardingOf } from '../forwarding/index.ts';
import { VARIANTS, type Variant } from '../model/params.ts';

export interface RecordInput {
  scenario: Scenario;
  runs: Partial<Record<Variant, ParsedResults>>;
  /** Each run's kernel's CONFIG_HZ, when the record has it. */
  hz?: Partial<Record<Variant, number>>;
}

/** What readRecord reads of metadata.json. */
interface RecordMetadata {
  scenario?: { value?: Scenario };
  /** Each variant's kernel's CONFIG_HZ (records of older runs have none). */
  variants?: Partial<Record<Variant, { kernel?: { hz?: number } }>>;
}

export async function readRecord(dir: string): Promise<RecordInput> {
  let meta: RecordMetadata;
  try {
    meta = JSON.parse(await readFile(join(dir, 'metadata.json'), 'utf8'));
  } catch (e) {
    throw userError(`${dir} is not a run record: ${(e as Error).message}`);
  }
  const scenario = meta.scenario?.value;
  if (!scenario) throw userError(`${dir}/metadata.json names no scenario`);
  const runs: RecordInput['runs'] = {};
  for (const v of VARIANTS) {
    const text = await readFile(join(dir, `results-${v}.jsonl`), 'utf8').catch(() => undefined);
    if (text === undefined) continue;
    runs[v] = withClientLogs(parseResults(text), protocolOf(scenario));
    // As verify does: a DR or TUN run whose director saw an answer stands for no method.
    checkDirectorOutput(forwardingOf(scenario), runs[v]!, join(dir, `results-${v}.jsonl`));
  }
  if (!runs.base && !runs.patched) throw userError(`${dir} holds no results-<variant>.jsonl`);
  const hz: RecordInput['hz'] = {};
  for (const v of VARIANTS) {
    const h = meta.variants?.[v]?.kernel?.hz;
    if (typeof h === 'number') hz[v] = h;
  }
  return { scenario, runs, ...(Object.keys(hz).length > 0 ? { hz } : {}) };
}

export async function judgeRecord(dir: string, opts: { seed: number; mcRuns: number; modelFor?: (v: Variant) => Variant; freshRuns?: number }): Promise<Judged> {
  const rec = await readRecord(dir);
  const judged = await judgeOnAllCores({ ...rec, ...opts });
  // The runs verify made again (src/pipeline/retry.ts) are judged on the last; the
  // earlier ones, kept in try-N/, from their own results.
  const tries = (await readdir(dir).catch(() => [] as string[])).filter((n) => /^try-\d+$/.test(n)).sort((a, b) => Number(a.slice(4)) - Number(b.slice(4)));
  for (const t of tries) {
    for (const v of VARIANTS) {
      const text = await readFile(join(dir, t, `results-${v}.jsonl`), 'utf8').catch(() => undefined);
      const last = judged.verdict.variants[v];
      if (text === undefined || !last) continue;
      const run = withClientLogs(parseResults(text), protocolOf(rec.scenario));
      const earlier = await judgeOnAllCores({ ...rec, runs: { [v]: run }, ...opts });
      const e = earlier.verdict.variants[v]!;
      (last.earlierTries ??= []).push({ dir: t, checks: e.checks, ...(e.pit ? { pit: e.pit } : {}), trace: tryTraceOf(run) });
    }
  }
  return judged;
}
