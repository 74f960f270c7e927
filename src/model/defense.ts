// Pure: the pieces of the kernel's defense the table simulator (./sim.ts) uses
// (net/netfilter/ipvs/ip_vs_ctl.c defense_work_handler(), ip_vs_conn.c
// todrop_entry()).

/** DEFENSE_TIMER_PERIOD: 1*HZ. */
const DEFENSE_PERIOD_S = 1;
/** todrop_entry() leaves an entry alone until it has been idle this long. */
export const TODROP_IDLE_S = 60;

/**
 * todrop_entry()'s counters: of the idle entries with in_pkts 1..8, one in
 * in_pkts is dropped (todrop_rate[i] = i; static counters, shared by every
 * entry and protocol).
 */
export class Todrop {
  private readonly counter = new Int32Array(9);

  pick(inPkts: number): boolean {
    if (inPkts > 8 || inPkts < 1) return false;
    if (--this.counter[inPkts]! > 0) return false;
    this.counter[inPkts] = inPkts;
    return true;
  }
}

/** What decides when the defense work scans (see scanClock). */
export interface ScanClockInput {
  hz: number;
  /** The runs of defense_work_handler() the guest traced, model jiffies, ascending. */
  traced?: Int32Array;
  /** Untraced: how late a timer-woken task woke around each sample (model seconds, seconds). */
  latency?: { t: Float64Array; late: Float64Array };
  /** The simulation's generator: a 32-bit draw, and an integer in [0, n). */
  next32: () => number;
  rand: (n: number) => number;
  /** The timer wheel's firing jiffy for an expiry armed at `now` (kernel/time/timer.c). */
  wheelFire: (expires: number, now: number) => number;
}

/**
 * When defense_work_handler() runs (and, when the drop-entry defense is on,
 * ip_vs_random_dropentry() with it): `first`, then `after(j)` for the run after
 * one at jiffy j. Traced runs are what the kernel did. Untraced (older records,
 * synthesised timelines): an unknown phase, then each period a timer,
 * queue_delayed_work(..., DEFENSE_TIMER_PERIOD) rounded like any other, plus the
 * kworker's wake-up latency taken as the sampler's (less up to a jiffy of it:
 * low-resolution hrtimers fire on ticks).
 */
export function scanClock(c: ScanClockInput): { first: number; after: (j: number) => number } {
  const { hz, traced } = c;
  if (traced) {
    // (Runs before model time 0 are skipped: the simulation starts there.)
    let k = 0;
    const after = (j: number) => {
      while (k < traced.length && traced[k]! <= j) k++;
      return k < traced.length ? traced[k]! : Infinity;
    };
    return { first: after(-1), after };
  }
  const lat = c.latency;
  let latK = 0;
  const workLatency = (j: number): number => {
    if (!lat || lat.t.length === 0) return 0;
    while (latK < lat.t.length - 1 && lat.t[latK + 1]! * hz <= j) latK++;
    return Math.max(0, Math.round(lat.late[latK]! * hz - c.next32() / 2 ** 32));
  };
  return {
    // The work runs since the namespace was set up: an unknown phase.
    first: c.rand(DEFENSE_PERIOD_S * hz),
    after: (j) => c.wheelFire(j + DEFENSE_PERIOD_S * hz, j) + workLatency(j),
  };
}

/**
 * update_defense_level() (net/netfilter/ipvs/ip_vs_ctl.c): whether
 * drop_entry's effective mode is on, so that the defense work calls
 * ip_vs_random_dropentry(): mode 3 always; modes 1 and 2 while free memory is
 * below amemthresh (the kernel flips the sysctl between them as memory comes
 * and goes); mode 0 never.
 */
export function dropEntryOn(p: { dropEntry: 0 | 1 | 2 | 3; memoryLow: boolean }): boolean {
  return p.dropEntry === 3 || ((p.dropEntry === 1 || p.dropEntry === 2) && p.memoryLow);
}
