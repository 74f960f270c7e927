// Pure: measured vs predicted for each variant, and the patch's claims: the
// canonical result of a run, from which every report is made.
import { monteCarlo, type McRequest, type MonteCarlo } from '../model/monte-carlo.ts';
import { arrivalsFromRun, paramsFor } from '../model/arrivals.ts';
import type { Variant } from '../model/params.ts';
import type { Scenario } from '../scenario/schema.ts';
import type { ParsedResults } from '../record/results.ts';
import { summarise } from '../record/summary.ts';
import { measuredSeries, type Measured } from './measured.ts';
import { checkBand, windowSeconds, type BandCheck } from './bands.ts';
import { claimC1, claimC2, claimC3, claimC4, type Claim } from './claims.ts';

/** The series a variant's kernel must follow. */
export const CHECKED_SERIES = ['conns', 'synRecv', 'templates', 'assured'] as const;
/** Share of samples that must lie in the band (the band is 99%; the rest is the window's slack). */
export const AGREEMENT = 0.95;

export interface VariantVerdict {
  variant: Variant;
  /** The model that was held against it (differs only in deliberate tests). */
  modelVariant: Variant;
  model: { runs: number; seed: number; windowSeconds: number };
  checks: BandCheck[];
  agrees: boolean;
}

export interface Verdict {
  variants: Partial<Record<Variant, VariantVerdict>>;
  claims: Claim[];
  claimsHold: boolean;
}

export interface JudgeInput {
  scenario: Scenario;
  runs: Partial<Record<Variant, ParsedResults>>;
  seed: number;
  mcRuns: number;
  /** Which model judges which run; the identity unless a test wants a wrong model. */
  modelFor?: (v: Variant) => Variant;
}

export interface Judged {
  verdict: Verdict;
  /** For plots: the model's bands and the measured series per variant. */
  detail: Partial<Record<Variant, { mc: MonteCarlo; measured: Measured; origin: number }>>;
}

/** The Monte Carlo each measured variant is judged against, driven by its measured arrivals. */
export type ModelRequests = Partial<Record<Variant, McRequest & { origin: number }>>;

/** Pure (the planner): what to simulate for each variant's judgement. */
export function modelRequests(input: JudgeInput): ModelRequests {
  const out: ModelRequests = {};
  for (const v of ['base', 'patched'] as const) {
    const run = input.runs[v];
    if (!run) continue;
    const model = arrivalsFromRun(run);
    const params = paramsFor(input.scenario, input.modelFor?.(v) ?? v);
    // drop_entry 1 and 2 act only while free memory is below amemthresh: as the guest reported it.
    params.memoryLow = run.records.some((r) => r.type === 'sample' && r.avail !== undefined && r.avail < input.scenario.sysctl.amemthresh);
    out[v] = { params, arrivals: model.arrivals, sampleTimes: model.sampleTimes, origin: model.origin, seed: input.seed, runs: input.mcRuns };
  }
  return out;
}

/**
 * Measured against predicted, and the claims. `models` are the Monte Carlos of
 * modelRequests(input), run by the caller (on every core: src/parallel/); when
 * absent they are run here, on this thread.
 */
export function judge(input: JudgeInput, models?: Partial<Record<Variant, MonteCarlo>>): Judged {
  const verdict: Verdict = { variants: {}, claims: [], claimsHold: true };
  const detail: Judged['detail'] = {};
  const templateFraction: { base?: number; patched?: number } = {};
  const requests = modelRequests(input);
  for (const v of ['base', 'patched'] as const) {
    const run = input.runs[v];
    const request = requests[v];
    if (!run || !request) continue;
    const modelVariant = input.modelFor?.(v) ?? v;
    const mc = models?.[v] ?? monteCarlo(request);
    const model = { origin: request.origin };
    const measured = measuredSeries(run);
    const w = windowSeconds(measured.t);
    const checks = CHECKED_SERIES.map((s) => checkBand(s, measured.series[s]!, mc, w));
    const agrees = checks.every((c) => c.fraction >= AGREEMENT);
    verdict.variants[v] = { variant: v, modelVariant, model: { runs: input.mcRuns, seed: input.seed, windowSeconds: w }, checks, agrees };
    detail[v] = { mc, measured, origin: model.origin };
    templateFraction[v] = checks.find((c) => c.series === 'templates')!.fraction;
    if (v === 'base') verdict.claims.push(claimC1(measured, mc));
    if (v === 'patched') {
      verdict.claims.push(claimC2(measured, mc, input.scenario.kernel.conn_tab_bits));
      verdict.claims.push(claimC3(summarise(run)));
    }
  }
  verdict.claims.push(claimC4(input.scenario, templateFraction));
  // With drop_entry 0 the series' claims (C1, C2) are not what the run is for.
  if (input.scenario.sysctl.drop_entry === 0) {
    for (const c of verdict.claims) {
      if (c.id === 'C1' || c.id === 'C2') {
        c.outcome = 'inconclusive';
        c.reason = `drop_entry is 0: no drops to judge (${c.reason})`;
      }
    }
  }
  verdict.claimsHold =
    Object.values(verdict.variants).every((x) => x.agrees) && verdict.claims.every((c) => c.outcome !== 'fail');
  return { verdict, detail };
}
