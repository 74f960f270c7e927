// Pure: measured vs predicted for each variant, and the patch's claims: the
// canonical result of a run, from which every report is made.
import { monteCarlo, type McRequest, type MonteCarlo } from '../model/monte-carlo.ts';
import { arrivalsFromRun, paramsFor } from '../model/arrivals.ts';
import type { Variant } from '../model/params.ts';
import { familyOf, protocolOf, type Scenario } from '../scenario/schema.ts';
import { prefixLength } from '../flood/addr.ts';
import type { ParsedResults } from '../record/results.ts';
import { summarise } from '../record/summary.ts';
import { reportedTableSize, tableBits } from '../record/table-size.ts';
import { measuredSeries, type Measured } from './measured.ts';
import { checkBand, windowSeconds, type BandCheck } from './bands.ts';
import { claimC4, VARIANT_CLAIMS, type Claim } from './claims.ts';

/** The series a variant's kernel must follow. */
export const CHECKED_SERIES = ['conns', 'synRecv', 'templates', 'assured'] as const;

export interface VariantVerdict {
  variant: Variant;
  /** The model that was held against it (differs only in deliberate tests). */
  modelVariant: Variant;
  model: { runs: number; seed: number; windowSeconds: number };
  /**
   * The connection table: the scenario's conn_tab_bits, and the size the kernel
   * reported (absent in older records), which is what the model used.
   */
  table: { requestedBits: number; reportedSize?: number; modelBits: number };
  checks: BandCheck[];
  agrees: boolean;
}

export interface Verdict {
  variants: Partial<Record<Variant, VariantVerdict>>;
  claims: Claim[];
  claimsHold: boolean;
  /** At least one claim was judged (PASS or FAIL): the scenario could show something. */
  judgeable: boolean;
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

/** A run and a model: `${run}:${model}`. */
export type ModelKey = `${Variant}:${Variant}`;
/** The Monte Carlos a judgement needs, driven by each run's measured arrivals. */
export type ModelRequests = Partial<Record<ModelKey, McRequest & { origin: number }>>;

export const otherVariant = (v: Variant): Variant => (v === 'base' ? 'patched' : 'base');

/**
 * Pure (the planner): what to simulate for each variant's judgement: the run
 * against the model held against it, and against the other variant's model,
 * which tells whether the scenario can show each claim at all.
 */
export function modelRequests(input: JudgeInput): ModelRequests {
  const out: ModelRequests = {};
  for (const v of ['base', 'patched'] as const) {
    const run = input.runs[v];
    if (!run) continue;
    const model = arrivalsFromRun(run, input.scenario);
    const own = input.modelFor?.(v) ?? v;
    const size = reportedTableSize(run);
    for (const m of [own, otherVariant(own)]) {
      const params = paramsFor(input.scenario, m, size === undefined ? undefined : tableBits(size));
      // drop_entry 1 and 2 act only while free memory is below amemthresh: as the guest reported it.
      params.memoryLow = run.records.some((r) => r.type === 'sample' && r.avail !== undefined && r.avail < input.scenario.sysctl.amemthresh);
      out[`${v}:${m}`] = { params, arrivals: model.arrivals, sampleTimes: model.sampleTimes, origin: model.origin, seed: input.seed, runs: input.mcRuns };
      if (model.uncertainty) out[`${v}:${m}`]!.uncertainty = model.uncertainty;
      if (model.scanLatency) out[`${v}:${m}`]!.scanLatency = model.scanLatency;
      if (model.scanTimes) out[`${v}:${m}`]!.scanTimes = model.scanTimes;
    }
  }
  return out;
}

/**
 * Measured against predicted, and the claims. `models` are the Monte Carlos of
 * modelRequests(input), run by the caller (on every core: src/parallel/); when
 * absent they are run here, on this thread.
 */
export function judge(input: JudgeInput, models?: Partial<Record<ModelKey, MonteCarlo>>): Judged {
  const verdict: Verdict = { variants: {}, claims: [], claimsHold: true, judgeable: false };
  const detail: Judged['detail'] = {};
  const templateFraction: { base?: BandCheck; patched?: BandCheck } = {};
  const requests = modelRequests(input);
  for (const v of ['base', 'patched'] as const) {
    const run = input.runs[v];
    const modelVariant = input.modelFor?.(v) ?? v;
    const request = requests[`${v}:${modelVariant}`];
    const otherRequest = requests[`${v}:${otherVariant(modelVariant)}`];
    if (!run || !request || !otherRequest) continue;
    const mc = models?.[`${v}:${modelVariant}`] ?? monteCarlo(request);
    const other = models?.[`${v}:${otherVariant(modelVariant)}`] ?? monteCarlo(otherRequest);
    const model = { origin: request.origin };
    const netmaskBits = prefixLength(input.scenario.service.netmask);
    const family = familyOf(input.scenario);
    const measured = measuredSeries(run, netmaskBits, protocolOf(input.scenario), family);
    const w = windowSeconds(measured.t);
    const checks = CHECKED_SERIES.map((s) => checkBand(s, measured.series[s]!, mc, w));
    const agrees = checks.every((c) => c.agrees);
    const reportedSize = reportedTableSize(run);
    const table = { requestedBits: input.scenario.kernel.conn_tab_bits, ...(reportedSize !== undefined ? { reportedSize } : {}), modelBits: request.params.tabBits };
    verdict.variants[v] = { variant: v, modelVariant, model: { runs: input.mcRuns, seed: input.seed, windowSeconds: w }, table, checks, agrees };
    detail[v] = { mc, measured, origin: model.origin };
    templateFraction[v] = checks.find((c) => c.series === 'templates')!;
    const context = { scenario: input.scenario, measured, summary: summarise(run, netmaskBits, family), model: mc, modelVariant, other };
    for (const claim of VARIANT_CLAIMS[v]) verdict.claims.push(claim(context));
  }
  verdict.claims.push(claimC4(input.scenario, templateFraction));
  // In the order of their ids (C5 is carried by both variants' runs).
  const order = { base: 0, patched: 1, both: 2 } as const;
  verdict.claims.sort((a, b) => a.id.localeCompare(b.id) || order[a.variant] - order[b.variant]);
  verdict.claimsHold =
    Object.values(verdict.variants).every((x) => x.agrees) && verdict.claims.every((c) => c.outcome !== 'fail');
  verdict.judgeable = verdict.claims.some((c) => c.outcome !== 'inconclusive');
  return { verdict, detail };
}
