// Pure: what the guest could not time exactly, drawn afresh by each run of a
// Monte Carlo, so that a scenario with nothing random in it (drop_entry 0) still
// gets an honest band rather than a single line. Each bound comes from the
// record: a client's connection was made between the moment its request started
// and the moment it was over; a sample read the table between two uptime reads;
// tcpreplay's progress lines were stamped once read; the kernel's tick (and so
// jiffies) started a little after uptime 0, as /proc/stat's accounted ticks say.
import { xoroshiro128plus } from 'pure-rand';
import type { Arrivals } from './params.ts';

export interface Uncertainty {
  /** Client connection i was made within [clientTimes[i], clientUntil[i]] (model seconds). */
  clientUntil?: Float64Array;
  /** Sample i read the table within [sampleTimes[i], sampleUntil[i]]. */
  sampleUntil?: Float64Array;
  /** The flood's times may be late by up to this many seconds (stamped when read). */
  floodLate: number;
  /** The tick started [lo, hi] seconds after uptime 0: jiffies lag uptime by that much. */
  tickLag: [number, number];
}

export interface Drawn {
  arrivals: Arrivals;
  sampleTimes: Float64Array;
  /** Seconds the kernel's jiffies lag uptime in this run. */
  tickLag: number;
}

/** A stream of its own (not the simulation's): run r draws the same whatever thread runs it. */
export function drawInputs(arrivals: Arrivals, sampleTimes: Float64Array, u: Uncertainty, seed: number): Drawn {
  const rng = xoroshiro128plus((seed ^ 0x5bd1e995) >>> 0);
  const unit = () => (rng.unsafeNext() >>> 0) / 2 ** 32;
  const late = unit() * u.floodLate;
  const flood = Float64Array.from(arrivals.flood, (x) => x - late);
  const nc = arrivals.clientTimes.length;
  const ct = Float64Array.from(arrivals.clientTimes, (x, i) => x + unit() * Math.max(0, (u.clientUntil?.[i] ?? x) - x));
  // Drawn times may change the clients' order: keep each connection's source with it.
  const order = Array.from({ length: nc }, (_, i) => i).sort((a, b) => ct[a]! - ct[b]!);
  const st = Float64Array.from(sampleTimes, (x, i) => x + unit() * Math.max(0, (u.sampleUntil?.[i] ?? x) - x));
  const drawn: Arrivals = {
    flood,
    clientTimes: Float64Array.from(order, (i) => ct[i]!),
    clientIds: Int32Array.from(order, (i) => arrivals.clientIds[i]!),
    clientSrc: Uint32Array.from(order, (i) => arrivals.clientSrc[i]!),
  };
  if (arrivals.floodSrc) drawn.floodSrc = arrivals.floodSrc;
  return { arrivals: drawn, sampleTimes: st, tickLag: u.tickLag[0] + unit() * (u.tickLag[1] - u.tickLag[0]) };
}
