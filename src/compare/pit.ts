// Pure: the probability integral transform (PIT) of a kernel's number among
// its model's runs. A correct kernel is one more draw of the model, so among
// its n runs and itself its number's rank is uniform on 0..n: the PIT
// (rank + 0.5) / (n + 1) is then uniform on (0, 1), and over many variant-runs
// a histogram that is not flat says where the model is off (a U: too narrow; a
// hump: too wide; a slope: biased).
//
// Ties are common (a series' miss area is 0 for most runs and most kernels; a
// share of flood templates is a ratio of counts), and the mid-rank would pile
// such PITs at the tie block's middle: 0.5 when every run and the kernel agree,
// which a uniformity test reads as a model too wide. So the rank within the tie
// block is drawn (the randomized PIT of Czado, Gneiting and Held 2009): uniform
// on below..below+ties, so the rank is again uniform on 0..n. The draw is a
// function of the verdict's seed, the run's measured series and the
// quantity's name (mixed like the Monte Carlo's seeds: src/model/seed-mix.ts),
// so `--seed` reproduces it too.
import { splitmix64 } from '../model/seed-mix.ts';

/** Where a kernel's number lies among its model's runs. */
export interface Rank {
  /** Runs whose number is below the kernel's. */
  below: number;
  /** Runs whose number equals the kernel's. */
  ties: number;
  runs: number;
}

/** A rank and its PIT. */
export interface Pit extends Rank {
  pit: number;
}

export function rankAmong(x: number, values: ArrayLike<number>): Rank {
  let below = 0;
  let ties = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (v < x) below++;
    else if (v === x) ties++;
  }
  return { below, ties, runs: values.length };
}

/** FNV-1a, 32 bits: a quantity's name as a number. */
function fnv1a(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193) >>> 0;
  return h;
}

/**
 * A run's own number for its tie-breaks: a hash of what it measured. The seed
 * is the same for every record judged by default, so without it every run
 * would draw the same rank within its ties (seen: 11 records' areas, one PIT).
 */
export function runSalt(arrays: readonly ArrayLike<number>[]): number {
  let h = 0x811c9dc5;
  for (const a of arrays) {
    h = Math.imul(h ^ a.length, 0x01000193) >>> 0;
    for (let i = 0; i < a.length; i++) h = Math.imul(h ^ (Math.round(a[i]! * 1e6) | 0), 0x01000193) >>> 0;
  }
  return h;
}

/** A uniform in [0, 1) that depends on the seed and the name alone. */
export function tieBreak(seed: number, name: string): number {
  const state = BigInt.asUintN(64, (BigInt(seed) << 32n) ^ BigInt(fnv1a(name)));
  return Number(splitmix64(state).out >> 11n) / 2 ** 53;
}

/** The PIT with the rank drawn within the ties, by `u` uniform in [0, 1). */
export function pitOf(r: Rank, u: number): Pit {
  const rank = r.below + Math.min(r.ties, Math.floor(u * (r.ties + 1)));
  return { ...r, pit: (rank + 0.5) / (r.runs + 1) };
}

/**
 * Whether the kernel's number lay outside every one of its model's runs (not
 * merely drawn to the end of a tie block): above all of them, below all, or
 * neither (undefined). These are the tail runs a calibration report explains.
 */
export function outsideEveryRun(r: Rank): 'above' | 'below' | undefined {
  if (r.runs === 0) return undefined;
  if (r.below === r.runs) return 'above';
  if (r.below === 0 && r.ties === 0) return 'below';
  return undefined;
}
