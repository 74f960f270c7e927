// Pure: what a claim is and what it is judged from. A claim is one module
// (ClaimModule) in its own file, listed once in ./index.ts; the verdict
// (src/compare/verdict.ts) judges every module of that list the same way.
import type { MonteCarlo } from '../model/monte-carlo.ts';
import type { ModelParams, Variant } from '../model/params.ts';
import type { Scenario } from '../scenario/schema.ts';
import type { VariantSummary } from '../observe/summary.ts';
import type { Measured } from '../observe/measured.ts';
import type { BandCheck } from '../compare/bands.ts';
import type { Rank } from '../compare/pit.ts';

/**
 * PASS and FAIL: the kernel's number against its model and the other
 * variant's; INCONCLUSIVE: the scenario cannot show the claim; NOT DELIVERED:
 * in this configuration the series, by its own code, cannot make the claim
 * true, and the kernel does what its model says there (one that does not is a
 * FAIL). Only FAIL fails a verdict (src/compare/verdict.ts claimsHold).
 */
export type Outcome = 'pass' | 'fail' | 'inconclusive' | 'not-delivered';
/** C1, C2, ...: a new claim takes the next number, with no list of ids to extend. */
export type ClaimId = `C${number}`;

export interface Claim {
  id: ClaimId;
  /** The variant whose run carries it, or 'both' for a claim about the pair of runs. */
  variant: Variant | 'both';
  title: string;
  outcome: Outcome;
  reason: string;
  numbers: Record<string, number | string | null>;
  /** NOT DELIVERED: the kernel code by which the series cannot deliver the claim here (the reason begins with it). */
  undelivered?: string;
  /** The judgement's rank (Judgement), until the verdict moves it into its variant's PITs (src/compare/variant-pits.ts). */
  rank?: Rank;
}

/**
 * A claim's own answer: its outcome, why, and the numbers behind it; and where
 * its number is read off each of its model's runs too, where the kernel's lies
 * among them (the verdict keeps its PIT per variant: src/compare/pit.ts).
 */
export type Judgement = Pick<Claim, 'outcome' | 'reason' | 'numbers'> & { rank?: Rank };

/** What a claim carried by one variant's run is judged from. */
export interface ClaimContext {
  scenario: Scenario;
  measured: Measured;
  summary: VariantSummary;
  /** The model held against the run (its own variant's, but in deliberate tests). */
  model: MonteCarlo;
  modelVariant: Variant;
  /** The other variant's model, on the same inputs. */
  other: MonteCarlo;
}

/** The parameters the Monte Carlos of one run ran with: the model held against it and the other variant's. */
export interface RunModels {
  own: ModelParams;
  other: ModelParams;
}

/** One variant's judged run: its claim context, its band checks and its models' parameters. */
export interface JudgedRun extends ClaimContext {
  checks: BandCheck[];
  params: RunModels;
  /** Why the run cannot be held to its model (src/observe/memory.ts): its claims are INCONCLUSIVE with it. */
  unjudged?: string;
}

/** What a claim about the pair of runs is judged from: each variant's run that was made. */
export interface PairContext {
  scenario: Scenario;
  runs: Partial<Record<Variant, JudgedRun>>;
}

/** true, or why the scenario (or the models it ran with) cannot show the claim: it is then INCONCLUSIVE with that reason. */
export type Applies = true | string;

interface ClaimModuleHead {
  id: ClaimId;
  title(s: Scenario): string;
}

/**
 * Where the series, by its own code, cannot make a claim true in the
 * configuration its models ran with (e.g. UDP over DR: no client's template is
 * ever ASSURED).
 */
export interface Undelivered {
  /** Why not, naming the kernel function (the protocol's or method's words), or undefined where it can. */
  where(s: Scenario, models: RunModels): string | undefined;
  /**
   * The kernel's side there: FAIL where the run departs from its model on the
   * claim's number, INCONCLUSIVE where the run cannot show it, else NOT
   * DELIVERED, its reason beginning with `why`.
   */
  judge(c: ClaimContext, why: string): Judgement;
}

/** A claim judged on one variant's run (its own, or each variant's in turn). */
export interface RunClaimModule extends ClaimModuleHead {
  carriedBy: Variant | 'each-run';
  appliesTo(s: Scenario, models: RunModels): Applies;
  /** Asked where appliesTo() is true: where it answers, undelivered.judge() judges the run instead of judge(). */
  undelivered?: Undelivered;
  judge(c: ClaimContext): Judgement;
}

/** A claim judged on the pair of runs. */
export interface PairClaimModule extends ClaimModuleHead {
  carriedBy: 'pair';
  /** `models`: per variant's run that was made, the parameters its models ran with. */
  appliesTo(s: Scenario, models: Partial<Record<Variant, RunModels>>): Applies;
  judge(c: PairContext): Judgement;
}

/**
 * A claim module by which run carries it (carriedBy): one variant's ('base',
 * 'patched'), each variant's separately ('each-run': one claim a run), or the
 * pair of runs together ('pair': one claim, variant 'both').
 */
export type ClaimModule = RunClaimModule | PairClaimModule;
