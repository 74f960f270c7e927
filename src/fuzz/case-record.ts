// Pure: what a fuzz case records of each real run (its outcome per variant and
// per claim, its wall time), whether a run is a failure worth shrinking, and
// the case's record as the journal keeps it.
import type { Verdict } from '../compare/verdict.ts';
import type { Outcome } from '../claims/types.ts';
import type { FailureKind } from '../errors.ts';
import type { Scenario } from '../scenario/schema.ts';
import type { MutantTag } from '../mutants/variant.ts';

export interface RunOutcome {
  /** Each variant run: true when its kernel agrees with its model. */
  variants: Partial<Record<'base' | 'patched', boolean>>;
  claims: { id: string; variant: string; outcome: Outcome }[];
  wallSeconds: number;
  /** The run record, relative to the campaign's directory. */
  dir?: string;
  /** The run could not be judged (build, boot, infrastructure): no verdict. */
  error?: { kind: FailureKind; message: string };
}

/** Pure: a verdict as a fuzz run keeps it. */
export function outcomeOf(verdict: Verdict, wallSeconds: number, dir?: string): RunOutcome {
  const variants: RunOutcome['variants'] = {};
  for (const [v, x] of Object.entries(verdict.variants)) variants[v as 'base' | 'patched'] = x.agrees;
  return { variants, claims: verdict.claims.map((c) => ({ id: c.id, variant: c.variant, outcome: c.outcome })), wallSeconds, ...(dir ? { dir } : {}) };
}

/**
 * A failure to shrink: a kernel that left its model, a claim FAIL, or a kernel
 * that misbehaved outside the claim (panic, oops: kind 'kernel'). A run that
 * could not be made (build, boot, host) says nothing of the scenario.
 */
export function failing(r: RunOutcome): boolean {
  if (r.error) return r.error.kind === 'kernel';
  return Object.values(r.variants).some((agrees) => !agrees) || r.claims.some((c) => c.outcome === 'fail');
}

/** What failed in a run, in words: "patched disagrees, C2 patched FAIL". */
export function whatFailed(r: RunOutcome): string {
  if (r.error) return `${r.error.kind} error: ${r.error.message.split('\n')[0]}`;
  const parts = [
    ...Object.entries(r.variants).filter(([, a]) => !a).map(([v]) => `${v} disagrees`),
    ...r.claims.filter((c) => c.outcome === 'fail').map((c) => `${c.id} ${c.variant} FAIL`),
  ];
  return parts.join(', ');
}

/** Pure: the command that runs a case's draw (or, with a shrink path, its shrunk scenario) again, on the same kernel. */
export const replayCommand = (seed: number, path?: string, mutant?: MutantTag): string =>
  `fuzz --replay ${seed}${path ? `:${path}` : ''}${mutant ? ` --mutant ${mutant.id}` : ''}`;

export type CaseOutcome = 'pass' | 'fail' | 'error';

export interface ShrinkResult {
  /** Real runs made while shrinking (the first run not counted). */
  steps: number;
  /** Candidates fast-check tried that had been run already (a run a scenario). */
  reused: number;
  /** The step or time budget ran out: the minimal scenario is the smallest failing one found by then. */
  exhausted: boolean;
  /** fast-check's counterexamplePath: `fuzz --replay <seed>:<path>` draws the minimal scenario. */
  path: string;
  minimal: Scenario;
  minimalHash: string;
  minimalRun: RunOutcome;
  /** The minimal scenario's YAML, relative to the campaign's directory. */
  file: string;
}

export interface CaseRecord {
  index: number;
  /** The campaign's seed (--seed) and the case's fast-check seed (src/fuzz/draw.ts caseSeed). */
  fuzzSeed: number;
  seed: number;
  hash: string;
  outcome: CaseOutcome;
  first: RunOutcome;
  /** The case's directory, relative to the campaign's. */
  dir: string;
  /** First run and shrinking together. */
  wallSeconds: number;
  shrink?: ShrinkResult;
  /** fuzz --mutant: the mutant the patched variant carried (its id and patch digest); absent for the series itself. */
  mutant?: MutantTag;
}
