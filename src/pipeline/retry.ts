// A variant whose kernel misses its model is run once more before verify holds
// it to disagree. The band's rule fails a correct kernel about once in 10,000
// runs a series (src/compare/bands.ts); a kernel the model does not describe
// misses every time. The first try's record is kept beside the second's.
import { mkdir, rename } from 'node:fs/promises';
import { join } from 'node:path';
import type { Verdict } from '../compare/verdict.ts';
import type { VariantName } from './defaults.ts';

/** Pure: the variants to run again, after `tries` runs of each so far (at most 1 + retries). */
export function variantsToRetry(verdict: Verdict, tries: number, retries: number): VariantName[] {
  if (tries > retries) return [];
  return Object.values(verdict.variants).filter((x) => !x.agrees).map((x) => x.variant);
}

/** A variant's own files of a run (not the build log, which both tries share). */
const TRY_FILES = (v: VariantName) => [`results-${v}.jsonl`, `samples-${v}.jsonl`, `console-${v}.log`, `gcov-${v}.b64`];

/** Moves a variant's files of try `n` into `try-n/` of the run directory; returns that directory's name. */
export async function keepTry(runDir: string, v: VariantName, n: number): Promise<string> {
  const dir = `try-${n}`;
  await mkdir(join(runDir, dir), { recursive: true });
  for (const f of TRY_FILES(v)) {
    await rename(join(runDir, f), join(runDir, dir, f)).catch((e: NodeJS.ErrnoException) => {
      if (e.code !== 'ENOENT') throw e;
    });
  }
  return dir;
}
