// Pure: many seeded runs of the model, summarised into quantile bands.
import { simulate, prepareJiffies, type SimInput } from './sim.ts';
import { drawInputs, type Uncertainty } from './uncertainty.ts';
import { SERIES, type SeriesName } from './params.ts';

export const QUANTILES = [0.005, 0.05, 0.5, 0.95, 0.995] as const;
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


/** Runs first .. first+count-1 of a request (seeds seed+first, ...): each series, count x samples. */
export function monteCarloValues(req: McRequest, first: number, count: number): Record<SeriesName, Int32Array> {
  const n = req.sampleTimes.length;
  const values = Object.fromEntries(SERIES.map((s) => [s, new Int32Array(count * n)])) as Record<SeriesName, Int32Array>;
  const fixed = req.uncertainty ? undefined : prepareJiffies(req.arrivals, req.sampleTimes, req.params.hz);
  for (let r = 0; r < count; r++) {
    const seed = req.seed + first + r;
    let input: SimInput = { ...req, seed, jiffies: fixed! };
    if (req.uncertainty) {
      const d = drawInputs(req.arrivals, req.sampleTimes, req.uncertainty, seed);
      const params = d.jiffiesAtZero === undefined ? req.params : { ...req.params, jiffiesAtZero: d.jiffiesAtZero };
      input = { ...req, params, arrivals: d.arrivals, seed, jiffies: prepareJiffies(d.arrivals, d.sampleTimes, req.params.hz) };
    }
    const out = simulate(input);
    for (const s of SERIES) values[s].set(out.series[s], r * n);
  }
  return values;
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
