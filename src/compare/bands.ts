// Pure: is a measured series inside the model's band?
//
// Tolerance, derived rather than tuned: the model is driven by arrivals known
// per sample interval (IPVS's counter says how many connections arrived between
// two samples, not when), and the sampler reads /proc at a time known to within
// its own loop's lateness. Both shift events by at most one sample interval, so
// a measured value at time t is compared with the model's 99% band (p0.5..p99.5)
// anywhere in [t - w, t + w], w = the longest interval between two samples.
// No tolerance is added on counts: the band already holds the kernel's own
// randomness (bucket draws, hash buckets, scan phase).
import type { MonteCarlo } from '../model/monte-carlo.ts';
import type { SeriesName } from '../model/params.ts';

export interface BandCheck {
  series: SeriesName;
  samples: number;
  inside: number;
  fraction: number;
  /** The worst miss, if any. */
  worst?: { t: number; value: number; lo: number; hi: number };
}

export function windowSeconds(t: Float64Array): number {
  let w = 0;
  for (let i = 1; i < t.length; i++) w = Math.max(w, t[i]! - t[i - 1]!);
  return w;
}

export function checkBand(series: SeriesName, measured: Int32Array, mc: MonteCarlo, w: number): BandCheck {
  const band = mc.bands[series];
  const t = mc.t;
  let inside = 0;
  let worst: BandCheck['worst'];
  let worstDist = -1;
  let lo0 = 0;
  for (let i = 0; i < measured.length; i++) {
    while (lo0 < t.length && t[lo0]! < t[i]! - w - 1e-9) lo0++;
    let lo = Infinity;
    let hi = -Infinity;
    for (let k = lo0; k < t.length && t[k]! <= t[i]! + w + 1e-9; k++) {
      lo = Math.min(lo, band.p0_5[k]!);
      hi = Math.max(hi, band.p99_5[k]!);
    }
    const v = measured[i]!;
    if (v >= lo && v <= hi) inside++;
    else {
      const d = v < lo ? lo - v : v - hi;
      if (d > worstDist) {
        worstDist = d;
        worst = { t: t[i]!, value: v, lo, hi };
      }
    }
  }
  const out: BandCheck = { series, samples: measured.length, inside, fraction: measured.length ? inside / measured.length : 0 };
  if (worst) out.worst = worst;
  return out;
}
