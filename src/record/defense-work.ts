// Pure: when the director's defense work ran, as the guest traced it
// (vm/trace.sh report_defense_work: workqueue_execute_start events of
// defense_work_handler, CLOCK_BOOTTIME like the samples), and, from newer
// agents, when each run ended (workqueue_execute_end, which
// process_one_work() traces right after the handler returns). Records from
// agents or kernels without tracing have none. The model takes only the
// starts: an end never changes a judgement.
import type { ParsedResults } from './results.ts';

interface DefenseWorkEvent {
  type: 'event';
  name: 'defense-work';
  work: string;
  /** Index of the chunk's first run among all of them. */
  first: number;
  times: number[];
  /** Each run's end, beside `times` (null: not traced); absent from older agents. */
  ends?: (number | null)[];
}

/** One traced run of the defense work: its start and, where the trace has it, its end. */
export interface DefenseWorkRun {
  start: number;
  end?: number;
}

const finite = (x: unknown): x is number => typeof x === 'number' && Number.isFinite(x);

/** The chunks in order, or undefined when one is missing or malformed (the starts only are checked). */
function chunksOf(p: ParsedResults): DefenseWorkEvent[] | undefined {
  const chunks = p.records.filter((r) => r.type === 'event' && r.name === 'defense-work') as unknown as DefenseWorkEvent[];
  if (chunks.length === 0) return undefined;
  chunks.sort((a, b) => a.first - b.first);
  let n = 0;
  let last = -Infinity;
  for (const c of chunks) {
    if (c.first !== n || !Array.isArray(c.times) || c.work !== chunks[0]!.work) return undefined;
    for (const x of c.times) {
      if (!finite(x) || x < last) return undefined;
      last = x;
      n++;
    }
  }
  return n > 0 ? chunks : undefined;
}

/** The runs' guest times, ascending; undefined when the record has none (or a chunk is missing or malformed). */
export function defenseWorkTimes(p: ParsedResults): number[] | undefined {
  return chunksOf(p)?.flatMap((c) => c.times);
}

/**
 * The runs with their ends; undefined exactly when defenseWorkTimes is. An
 * end is kept only if it is a number no earlier than its start: a chunk whose
 * `ends` does not match its `times` one for one has none.
 */
export function defenseWorkRuns(p: ParsedResults): DefenseWorkRun[] | undefined {
  const chunks = chunksOf(p);
  if (!chunks) return undefined;
  return chunks.flatMap((c) => {
    const ends = Array.isArray(c.ends) && c.ends.length === c.times.length ? c.ends : undefined;
    return c.times.map((start, i) => {
      const end = ends?.[i];
      return finite(end) && end >= start ? { start, end } : { start };
    });
  });
}
