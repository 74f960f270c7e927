// Pure: the connections IPVS made against those the model was given. The
// model takes every flood packet tcpreplay reported sent as a new connection
// (a replayed plan repeats no source and port) and every client request the
// record shows as one (arrivalsFromRun). IPVS counts the connections its
// schedulers made (ip_vs_conn_stats() from ip_vs_schedule()/
// ip_vs_sched_persist(); templates are not counted). Fewer made than given:
// the model is given connections IPVS never made, which it would count as
// connections the kernel must have dropped: its error would then be in its
// input, not in its table. The account says only what was counted; which
// kind differs is said only where the samples' counter shows it (./flood-split.ts).
import type { Scenario } from '../scenario/schema.ts';
import type { Arrivals } from '../model/params.ts';
import { VerifyError } from '../errors.ts';
import { samplesOf, type ParsedResults } from '../record/results.ts';
import { directorTotalsOf } from '../record/director-output.ts';
import type { Maybe } from '../record/trace-health.ts';
import { arrivalsFromRun, replayedPlan } from './arrivals.ts';
import { floodSplitOf, type FloodSplit } from './flood-split.ts';

export interface FloodAccount {
  /** Flood packets tcpreplay reported sent (flood-end). */
  floodSent: number;
  /** Client connections the model was given. */
  clientConns: number;
  /** Connections IPVS made over the run. */
  created: number;
  /**
   * Where `created` is from: the per-CPU counters at the end of the run
   * (director-totals), or the last sample's /proc/net/ip_vs_stats (the
   * estimator's copy, refreshed every 2 s: older records).
   */
  createdFrom: 'director-totals' | 'last sample';
  /** floodSent + clientConns - created: > 0, that many fewer made than given. */
  shortfall: number;
  /** The counter's word on which kind differs (./flood-split.ts); absent where no sample is so placed. */
  split?: FloodSplit;
}

function createdOf(p: ParsedResults): Maybe<{ created: number; createdFrom: FloodAccount['createdFrom'] }> {
  const totals = directorTotalsOf(p);
  if (totals !== undefined && !('damaged' in totals)) return { created: totals.conns, createdFrom: 'director-totals' };
  const conns = samplesOf(p).at(-1)?.stats?.conns;
  const n = typeof conns === 'string' && /^[0-9A-Fa-f]+$/.test(conns) ? Number.parseInt(conns, 16) : NaN;
  if (Number.isFinite(n)) return { created: n, createdFrom: 'last sample' };
  return { notRecorded: totals !== undefined && 'damaged' in totals ? `director-totals damaged: ${totals.damaged}` : 'no director-totals and no ip_vs_stats in the samples' };
}

/**
 * The clients' request times but those from a port their client used before,
 * which found the earlier entry (SimState.reuse()). Exact for UDP, whose 300 s
 * entries outlive a run; an SCTP entry may have gone by then, so this
 * diagnostic may count one connection too few there.
 */
function firstOfEachPort(a: Arrivals): number[] {
  const seen = new Set<number>();
  const out: number[] = [];
  a.clientTimes.forEach((t, i) => {
    const k = a.clientConn?.[i] ?? -1;
    if (k >= 0) {
      if (seen.has(k)) return;
      seen.add(k);
    }
    out.push(t);
  });
  return out;
}

/** The account, or why the record cannot give it. */
export function floodAccountOf(p: ParsedResults, scenario: Scenario | undefined): Maybe<FloodAccount> {
  if (!scenario) return { notRecorded: "the record's metadata names no scenario (the clients' connections depend on its protocol)" };
  const end = p.records.find((r) => r.type === 'event' && r.name === 'flood-end') as { t?: unknown; sent?: unknown } | undefined;
  if (!replayedPlan(p)) return { notRecorded: "not a replayed packet plan (hping3): the model's flood count is IPVS's own counter" };
  if (typeof end?.sent !== 'number' || !Number.isFinite(end.sent)) return { notRecorded: 'no flood-end count of packets sent' };
  const made = createdOf(p);
  if ('notRecorded' in made) return made;
  let clientTimes: number[];
  try {
    const model = arrivalsFromRun(p, scenario);
    clientTimes = firstOfEachPort(model.arrivals).map((t) => t + model.origin);
  } catch (e) {
    // A record the model cannot be driven by (too few samples): no account, no crash.
    if (e instanceof VerifyError) return { notRecorded: e.message };
    throw e;
  }
  const account = { floodSent: end.sent, clientConns: clientTimes.length, ...made, shortfall: end.sent + clientTimes.length - made.created };
  const split = typeof end.t === 'number' ? floodSplitOf(p, account, end.t, clientTimes) : undefined;
  return split ? { ...account, split } : account;
}
