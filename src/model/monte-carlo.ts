// Pure: many seeded runs of the model, summarised into quantile bands.
import { simulate, prepareJiffies, type SimInput, type Jiffies } from './sim.ts';
import { drawInputs, type Uncertainty } from './uncertainty.ts';
import { SERIES, type SeriesName } from './params.ts';

const QUANTILES = [0.005, 0.05, 0.5, 0.95, 0.995] as const;
export type Band = { p0_5: Float64Array; p5: Float64Array; p50: Float64Array; p95: Float64Array; p99_5: Float64Array };

export interface MonteCarlo {
  t: Float64Array;
  runs: number;
  /** Per series: runs x samples, row-major. */
  values: Record<SeriesName, Int32Array>;
  bands: Record<SeriesName, Band>;
}

/** The q-quantile of sorted values (nearest rank, so bands are values a run produced). */
export function quantileSorted(sorted: ArrayLike<number>, q: number): number {
  if (sorted.length === 0) return NaN;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1));
  return sorted[i]!;
}

export function bandsOf(values: Int32Array, runs: number, samples: number): Band {
  const out = QUANTILES.map(() => new Float64Array(samples));
  const col = new Int32Array(runs);
  for (let s = 0; s < samples; s++) {
    for (let r = 0; r < runs; r++) col[r] = values[r * samples + s]!;
    col.sort();
    QUANTILES.forEach((q, k) => (out[k]![s] = quantileSorted(col, q)));
  }
  const [p0_5, p5, p50, p95, p99_5] = out as [Float64Array, Float64Array, Float64Array, Float64Array, Float64Array];
  return { p0_5, p5, p50, p95, p99_5 };
}

/** A Monte Carlo: `runs` seeded runs of the model, seeds seed, seed+1, ... */
export type McRequest = Omit<SimInput, 'seed' | 'jiffies'> & {
  seed: number;
  runs: number;
  /** What the guest could not time exactly: each run draws its own (absent: the inputs as they are). */
  uncertainty?: Uncertainty;
};


/** Run `seed` of a request: its own draw of what the guest could not time, or the inputs as they are (`fixed`). */
function runInput(req: McRequest, fixed: Jiffies | undefined, seed: number): SimInput {
  if (!req.uncertainty) return { ...req, seed, jiffies: fixed! };
  const d = drawInputs(req.arrivals, req.sampleTimes, req.uncertainty, seed);
  const params = d.jiffiesAtZero === undefined ? req.params : { ...req.params, jiffiesAtZero: d.jiffiesAtZero };
  return { ...req, params, arrivals: d.arrivals, seed, jiffies: prepareJiffies(d.arrivals, d.sampleTimes, req.params.hz) };
}

const fixedJiffies = (req: McRequest) => (req.uncertainty ? undefined : prepareJiffies(req.arrivals, req.sampleTimes, req.params.hz));

/** Runs first .. first+count-1 of a request (seeds seed+first, ...): each series, count x samples. */
export function monteCarloValues(req: McRequest, first: number, count: number): Record<SeriesName, Int32Array> {
  const n = req.sampleTimes.length;
  const values = Object.fromEntries(SERIES.map((s) => [s, new Int32Array(count * n)])) as Record<SeriesName, Int32Array>;
  const fixed = fixedJiffies(req);
  for (let r = 0; r < count; r++) {
    const out = simulate(runInput(req, fixed, req.seed + first + r));
    for (const s of SERIES) values[s].set(out.series[s], r * n);
  }
  return values;
}

/** The same runs' counts of the scan's drop line (SimOutput.dropLines), one a run: what gcov counts on a kernel. */
export function monteCarloDropLines(req: McRequest, first: number, count: number): Int32Array {
  const out = new Int32Array(count);
  const fixed = fixedJiffies(req);
  for (let r = 0; r < count; r++) out[r] = simulate(runInput(req, fixed, req.seed + first + r)).dropLines ?? 0;
  return out;
}

/** The bands of all of a request's runs. */
export function monteCarloFromValues(req: McRequest, values: Record<SeriesName, Int32Array>): MonteCarlo {
  const n = req.sampleTimes.length;
  const bands = Object.fromEntries(SERIES.map((s) => [s, bandsOf(values[s], req.runs, n)])) as Record<SeriesName, Band>;
  return { t: req.sampleTimes, runs: req.runs, values, bands };
}

/** Runs seeds seed, seed+1, ... seed+runs-1 (on this thread; src/model/pool.ts spreads them over cores). */
export function monteCarlo(req: McRequest): MonteCarlo {
  return monteCarloFromValues(req, monteCarloValues(req, 0, req.runs));
}
