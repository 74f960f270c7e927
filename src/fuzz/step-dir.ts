// Pure: a fuzz case's run records are <campaign>/fuzz-NNNN/step-KKK: step 0 is
// the case's own draw, steps 1.. the shrink's runs (src/fuzz/shrink.ts). The
// name is made here and read back here, so calibrate can tell a drawn run
// from a shrink step (scenarios chosen near a failure, not drawn).
import { basename, dirname } from 'node:path';

/** A step's directory name within its case's: step-000 for the draw, step-001.. for the shrink. */
export const stepName = (step: number) => `step-${String(step).padStart(3, '0')}`;

/** A record directory's shrink step (1 on), or undefined for a case's drawn run (step-000) and for anything not a fuzz case's step. */
export function shrinkStepOf(dir: string): number | undefined {
  const step = /^step-(\d{3,})$/.exec(basename(dir));
  if (!step || !/^fuzz-\d{4,}$/.test(basename(dirname(dir)))) return undefined;
  const n = Number(step[1]);
  return n > 0 ? n : undefined;
}
