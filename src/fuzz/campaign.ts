// A fuzz campaign: the cases of a shard in order, each drawn, run and (on a
// failure) shrunk by ./shrink.ts, its files written and its journal line
// appended as it ends; cases the journal holds already are skipped (--resume);
// no case starts after the time budget. Then the campaign's report.
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { fuzzCase, type Runner, type ShrinkBudget } from './shrink.ts';
import { caseName, caseSeed, scenarioAt, scenarioHash } from './draw.ts';
import { appendJournal, latestByCase, mutantMismatch, readJournal, JOURNAL } from './journal.ts';
import { replayCommand, whatFailed, type CaseRecord } from './case-record.ts';
import { writeFuzzReport, type FuzzReport } from './report.ts';
import type { Scenario } from '../scenario/schema.ts';
import { userError } from '../errors.ts';
import { shardOf, type Shard } from '../pipeline/shard.ts';
import type { MutantTag } from '../mutants/variant.ts';

/** Pure: the case indices of shard i/n of a campaign of `count` cases: i-1, i-1+n, ... */
export function shardCases(count: number, shard: Shard = { index: 1, count: 1 }): number[] {
  return shardOf(Array.from({ length: count }, (_, k) => k), shard);
}

export interface CampaignOptions {
  count: number;
  seed: number;
  out: string;
  runner: Runner;
  shrink: Omit<ShrinkBudget, 'deadline'>;
  shard?: Shard;
  resume?: boolean;
  /** Wall minutes for the whole campaign: no case starts after them, no shrink step either. */
  budgetMinutes?: number;
  /**
   * fuzz --mutant: the mutant the runner's patched variant carries. Each record
   * names it, a journal of another kernel is not resumed, and the campaign
   * stops once a case has failed (the mutant caught) and been shrunk.
   */
  mutant?: MutantTag;
  log?: (s: string) => void;
  now?: () => number;
}

/** The YAML of a scenario, under a comment saying where it comes from. */
export const scenarioYaml = (s: Scenario, comment: string[]) => `${comment.map((c) => `# ${c}`).join('\n')}\n${stringify(s)}`;

/** The journal's records to keep, checked against this campaign: a journal of another seed is an error, not a resume. */
async function priorRecords(o: CampaignOptions): Promise<CaseRecord[]> {
  const prior = latestByCase(await readJournal(o.out));
  if (prior.length > 0 && !o.resume) throw userError(`${join(o.out, JOURNAL)} holds ${prior.length} cases already: --resume to go on with them, or another --out`);
  const other = prior.find((r) => r.fuzzSeed !== o.seed);
  if (other) throw userError(`${join(o.out, JOURNAL)} is a campaign of --seed ${other.fuzzSeed}, not ${o.seed}`);
  for (const r of prior) {
    const why = mutantMismatch(r.mutant, o.mutant);
    if (why) throw userError(`${join(o.out, JOURNAL)}: ${why}`);
  }
  return prior;
}

/** Whether a journal record is this case as this arbitrary draws it (a change of arbitrary since: run it again). */
const isDone = (r: CaseRecord | undefined, seed: number, index: number) => r !== undefined && r.hash === scenarioHash(scenarioAt(caseSeed(seed, index), caseName(index)));

async function writeCaseFiles(out: string, r: CaseRecord, scenario: Scenario): Promise<void> {
  await writeFile(join(out, r.dir, 'scenario.yaml'), scenarioYaml(scenario, [`fuzz case ${r.index} of --seed ${r.fuzzSeed} (fast-check seed ${r.seed}): ${replayCommand(r.seed, undefined, r.mutant)}`]));
  if (r.shrink) {
    const s = r.shrink;
    const comment = [
      `fuzz case ${r.index} of --seed ${r.fuzzSeed}, shrunk in ${s.steps} runs${s.exhausted ? ' (budget ran out: the smallest failure found by then)' : ''}`,
      `failed: ${whatFailed(s.minimalRun)}`,
      `replay: ipvs-verify ${replayCommand(r.seed, s.path, r.mutant)}`,
    ];
    await writeFile(join(out, s.file), scenarioYaml(s.minimal, comment));
  }
  await writeFile(join(out, r.dir, 'case.json'), JSON.stringify(r, null, 2) + '\n');
}

/** Runs the campaign's cases (those of its shard not in the journal yet), then writes fuzz.json and fuzz.md over all its cases. */
export async function runCampaign(o: CampaignOptions): Promise<FuzzReport> {
  const log = o.log ?? ((s: string) => process.stderr.write(s + '\n'));
  const now = o.now ?? Date.now;
  await mkdir(o.out, { recursive: true });
  const prior = await priorRecords(o);
  const byIndex = new Map(prior.map((r) => [r.index, r]));
  const deadline = o.budgetMinutes === undefined ? undefined : now() + o.budgetMinutes * 60_000;
  let stopped: string | undefined;
  for (const index of shardCases(o.count, o.shard)) {
    // A mutant is caught once: the cases after its first failure would only catch it again.
    const caught = o.mutant ? caughtAt([...byIndex.values()]) : undefined;
    if (caught !== undefined) {
      stopped = `mutant ${o.mutant!.id} caught at case ${caught}`;
      break;
    }
    if (isDone(byIndex.get(index), o.seed, index)) continue;
    if (deadline !== undefined && now() >= deadline) {
      stopped = `the ${o.budgetMinutes}-minute budget ran out before case ${index}`;
      break;
    }
    const dir = caseName(index);
    // A case cut short by an interruption starts again from nothing.
    await rm(join(o.out, dir), { recursive: true, force: true });
    await mkdir(join(o.out, dir), { recursive: true });
    const drawn = await fuzzCase({ index, fuzzSeed: o.seed, runner: o.runner, budget: { ...o.shrink, ...(deadline !== undefined ? { deadline } : {}) }, dir, now });
    const { scenario } = drawn;
    const record: CaseRecord = o.mutant ? { ...drawn.record, mutant: o.mutant } : drawn.record;
    await writeCaseFiles(o.out, record, scenario);
    await appendJournal(o.out, record);
    byIndex.set(index, record);
    log(caseLine(record));
  }
  if (stopped) log(stopped);
  return writeFuzzReport(o.out, { records: latestByCase([...byIndex.values()]), ...(stopped ? { stopped } : {}) });
}

/** Pure: the first failing case among records (a mutant caught there), or undefined. */
function caughtAt(records: CaseRecord[]): number | undefined {
  const failed = records.filter((r) => r.outcome === 'fail').map((r) => r.index);
  return failed.length > 0 ? Math.min(...failed) : undefined;
}

/** Pure: one line a case, as the campaign goes. */
export function caseLine(r: CaseRecord): string {
  const head = `case ${r.index} (seed ${r.seed}, ${r.wallSeconds.toFixed(0)} s): ${r.outcome.toUpperCase()}`;
  if (r.outcome === 'error') return `${head} ${whatFailed(r.first)}`;
  if (!r.shrink) return head;
  return `${head} ${whatFailed(r.first)}; shrunk in ${r.shrink.steps} runs${r.shrink.exhausted ? ' (budget ran out)' : ''} to ${r.shrink.file} (${whatFailed(r.shrink.minimalRun)}): replay with ${replayCommand(r.seed, r.shrink.path, r.mutant)}`;
}
