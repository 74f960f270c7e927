// Pure: what the guest could not time exactly, drawn afresh by each run of a
// Monte Carlo, so that a scenario with nothing random in it (drop_entry 0) still
// gets an honest band rather than a single line. Each bound comes from the
// record: a client's connection was made between the moment its request started
// and the moment it was over; a sample read the table between two uptime reads;
// tcpreplay's progress lines were stamped once read. And where the kernel's
// jiffies stand against uptime, which sets the timer wheel's grid: INITIAL_JIFFIES
// plus uptime, less the tick's late start (/proc/stat's accounted ticks put that
// at 0.06-0.16 s), predicted two runs whose templates fitted only with the grid
// 64-256 jiffies away (one of them failing a correct kernel at 94% in band), so
// until the guest can read jiffies directly each run draws the phase.
import { STREAMS, seededStream } from './seed-mix.ts';
import type { Arrivals } from './params.ts';

export interface Uncertainty {
  /** Client connection i was made within [clientTimes[i], clientUntil[i]] (model seconds). */
  clientUntil?: Float64Array;
  /** Sample i read the table within [sampleTimes[i], sampleUntil[i]]. */
  sampleUntil?: Float64Array;
  /** The flood's times may be late by up to this many seconds (stamped when read). */
  floodLate: number;
  /** Draw the wheel's phase (jiffies at model time 0) uniformly: it is not known. */
  phaseUnknown: boolean;
}

export interface Drawn {
  arrivals: Arrivals;
  sampleTimes: Float64Array;
  /** This run's jiffies at model time 0, modulo 2^24, when the phase is drawn. */
  jiffiesAtZero?: number;
}

/** A stream of its own (not the simulation's): run r draws the same whatever thread runs it. */
export function drawInputs(arrivals: Arrivals, sampleTimes: Float64Array, u: Uncertainty, seed: number): Drawn {
  const rng = seededStream(seed, STREAMS.uncertainty);
  const unit = () => (rng.unsafeNext() >>> 0) / 2 ** 32;
  const late = unit() * u.floodLate;
  // Plain loops: TypedArray.from with a map function is slow in V8.
  const flood = new Float64Array(arrivals.flood.length);
  for (let i = 0; i < flood.length; i++) flood[i] = arrivals.flood[i]! - late;
  const nc = arrivals.clientTimes.length;
  const ct = new Float64Array(nc);
  for (let i = 0; i < nc; i++) {
    const x = arrivals.clientTimes[i]!;
    ct[i] = x + unit() * Math.max(0, (u.clientUntil?.[i] ?? x) - x);
  }
  // Drawn times may change the clients' order: keep each connection's source with it.
  const order = Array.from({ length: nc }, (_, i) => i).sort((a, b) => ct[a]! - ct[b]!);
  const st = new Float64Array(sampleTimes.length);
  for (let i = 0; i < st.length; i++) {
    const x = sampleTimes[i]!;
    st[i] = x + unit() * Math.max(0, (u.sampleUntil?.[i] ?? x) - x);
  }
  const drawn: Arrivals = {
    flood,
    clientTimes: Float64Array.from(order, (i) => ct[i]!),
    clientIds: Int32Array.from(order, (i) => arrivals.clientIds[i]!),
    clientSrc: Uint32Array.from(order, (i) => arrivals.clientSrc[i]!),
  };
  if (arrivals.clientAnswered) drawn.clientAnswered = Uint8Array.from(order, (i) => arrivals.clientAnswered![i]!);
  if (arrivals.clientConn) drawn.clientConn = Int32Array.from(order, (i) => arrivals.clientConn![i]!);
  if (arrivals.floodSrc) drawn.floodSrc = arrivals.floodSrc;
  const out: Drawn = { arrivals: drawn, sampleTimes: st };
  // Uniform over 2^24 jiffies: every wheel level's grid the model meets, uniformly.
  if (u.phaseUnknown) out.jiffiesAtZero = Math.floor(unit() * 2 ** 24);
  return out;
}
