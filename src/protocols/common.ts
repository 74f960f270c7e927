// Pure: pieces more than one protocol module shares (its own file, below the
// modules: no module imports another).
import type { FloodView } from './types.ts';
import type { ScenarioProblem } from '../scenario/problem.ts';

/** The first sample index at or after time t, or -1. */
export const indexAt = (t: Float64Array, at: number) => t.findIndex((x) => x >= at - 1e-9);

/**
 * A protocol with a half-open state: its flood is gone at the first sample,
 * after the last flood packet, with no entry left in that state (the synRecv series).
 */
export function halfOpenGone(m: FloodView): number {
  const syn = m.series.synRecv!;
  for (let i = 0; i < m.t.length; i++) if (m.t[i]! > m.lastFloodT && syn[i] === 0) return i;
  return -1;
}

/** One-packet scheduling (ipvsadm -o) is modelled for UDP alone. */
export const opsNotHere = (s: { service: { ops?: boolean } }): ScenarioProblem[] =>
  s.service.ops ? [{ key: 'service.ops', message: 'service.ops (one-packet scheduling, ipvsadm -o) is for UDP services only: add protocol: udp' }] : [];
