// One fuzz case: draw its scenario, run it (both variants, judged), and on a
// failure let fast-check shrink it, each candidate it tries a real run, within
// a budget of steps and time. The runner is injected: the command's runs
// `verify`, the unit tests a fake.
import fc from 'fast-check';
import { scenarioArbitrary } from './arbitrary.ts';
import { caseName, caseSeed, scenarioHash } from './draw.ts';
import { failing, type CaseRecord, type RunOutcome, type ShrinkResult } from './case-record.ts';
import type { Scenario } from '../scenario/schema.ts';

/** Runs one scenario; `step` 0 is the case's own draw, 1.. the shrink steps. Never throws a VerifyError: it returns it as `error`. */
export type Runner = (scenario: Scenario, at: { index: number; step: number }) => Promise<RunOutcome>;

export interface ShrinkBudget {
  /** Real runs while shrinking, at most. */
  steps: number;
  /** Wall seconds of shrinking, at most (from the end of the first run). */
  seconds: number;
  /** The campaign's own end (epoch ms): no shrink step starts after it. */
  deadline?: number;
}

export interface CaseInput {
  index: number;
  fuzzSeed: number;
  runner: Runner;
  budget: ShrinkBudget;
  /** The case's directory, relative to the campaign's (the record says where its runs are). */
  dir: string;
  now?: () => number;
}

/** What the property saw: each distinct scenario's run, the steps made, whether the budget stopped it. */
interface Seen {
  runs: Map<string, RunOutcome>;
  steps: number;
  reused: number;
  exhausted: boolean;
  shrinkStart?: number;
  /** The case's own draw. */
  drawn?: Scenario;
  /** A throw of the runner (a harness bug): rethrown once fast-check is done, never shrunk. */
  thrown?: unknown;
}

function overBudget(seen: Seen, b: ShrinkBudget, now: number): boolean {
  if (seen.steps >= b.steps) return true;
  if (b.deadline !== undefined && now >= b.deadline) return true;
  return seen.shrinkStart !== undefined && now - seen.shrinkStart >= b.seconds * 1000;
}

/** The property: a real run of each new candidate; a run already made is not made again; past the budget a candidate counts as passing, so shrinking ends on the smallest failure found. */
function property(o: CaseInput, seen: Seen, now: () => number) {
  return fc.asyncProperty(scenarioArbitrary(caseName(o.index)), async (s) => {
    if (seen.thrown !== undefined) return true;
    const hash = scenarioHash(s);
    const known = seen.runs.get(hash);
    if (known) {
      seen.reused++;
      return !failing(known);
    }
    const first = seen.runs.size === 0;
    if (first) seen.drawn = s;
    if (!first && overBudget(seen, o.budget, now())) {
      seen.exhausted = true;
      return true;
    }
    try {
      const run = await o.runner(s, { index: o.index, step: first ? 0 : seen.steps + 1 });
      if (!first) seen.steps++;
      seen.runs.set(hash, run);
      if (first) seen.shrinkStart = now();
      return !failing(run);
    } catch (e) {
      seen.thrown = e;
      return true;
    }
  });
}

/** Runs case `index` of the campaign, shrinking a failure; the record as the journal keeps it. */
export async function fuzzCase(o: CaseInput): Promise<{ record: CaseRecord; scenario: Scenario }> {
  const now = o.now ?? Date.now;
  const started = now();
  const seed = caseSeed(o.fuzzSeed, o.index);
  const seen: Seen = { runs: new Map(), steps: 0, reused: 0, exhausted: false };
  const details = await fc.check(property(o, seen, now), { seed, numRuns: 1 });
  if (seen.thrown !== undefined) throw seen.thrown;
  const [hash, first] = [...seen.runs.entries()][0]!;
  const scenario = seen.drawn!;
  const record: CaseRecord = {
    index: o.index,
    fuzzSeed: o.fuzzSeed,
    seed,
    hash,
    outcome: first.error && !failing(first) ? 'error' : failing(first) ? 'fail' : 'pass',
    first,
    dir: o.dir,
    wallSeconds: (now() - started) / 1000,
  };
  if (details.failed && details.counterexample && details.counterexamplePath !== null) {
    const minimal = details.counterexample[0];
    const minimalHash = scenarioHash(minimal);
    const shrink: ShrinkResult = {
      steps: seen.steps,
      reused: seen.reused,
      exhausted: seen.exhausted,
      path: details.counterexamplePath,
      minimal,
      minimalHash,
      minimalRun: seen.runs.get(minimalHash)!,
      file: `${o.dir}/minimal.yaml`,
    };
    record.shrink = shrink;
  }
  return { record, scenario };
}
