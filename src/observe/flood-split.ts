// Pure: which kind of connection a flood account's difference is in, where
// the samples' IPVS counter (/proc/net/ip_vs_stats conns: the estimator's
// copy of ip_vs_conn_stats()'s count, refreshed every 2 s by
// estimation_timer()/ip_vs_estimation_kthread()) shows it. Read at a sample
// taken after the flood ended and after any client for the estimator's
// refresh and a margin, the counter holds every flood connection made and the
// clients' before it: the difference then falls before or after that sample.
import { samplesOf, type ParsedResults } from '../record/results.ts';

/** The estimator refreshes its copy every 2 s; half a second more for a late timer. */
const COUNTER_LAG_S = 2.5;

export interface FloodSplit {
  /** The sample the counter was read at (guest time). */
  at: number;
  /** Made by then (the counter) against given by then: every flood packet sent and the clients' connections before at - 2.5 s. */
  madeBy: number;
  givenBy: number;
  /** Made after it (the end's count less madeBy) against the clients' connections given after. */
  madeAfter: number;
  givenAfter: number;
}

const hex = (s: unknown): number => (typeof s === 'string' && /^[0-9A-Fa-f]+$/.test(s) ? Number.parseInt(s, 16) : NaN);

/**
 * The first sample at least 2.5 s after the flood's end and after every
 * client connection given within the 2.5 s before it; undefined when no
 * sample is so placed or its counter is unreadable.
 */
export function floodSplitOf(p: ParsedResults, account: { floodSent: number; created: number }, floodEnd: number, clientTimes: readonly number[]): FloodSplit | undefined {
  const s = samplesOf(p).find((x) => x.t >= floodEnd + COUNTER_LAG_S && !clientTimes.some((c) => c > x.t - COUNTER_LAG_S && c <= x.t));
  if (!s) return undefined;
  const madeBy = hex(s.stats?.conns);
  if (!Number.isFinite(madeBy)) return undefined;
  const before = clientTimes.filter((c) => c <= s.t - COUNTER_LAG_S).length;
  return { at: s.t, madeBy, givenBy: account.floodSent + before, madeAfter: account.created - madeBy, givenAfter: clientTimes.length - before };
}
