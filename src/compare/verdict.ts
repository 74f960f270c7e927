// Pure: measured vs predicted for each variant, and the patch's claims: the
// canonical result of a run, from which every report is made.
import { monteCarlo, type McRequest, type MonteCarlo } from '../model/monte-carlo.ts';
import { arrivalsFromRun, paramsFor } from '../observe/arrivals.ts';
import { VARIANTS, type Variant } from '../model/params.ts';
import { familyOf, protocolOf, type Scenario } from '../scenario/schema.ts';
import { prefixLength } from '../flood/addr.ts';
import type { ParsedResults } from '../record/results.ts';
import { summarise } from '../observe/summary.ts';
import { memoryState, readsMemory } from '../observe/memory.ts';
import { reportedTableSize, tableBits } from '../record/table-size.ts';
import { measuredSeries, type Measured } from '../observe/measured.ts';
import { floodStates } from '../model/flood-states.ts';
import { checkBand, describeCheck, wantsFreshRuns, windowSeconds, type BandCheck, type FreshRuns } from './bands.ts';
import type { Claim, ClaimModule, PairContext } from '../claims/types.ts';
import { CLAIMS } from '../claims/index.ts';
import { judgeClaims } from '../claims/judge-claims.ts';
import { claimPits, seriesPits, type VariantPits } from './variant-pits.ts';
import { runSalt } from './pit.ts';
import { describeTryTrace, type TryTrace } from './try-trace.ts';

/** The series a variant's kernel must follow. */
const CHECKED_SERIES = ['conns', 'synRecv', 'templates', 'assured'] as const;

export interface VariantVerdict {
  variant: Variant;
  /** The model that was held against it (differs only in deliberate tests). */
  modelVariant: Variant;
  /** `freshRuns`: further runs drawn because the kernel missed by more than all `runs` (FreshRuns in ./bands.ts). */
  model: { runs: number; seed: number; windowSeconds: number; freshRuns?: number };
  /**
   * The connection table: the scenario's conn_tab_bits, and the size the kernel
   * reported (absent in older records), which is what the model used.
   */
  table: { requestedBits: number; reportedSize?: number; modelBits: number };
  checks: BandCheck[];
  /** True where unjudged: the run is held to nothing, so it departs from nothing. */
  agrees: boolean;
  /** Why the run cannot be held to its model at all (src/observe/memory.ts); its checks are then shown, not judged. */
  unjudged?: string;
  /**
   * Earlier runs of this variant's kernel that missed their model, each run
   * again (verify's retry, src/pipeline/retry.ts): where the record keeps each, and
   * its checks. The verdict above is the last run's.
   */
  earlierTries?: EarlierTry[];
  /** Where the kernel's numbers lie among its model's runs (./variant-pits.ts): uniform over many runs if the model is calibrated. */
  pit?: VariantPits;
}

/** An earlier try of a variant: its files' directory in the run record, its checks, and what its trace says of its guest. */
export interface EarlierTry {
  dir: string;
  checks: BandCheck[];
  pit?: VariantPits;
  /** Whether the host starved its guest (./try-trace.ts); absent in verdicts made before it was kept. */
  trace?: TryTrace;
}

/** "on run 2; run 1 missed it (kept in try-1/): templates 60%: ...", or undefined for a variant run once. */
export function describeEarlierTries(x: Pick<VariantVerdict, 'earlierTries'>): string | undefined {
  const earlier = x.earlierTries ?? [];
  if (earlier.length === 0) return undefined;
  const missed = earlier.map((e, i) => {
    const guest = e.trace ? describeTryTrace(e.trace) : undefined;
    return `run ${i + 1} missed it (kept in ${e.dir}/): ${e.checks.filter((c) => !c.agrees).map(describeCheck).join(', ')}${guest ? ` (${guest})` : ''}`;
  });
  return `on run ${earlier.length + 1}; ${missed.join('; ')}`;
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
  /** Each run's kernel's CONFIG_HZ, as its record has it (absent: paramsFor's fallback). */
  hz?: Partial<Record<Variant, number>>;
  seed: number;
  mcRuns: number;
  /** Which model judges which run; the identity unless a test wants a wrong model. */
  modelFor?: (v: Variant) => Variant;
  /**
   * At most this many further runs of a model when a kernel misses by more than
   * all mcRuns (default FRESH_FACTOR x mcRuns): a correct kernel then disagrees
   * with probability at most 1/(freshRuns+1) a series.
   */
  freshRuns?: number;
  /** The claims judged (default: all, src/claims/index.ts); a test may add one. */
  claims?: readonly ClaimModule[];
}

/** Further runs, at most, as a multiple of the band's. */
export const FRESH_FACTOR = 9;

export interface Judged {
  verdict: Verdict;
  /** For plots: the model's bands and the measured series per variant. */
  detail: Partial<Record<Variant, { mc: MonteCarlo; measured: Measured; origin: number }>>;
}

/** A run and a model: `${run}:${model}`. */
export type ModelKey = `${Variant}:${Variant}`;
/** The Monte Carlos a judgement needs, driven by each run's measured arrivals. */
export type ModelRequests = Partial<Record<ModelKey, McRequest & { origin: number }>>;
/** Further runs drawn so far, per model. */
export type Fresh = Partial<Record<ModelKey, FreshRuns>>;

const otherVariant = (v: Variant): Variant => (v === 'base' ? 'patched' : 'base');

/** The run's memory state against amemthresh, from its samples (src/observe/memory.ts). */
const memoryOf = (run: ParsedResults, scenario: Scenario) =>
  memoryState(run.records.flatMap((r) => (r.type === 'sample' && r.avail !== undefined ? [r.avail] : [])), scenario.sysctl.amemthresh);

/**
 * Pure (the planner): what to simulate for each variant's judgement: the run
 * against the model held against it, and against the other variant's model,
 * which tells whether the scenario can show each claim at all.
 */
export function modelRequests(input: JudgeInput): ModelRequests {
  const out: ModelRequests = {};
  for (const v of VARIANTS) {
    const run = input.runs[v];
    if (!run) continue;
    const model = arrivalsFromRun(run, input.scenario);
    const own = input.modelFor?.(v) ?? v;
    const size = reportedTableSize(run);
    // drop_entry 1 and 2 act only while free memory is below amemthresh: as the guest reported it.
    const memoryLow = memoryOf(run, input.scenario).low;
    for (const m of [own, otherVariant(own)]) {
      const params = paramsFor(input.scenario, m, size === undefined ? undefined : tableBits(size), input.hz?.[v]);
      params.memoryLow = memoryLow;
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
 * modelRequests(input), run by the caller (on every core: src/compare/judge-all-cores.ts); when
 * absent they are run here, on this thread.
 */
export function judge(input: JudgeInput, models?: Partial<Record<ModelKey, MonteCarlo>>, fresh: Fresh = {}): Judged {
  const verdict: Verdict = { variants: {}, claims: [], claimsHold: true, judgeable: false };
  const detail: Judged['detail'] = {};
  const pair: PairContext = { scenario: input.scenario, runs: {} };
  const requests = modelRequests(input);
  for (const v of VARIANTS) {
    const run = input.runs[v];
    const modelVariant = input.modelFor?.(v) ?? v;
    const request = requests[`${v}:${modelVariant}`];
    const otherRequest = requests[`${v}:${otherVariant(modelVariant)}`];
    if (!run || !request || !otherRequest) continue;
    const mc = models?.[`${v}:${modelVariant}`] ?? monteCarlo(request);
    const other = models?.[`${v}:${otherVariant(modelVariant)}`] ?? monteCarlo(otherRequest);
    const netmaskBits = prefixLength(input.scenario.service.netmask);
    const family = familyOf(input.scenario);
    const measured = measuredSeries(run, netmaskBits, protocolOf(input.scenario), family, floodStates(request.params).embryonicName);
    const w = windowSeconds(measured.t);
    const further = fresh[`${v}:${modelVariant}`];
    const checks = CHECKED_SERIES.map((s) => checkBand(s, measured.series[s]!, mc, w, further));
    // Where the model reads a memory state the samples cannot tell, the run is not judged.
    const memory = memoryOf(run, input.scenario);
    const unjudged = readsMemory(request.params) ? memory.unknown : undefined;
    const agrees = unjudged !== undefined || checks.every((c) => c.agrees);
    const reportedSize = reportedTableSize(run);
    const table = { requestedBits: input.scenario.kernel.conn_tab_bits, ...(reportedSize !== undefined ? { reportedSize } : {}), modelBits: request.params.tabBits };
    const model = { runs: input.mcRuns, seed: input.seed, windowSeconds: w, ...(further ? { freshRuns: further.count } : {}) };
    verdict.variants[v] = { variant: v, modelVariant, model, table, checks, agrees, ...(unjudged ? { unjudged } : {}) };
    detail[v] = { mc, measured, origin: request.origin };
    const summary = summarise(run, netmaskBits, family);
    pair.runs[v] = { scenario: input.scenario, measured, summary, model: mc, modelVariant, other, checks, params: { own: request.params, other: otherRequest.params }, ...(unjudged ? { unjudged } : {}) };
  }
  verdict.claims = judgeClaims(input.claims ?? CLAIMS, pair);
  // Each run's tie-breaks drawn by its own measured series (runSalt).
  const salt = Object.fromEntries(Object.entries(detail).map(([v, d]) => [v, runSalt([d.measured.t, ...CHECKED_SERIES.map((s) => d.measured.series[s]!)])]));
  const claimPit = claimPits(verdict.claims, input.seed, salt);
  // An unjudged run's PITs would rank it against a model that is not its kernel's: calibration counts none.
  for (const x of Object.values(verdict.variants)) x.pit = x.unjudged ? { claims: {}, series: {} } : { claims: claimPit[x.variant] ?? {}, series: seriesPits(x.checks, input.seed, x.variant, salt[x.variant] ?? 0) };
  verdict.claimsHold =
    Object.values(verdict.variants).every((x) => x.agrees) && verdict.claims.every((c) => c.outcome !== 'fail');
  verdict.judgeable = verdict.claims.some((c) => c.outcome !== 'inconclusive');
  return { verdict, detail };
}

/** The next batch of further runs for one model: runs first..first+count-1 of its request. */
export interface FreshBatch {
  key: ModelKey;
  request: McRequest;
  first: number;
  count: number;
}

/**
 * Pure (the planner): which models need further runs before the verdict
 * stands, after judge(input, models, fresh): those whose kernel missed by more
 * than every run so far on some series. Batches double (mcRuns, then as many as
 * drawn) up to input.freshRuns, so a kernel near the edge costs one batch and
 * only a kernel the model does not describe costs them all.
 */
export function freshBatches(input: JudgeInput, verdict: Verdict, fresh: Fresh): FreshBatch[] {
  const limit = input.freshRuns ?? FRESH_FACTOR * input.mcRuns;
  const requests = modelRequests(input);
  const out: FreshBatch[] = [];
  for (const x of Object.values(verdict.variants)) {
    if (x.unjudged || !x.checks.some(wantsFreshRuns)) continue;
    const key: ModelKey = `${x.variant}:${x.modelVariant}`;
    const have = fresh[key]?.count ?? 0;
    const request = requests[key];
    if (!request || have >= limit) continue;
    out.push({ key, request, first: input.mcRuns + have, count: Math.min(limit - have, Math.max(have, input.mcRuns)) });
  }
  return out;
}

/** Further runs so far, with a batch's values appended. */
export function withBatch(fresh: FreshRuns | undefined, count: number, values: FreshRuns['values']): FreshRuns {
  if (!fresh) return { count, values };
  const joined = {} as FreshRuns['values'];
  for (const s of Object.keys(values) as (keyof FreshRuns['values'])[]) {
    const a = new Int32Array(fresh.values[s].length + values[s].length);
    a.set(fresh.values[s]);
    a.set(values[s], fresh.values[s].length);
    joined[s] = a;
  }
  return { count: fresh.count + count, values: joined };
}
