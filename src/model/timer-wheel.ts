// Pure: when a Linux timer really fires. kernel/time/timer.c (6.1),
// calc_wheel_index() and calc_index(): a timer lands in the level chosen by its
// distance from the wheel clock, and its expiry is rounded *up* to that level's
// granularity (8^level jiffies), so it never fires early and may fire late.

const LVL_CLK_SHIFT = 3;
const LVL_SIZE = 64;
/** LVL_DEPTH: 9 levels when HZ > 100. */
const LVL_DEPTH = 9;
/** LVL_START(n) = (LVL_SIZE - 1) << ((n - 1) * LVL_CLK_SHIFT), for n = 1..LVL_DEPTH-1. */
const LVL_START = Int32Array.from({ length: LVL_DEPTH - 1 }, (_, i) => (LVL_SIZE - 1) * 2 ** (i * LVL_CLK_SHIFT));
/** LVL_GRAN(n) = 1 << LVL_SHIFT(n). */
const LVL_GRAN = Float64Array.from({ length: LVL_DEPTH }, (_, i) => 2 ** (i * LVL_CLK_SHIFT));

/** The jiffy at which a timer armed at `clk` for `expires` fires (integers below 2^31). */
export function wheelFireJiffy(expires: number, clk: number): number {
  const delta = expires - clk;
  if (delta < 0) return clk;
  let lvl = 0;
  while (lvl < LVL_DEPTH - 1 && delta >= LVL_START[lvl]!) lvl++;
  // calc_index(): expires = (expires >> LVL_SHIFT(lvl)) + 1; bucket_expiry = expires << LVL_SHIFT(lvl)
  if (expires < 0x40000000) {
    const shift = lvl * LVL_CLK_SHIFT;
    return ((expires >> shift) + 1) << shift;
  }
  const g = LVL_GRAN[lvl]!;
  return (Math.floor(expires / g) + 1) * g;
}

/** Worst-case lateness, in jiffies, of a timer `delta` jiffies away. */
export function wheelGranularity(delta: number): number {
  let lvl = 0;
  while (lvl < LVL_DEPTH - 1 && delta >= LVL_START[lvl]!) lvl++;
  return LVL_GRAN[lvl]!;
}
