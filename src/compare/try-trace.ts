// Pure: what an earlier try's trace says of its guest (src/record/trace-health.ts),
// kept beside the try in the verdict so a retry is explained by its record: a
// guest the host starved ran its defense work (defense_work_handler(), where
// ip_vs_random_dropentry() scans) for seconds and late, which the model, taking
// each scan as an instant at its traced start, does not describe. Said only:
// no verdict, band or threshold reads it.
import type { ParsedResults } from '../record/results.ts';
import { recorded, traceHealthOf, LONG_GAP_S, STARVED_SCAN_S } from '../record/trace-health.ts';

export interface TryTrace {
  /** The longest traced scan, seconds, and how many lasted over 1 s (absent: the trace has no run ends). */
  longestScan?: number;
  scansOverOneSecond?: number;
  /** The longest time between two traced runs, seconds, and how many were over 1.5 s (absent: no runs traced). */
  longestGap?: number;
  gapsOverOneAndHalf?: number;
  /** Events the ring buffer overwrote before they were read (absent: not recorded). */
  overrun?: number;
  /** Why a figure above is missing. */
  notRecorded?: string[];
}

export function tryTraceOf(p: ParsedResults): TryTrace {
  const h = traceHealthOf(p);
  const out: TryTrace = {};
  const why: string[] = [];
  if (recorded(h.overrun)) out.overrun = h.overrun;
  if (!recorded(h.scans)) why.push(h.scans.notRecorded);
  else {
    out.longestGap = round(h.scans.longestGap);
    out.gapsOverOneAndHalf = h.scans.longGaps;
    if (recorded(h.scans.durations)) {
      out.longestScan = round(h.scans.durations.longest);
      out.scansOverOneSecond = h.scans.durations.overOneSecond;
    } else why.push(h.scans.durations.notRecorded);
  }
  if (why.length > 0) out.notRecorded = why;
  return out;
}

const round = (x: number) => Number(x.toFixed(4));

/** Starved: a scan over 1 s. Late or lost: a gap over 1.5 s. Undefined: the trace says nothing of it. */
export function describeTryTrace(t: TryTrace): string | undefined {
  const gaps = t.longestGap !== undefined ? `the longest gap between scans ${t.longestGap.toFixed(2)} s (${t.gapsOverOneAndHalf} over ${LONG_GAP_S} s)` : undefined;
  const lost = t.overrun ? `; the trace lost ${t.overrun} events` : '';
  if (t.longestScan !== undefined && t.scansOverOneSecond !== undefined) {
    const head =
      t.scansOverOneSecond > 0
        ? `its guest was starved: a scan ran ${t.longestScan.toFixed(2)} s (${t.scansOverOneSecond} over ${STARVED_SCAN_S} s)`
        : `its guest was not starved: the longest scan ${t.longestScan.toFixed(3)} s`;
    return `${head}, ${gaps}${lost}`;
  }
  if (gaps) return `scan durations not traced; ${gaps}${lost}`;
  return undefined;
}
