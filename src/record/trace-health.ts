// Pure: how complete the guest's trace of the defense work is (vm/trace.sh,
// report_defense_work). The model scans when the trace says the kernel ran
// defense_work_handler() (src/model/defense.ts scanClock); a run the ring
// buffer overwrote before it was read is a scan the kernel made and the model
// does not, so the kernel would seem to drop more than every model run.
// Old records lack some fields: each is then "not recorded", never a failure.
import type { ParsedResults } from './results.ts';
import { defenseWorkTimes } from './defense-work.ts';

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
}

const finiteNumber = (x: unknown): x is number => typeof x === 'number' && Number.isFinite(x);

function scansOf(p: ParsedResults): Maybe<TracedScans> {
  const times = defenseWorkTimes(p);
  if (!times) return { notRecorded: 'no traced defense-work runs (an older agent, a kernel without tracefs, or damaged chunks)' };
  let longestGap = 0;
  let longGaps = 0;
  for (let i = 1; i < times.length; i++) {
    const gap = times[i]! - times[i - 1]!;
    longestGap = Math.max(longestGap, gap);
    if (gap > 1.5) longGaps++;
  }
  return { count: times.length, first: times[0]!, last: times.at(-1)!, longestGap, longGaps };
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
