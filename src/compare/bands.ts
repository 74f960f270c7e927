// Pure: is a measured series inside the model's band?
//
// Tolerance, derived rather than tuned: the model is driven by arrivals known
// per sample interval (IPVS's counter says how many connections arrived between
// two samples, not when), and the sampler reads /proc at a time known to within
// its own loop's lateness. Both shift events by at most one sample interval, so
// a measured value at time t is compared with the model's 99% band (p0.5..p99.5)
// anywhere in [t - w, t + w], w = the longest interval between two samples.
// On counts, the band holds the kernel's own randomness (bucket draws, hash
// buckets, scan phase), and one thing more: the reader's. /proc/net/ip_vs_conn
// is a seq_file that hands out a page of lines per read() and finds its place
// again by position (ip_vs_conn_seq_start walks *pos entries from the start).
// An entry freed between two reads, ahead of that place, makes the walk skip
// one entry it has not shown yet; one created there makes it show one twice.
// So a count can be low by at most the entries freed while it was read, and
// high by at most those created; the read starts at the sample's time and ends
// before the next, so the model's own churn over the same window bounds both:
// the band is widened by the model's p99.5 of entries freed (down) and created
// (up) per sample interval. Seen: base's 4747 templates read as 4703 while
// ~55 connections a second were being freed, 4747 again once that slowed.
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
    let freed = 0;
    let created = 0;
    for (let k = lo0; k < t.length && t[k]! <= t[i]! + w + 1e-9; k++) {
      lo = Math.min(lo, band.p0_5[k]!);
      hi = Math.max(hi, band.p99_5[k]!);
      freed = Math.max(freed, mc.bands.removed?.p99_5[k] ?? 0);
      created = Math.max(created, mc.bands.added?.p99_5[k] ?? 0);
    }
    lo -= freed;
    hi += created;
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
