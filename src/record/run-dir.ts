// A run record directory, written under a temporary name and renamed when
// complete: an interrupted run leaves nothing half-written.
import { mkdir, rename, writeFile } from 'node:fs/promises';
import { join, dirname, basename } from 'node:path';
import { removeOnExit } from '../host/cleanup.ts';

export interface RunDir {
  /** Where files are written while the run is going on. */
  tmp: string;
  /** Where the record will be once complete. */
  final: string;
  commit: () => Promise<void>;
}

export async function openRunDir(final: string): Promise<RunDir> {
  const tmp = join(dirname(final), `.${basename(final)}.partial-${process.pid}`);
  await mkdir(tmp, { recursive: true });
  const forget = removeOnExit(tmp);
  return {
    tmp,
    final,
    commit: async () => {
      await rename(tmp, final);
      forget();
    },
  };
}

export const writeJson = (path: string, value: unknown) => writeFile(path, JSON.stringify(value, null, 2) + '\n');
