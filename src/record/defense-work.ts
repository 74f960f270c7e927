// Pure: when the director's defense work ran, as the guest traced it
// (vm/agent.sh report_defense_work: workqueue_execute_start events of
// defense_work_handler, CLOCK_BOOTTIME like the samples). Records from agents or
// kernels without tracing have none.
import type { ParsedResults } from './results.ts';

interface DefenseWorkEvent {
  type: 'event';
  name: 'defense-work';
  work: string;
  /** Index of the chunk's first run among all of them. */
  first: number;
  times: number[];
}

/** The runs' guest times, ascending; undefined when the record has none (or a chunk is missing or malformed). */
export function defenseWorkTimes(p: ParsedResults): number[] | undefined {
  const chunks = p.records.filter((r) => r.type === 'event' && r.name === 'defense-work') as unknown as DefenseWorkEvent[];
  if (chunks.length === 0) return undefined;
  chunks.sort((a, b) => a.first - b.first);
  const out: number[] = [];
  for (const c of chunks) {
    if (c.first !== out.length || !Array.isArray(c.times) || c.work !== chunks[0]!.work) return undefined;
    for (const x of c.times) {
      if (typeof x !== 'number' || !Number.isFinite(x) || (out.length > 0 && x < out.at(-1)!)) return undefined;
      out.push(x);
    }
  }
  return out.length > 0 ? out : undefined;
}
