// Pure: how complete the guest's trace of the defense work is (vm/trace.sh,
// report_defense_work). The model scans when the trace says the kernel ran
// defense_work_handler() (src/model/defense.ts scanClock); a run the ring
// buffer overwrote before it was read is a scan the kernel made and the model
// does not, so the kernel would seem to drop more than every model run. How
// long each run held its kworker (newer agents trace its end too) tells a
// guest the host starved: the model takes each scan as an instant at its start.
// Old records lack some fields: each is then "not recorded", never a failure.
import type { ParsedResults } from './results.ts';
import { defenseWorkRuns } from './defense-work.ts';

/** A diagnostic a record may not carry: the reason it is missing instead. */
export type Maybe<T> = T | { notRecorded: string };

export const recorded = <T>(x: Maybe<T>): x is T => !(typeof x === 'object' && x !== null && 'notRecorded' in x);

export interface TraceHealth {
  /**
   * Events the ring buffer overwrote before the agent read it (`overrun` of
   * per_cpu/cpu*\/stats): any event, not only the defense work's.
   */
  overrun: Maybe<number>;
  /** Guest time of the oldest event the buffer still held (newer agents). */
  oldest: Maybe<number>;
  /** The director's defense-work runs as traced. */
  scans: Maybe<TracedScans>;
}

export interface TracedScans {
  count: number;
  /** Guest times of the first and last. */
  first: number;
  last: number;
  /** The longest time between two consecutive runs, seconds (the work runs about once a second). */
  longestGap: number;
  /** Gaps longer than 1.5 periods (1.5 s): a run missing from the trace, or a kworker that late. */
  longGaps: number;
  /** How long the runs lasted, from their traced ends (agents before the end was traced: not recorded). */
  durations: Maybe<ScanDurations>;
}

/** A scan of a few thousand entries takes milliseconds: one lasting seconds ran on a guest a busy host starved. */
export const STARVED_SCAN_S = 1;
/** A gap between two traced runs past which the kworker was late, or a run is missing: 1.5 periods of the 1 s work. */
export const LONG_GAP_S = 1.5;

export interface ScanDurations {
  /** Runs with a traced end (the last may still have been running when the trace was read). */
  measured: number;
  /** The longest, seconds. */
  longest: number;
  /** Runs lasting over STARVED_SCAN_S. */
  overOneSecond: number;
}

const finiteNumber = (x: unknown): x is number => typeof x === 'number' && Number.isFinite(x);

function durationsOf(runs: { start: number; end?: number }[]): Maybe<ScanDurations> {
  const lengths = runs.filter((r) => r.end !== undefined).map((r) => r.end! - r.start);
  if (lengths.length === 0) return { notRecorded: 'no run ends traced (an agent before workqueue_execute_end was traced)' };
  return { measured: lengths.length, longest: Math.max(...lengths), overOneSecond: lengths.filter((d) => d > STARVED_SCAN_S).length };
}

function scansOf(p: ParsedResults): Maybe<TracedScans> {
  const runs = defenseWorkRuns(p);
  if (!runs) return { notRecorded: 'no traced defense-work runs (an older agent, a kernel without tracefs, or damaged chunks)' };
  const times = runs.map((r) => r.start);
  let longestGap = 0;
  let longGaps = 0;
  for (let i = 1; i < times.length; i++) {
    const gap = times[i]! - times[i - 1]!;
    longestGap = Math.max(longestGap, gap);
    if (gap > LONG_GAP_S) longGaps++;
  }
  return { count: times.length, first: times[0]!, last: times.at(-1)!, longestGap, longGaps, durations: durationsOf(runs) };
}

export function traceHealthOf(p: ParsedResults): TraceHealth {
  const end = p.records.find((r) => r.type === 'event' && r.name === 'defense-work-end');
  const field = (name: 'overrun' | 'oldest'): Maybe<number> => {
    if (!end || end.type !== 'event') return { notRecorded: 'no defense-work-end event' };
    const v = end[name];
    if (v === undefined) return { notRecorded: `defense-work-end has no ${name} (an older agent, or the buffer's stats unreadable)` };
    return finiteNumber(v) && v >= 0 ? v : { notRecorded: `defense-work-end's ${name} is not a count: ${JSON.stringify(v)}` };
  };
  return { overrun: field('overrun'), oldest: field('oldest'), scans: scansOf(p) };
}
