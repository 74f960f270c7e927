// Pure: the pieces of the kernel's defense the table simulator (./sim.ts) uses
// (net/netfilter/ipvs/ip_vs_ctl.c defense_work_handler(), ip_vs_conn.c
// todrop_entry()).

/** DEFENSE_TIMER_PERIOD: 1*HZ. */
export const DEFENSE_PERIOD_S = 1;
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
