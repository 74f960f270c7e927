// Pure: whether update_defense_level()'s `nomem` (freeram + bufferram below
// amemthresh, looked at once a second by the defense work) is known for a run.
// The guest's sampler reads the same sum (vm/sampler.c, `avail`) once a
// second, at its own instants: a run whose free memory comes near amemthresh
// flips drop_entry 1 <-> 2 (and secure_tcp's tables) at moments no sample
// shows, so no model of it is the kernel's (fuzz seed 611 case 30 on 6.1:
// 2 of 122 samples below, and base's kernel dropped with none below).
import type { ModelParams } from '../model/params.ts';

export interface MemoryState {
  /** What the model takes (ModelParams.memoryLow). */
  low: boolean;
  /** Why the kernel's nomem cannot be told from the samples, where it cannot. */
  unknown?: string;
}

/**
 * From the run's `avail` samples (pages): low where amemthresh is above every
 * sample by more than the run's own swing (max - min), not low where it is
 * below every one by as much, unknown between. No samples (older records):
 * not low, as judged before.
 */
export function memoryState(avail: readonly number[], amemthresh: number): MemoryState {
  if (avail.length === 0) return { low: false };
  const lo = Math.min(...avail);
  const hi = Math.max(...avail);
  const swing = hi - lo;
  if (amemthresh > hi + swing) return { low: true };
  if (amemthresh <= lo - swing) return { low: false };
  return {
    low: avail.some((a) => a < amemthresh),
    unknown: `free memory (MemFree + Buffers, as update_defense_level() counts it) ran ${lo}..${hi} pages against amemthresh ${amemthresh}: the defense work looks at it once a second at its own instants, so when the kernel took memory to be low is not known from the samples; set amemthresh far from the guest's free memory (below ${Math.max(0, lo - swing)} or above ${hi + swing})`,
  };
}

/** Whether the model reads the memory state at all: drop_entry and secure_tcp 1 and 2 act only while memory is low. */
export const readsMemory = (p: Pick<ModelParams, 'dropEntry' | 'secureTcp'>): boolean =>
  p.dropEntry === 1 || p.dropEntry === 2 || p.secureTcp === 1 || p.secureTcp === 2;
