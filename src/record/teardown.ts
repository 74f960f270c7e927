// Pure: the guest's report of a teardown (scenario `teardown: true`): the
// director's namespace deleted with its table full, so that the kernel's
// ip_vs_conn_flush() frees every entry (vm/agent.sh, teardown()).
import type { ParsedResults } from './results.ts';

export interface TeardownReport {
  /** Entries in the director's table just before its namespace went. */
  entries: number;
  /** Active objects of the ip_vs_conn slab cache before, and after the flush (caches shrunk). */
  objectsBefore: number;
  objectsAfter: number;
  /** Guest seconds from `ip netns del` to the last reading. */
  seconds: number;
  /** Kernel warnings (WARNING:, BUG:, Call Trace) logged after the namespace went, and the first. */
  warnings: number;
  firstWarning?: string;
}

const num = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);

/** The teardown report of a run, or undefined if the guest made none (or a malformed one). */
export function teardownOf(p: ParsedResults): TeardownReport | undefined {
  const e = p.records.find((r) => r.type === 'event' && r.name === 'teardown');
  if (!e || e.type !== 'event') return undefined;
  const entries = num(e.entries);
  const objectsBefore = num(e.objectsBefore);
  const objectsAfter = num(e.objectsAfter);
  const seconds = num(e.seconds);
  const warnings = num(e.warnings);
  if (entries === undefined || objectsBefore === undefined || objectsAfter === undefined || seconds === undefined || warnings === undefined) return undefined;
  const out: TeardownReport = { entries, objectsBefore, objectsAfter, seconds, warnings };
  if (typeof e.firstWarning === 'string' && e.firstWarning !== '') out.firstWarning = e.firstWarning;
  return out;
}
