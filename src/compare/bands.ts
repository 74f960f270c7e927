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

/**
 * Further runs of the same model, drawn after the band's (seeds seed+runs, ...)
 * and held against the band as the kernel is. The band's own runs shaped it, so
 * they miss it less than a new draw does (seen: a series whose 1000 runs missed
 * by 0.05 band-widths at most, where 9000 further runs missed by up to 1.37);
 * a kernel is a new draw, and only new draws say how often one misses as much.
 */
export interface FreshRuns {
  count: number;
  /** Per series: count x samples, row-major. */
  values: Record<SeriesName, Int32Array>;
}

/**
 * Share of samples that must lie in the band, whatever the model's runs do:
 * the band is 99%, the rest is the window's slack. A kernel whose share is
 * lower still agrees when the model's own runs do no better (below).
 */
export const AGREEMENT = 0.95;

export interface BandCheck {
  series: SeriesName;
  samples: number;
  inside: number;
  fraction: number;
  /** The worst miss, if any. */
  worst?: { t: number; value: number; lo: number; hi: number };
  /** Where the misses lie: how many above and below the band, first and last miss times (model seconds). */
  misses?: { above: number; below: number; from: number; to: number };
  /** How far the misses lie outside the band: the sum of their distances, each in band widths. */
  area: number;
  /**
   * The same for each of the model's own runs, against the same band: what a
   * correct kernel, one more draw of the model, looks like. Samples of one run
   * are not independent (a run that keeps a few templates more keeps them for
   * minutes), so a correct kernel can leave the band at many samples at once;
   * how often, and by how much, is read off the runs, not assumed.
   */
  runs: {
    count: number;
    lowestFraction: number;
    largestArea: number;
    /** Runs that miss by at least the kernel's area. */
    wider: number;
    /** Of those, the runs that miss by exactly the kernel's area (most often 0: both in band): the ties of its rank (src/compare/pit.ts). */
    equal: number;
    /** Runs with less than AGREEMENT of their samples in the band: how often a correct kernel is too. */
    underAgreement: number;
    /** The further runs drawn for a kernel that missed by more than every one of these (FreshRuns): how many, and how many of them miss by as much. */
    fresh?: { count: number; wider: number };
  };
  /**
   * At least AGREEMENT of the samples in the band, or misses no wider than the
   * widest of the model's runs, or than one of the further runs drawn when it
   * does (FreshRuns): a correct kernel, one more draw of the model, misses by
   * more than all n further runs with probability 1/(n+1).
   */
  agrees: boolean;
}

export function windowSeconds(t: Float64Array): number {
  let w = 0;
  for (let i = 1; i < t.length; i++) w = Math.max(w, t[i]! - t[i - 1]!);
  return w;
}

/** Per sample, what a measured value may be: the band over the window, widened by the reader's churn. */
function bandBounds(series: SeriesName, mc: MonteCarlo, w: number): { lo: Float64Array; hi: Float64Array } {
  const band = mc.bands[series];
  const t = mc.t;
  const lo = new Float64Array(t.length);
  const hi = new Float64Array(t.length);
  let lo0 = 0;
  for (let i = 0; i < t.length; i++) {
    while (lo0 < t.length && t[lo0]! < t[i]! - w - 1e-9) lo0++;
    let l = Infinity;
    let h = -Infinity;
    let freed = 0;
    let created = 0;
    for (let k = lo0; k < t.length && t[k]! <= t[i]! + w + 1e-9; k++) {
      l = Math.min(l, band.p0_5[k]!);
      h = Math.max(h, band.p99_5[k]!);
      freed = Math.max(freed, mc.bands.removed?.p99_5[k] ?? 0);
      created = Math.max(created, mc.bands.added?.p99_5[k] ?? 0);
    }
    lo[i] = l - freed;
    hi[i] = h + created;
  }
  return { lo, hi };
}

/**
 * Samples in the band, and the area outside it: each miss's distance from the
 * band in band widths (at least one entry wide), summed. A run among the
 * model's few most extreme at a sample misses by a little; a kernel the model
 * does not describe misses by a lot, at many samples.
 */
function inBand(values: ArrayLike<number>, offset: number, n: number, b: { lo: Float64Array; hi: Float64Array }): { inside: number; area: number } {
  let inside = 0;
  let area = 0;
  for (let i = 0; i < n; i++) {
    const v = values[offset + i]!;
    const lo = b.lo[i]!;
    const hi = b.hi[i]!;
    if (v >= lo && v <= hi) inside++;
    else area += (v < lo ? lo - v : v - hi) / Math.max(hi - lo, 1);
  }
  return { inside, area };
}

/** Of `count` runs (values row-major), how many miss the band by at least `area`. */
function asWide(values: Int32Array, count: number, n: number, b: { lo: Float64Array; hi: Float64Array }, area: number): number {
  let wider = 0;
  for (let r = 0; r < count; r++) if (inBand(values, r * n, n, b).area >= area) wider++;
  return wider;
}

export function checkBand(series: SeriesName, measured: Int32Array, mc: MonteCarlo, w: number, fresh?: FreshRuns): BandCheck {
  const b = bandBounds(series, mc, w);
  const t = mc.t;
  const n = measured.length;
  const { inside, area } = inBand(measured, 0, n, b);
  let worst: BandCheck['worst'];
  let misses: BandCheck['misses'];
  let worstDist = -1;
  for (let i = 0; i < n; i++) {
    const v = measured[i]!;
    const d = v < b.lo[i]! ? b.lo[i]! - v : v > b.hi[i]! ? v - b.hi[i]! : 0;
    if (d > 0) {
      misses ??= { above: 0, below: 0, from: t[i]!, to: t[i]! };
      misses[v < b.lo[i]! ? 'below' : 'above']++;
      misses.to = t[i]!;
    }
    if (d > 0 && d > worstDist) {
      worstDist = d;
      worst = { t: t[i]!, value: v, lo: b.lo[i]!, hi: b.hi[i]! };
    }
  }
  const fraction = n ? inside / n : 0;
  // Each model run against the same band, as if it were the kernel.
  const values = mc.values?.[series];
  const fractions: number[] = [];
  const areas: number[] = [];
  if (values && values.length >= mc.runs * t.length && n === t.length) {
    for (let r = 0; r < mc.runs; r++) {
      const x = inBand(values, r * n, n, b);
      fractions.push(n ? x.inside / n : 0);
      areas.push(x.area);
    }
  }
  const runs: BandCheck['runs'] = {
    count: fractions.length,
    lowestFraction: fractions.length ? Math.min(...fractions) : 1,
    largestArea: areas.length ? Math.max(...areas) : 0,
    wider: areas.filter((x) => x >= area).length,
    equal: areas.filter((x) => x === area).length,
    underAgreement: fractions.filter((x) => x < AGREEMENT).length,
  };
  let agrees = fraction >= AGREEMENT || (runs.count > 0 && area <= runs.largestArea);
  if (!agrees && runs.count > 0 && fresh && fresh.count > 0) {
    runs.fresh = { count: fresh.count, wider: asWide(fresh.values[series], fresh.count, n, b, area) };
    agrees = runs.fresh.wider > 0;
  }
  const out: BandCheck = { series, samples: n, inside, fraction, area, runs, agrees };
  if (worst) out.worst = worst;
  if (misses) out.misses = misses;
  return out;
}

/**
 * "templates 80%", and when that is under AGREEMENT, where the misses lie (so
 * that a log alone tells a level shift from a late event) and how they compare
 * with the model's own runs'.
 */
export function describeCheck(c: BandCheck): string {
  const pct = (x: number) => `${(100 * x).toFixed(0)}%`;
  const head = `${c.series} ${pct(c.fraction)}`;
  if (c.fraction >= AGREEMENT || c.runs.count === 0) return head;
  const m = c.misses;
  const w = c.worst;
  const where = m && w
    ? `: ${m.above} above, ${m.below} below, ${m.from.toFixed(0)}..${m.to.toFixed(0)} s; worst at ${w.t.toFixed(0)} s, ${w.value} against ${Math.round(w.lo)}..${Math.round(w.hi)}`
    : '';
  const fresh = c.runs.fresh ? `; ${c.runs.fresh.wider} of ${c.runs.fresh.count} further runs miss by as much` : '';
  return `${head}${where}, missing by ${c.area.toFixed(2)} band-widths (the model's own runs: up to ${c.runs.largestArea.toFixed(2)}; ${c.runs.wider} of ${c.runs.count} miss by as much, ${c.runs.underAgreement} are under ${pct(AGREEMENT)} in band${fresh})`;
}

/** The kernel missed by more than every run of the band's model and no further run drawn so far misses as much: more may settle it. */
export const wantsFreshRuns = (c: BandCheck): boolean => !c.agrees && c.runs.count > 0;
