// The cache directory and its atomic entries: an entry is written under a
// temporary name and renamed into place, so a reader sees all of it or nothing.
import { randomBytes } from 'node:crypto';
import { mkdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join, dirname } from 'node:path';
import lockfile from 'proper-lockfile';

export function cacheRoot(): string {
  const explicit = process.env.IPVS_VERIFY_CACHE;
  if (explicit) return explicit;
  return join(process.env.XDG_CACHE_HOME || join(homedir(), '.cache'), 'ipvs-verify');
}

export const exists = (p: string) => stat(p).then(() => true, () => false);

/** Writes a file under a temporary name and renames it: readers see the old or the new, never half. */
export async function atomicWriteFile(path: string, data: string | Buffer): Promise<void> {
  // Unique even within a process: two writers of one path (e.g. two guests side by side) must not share it.
  const tmp = `${path}.tmp-${process.pid}-${randomBytes(4).toString('hex')}`;
  await writeFile(tmp, data);
  await rename(tmp, path);
}

/** Fills `final` by running `fill` on a temporary sibling, then renames it. */
export async function atomicDir(final: string, fill: (tmp: string) => Promise<void>): Promise<void> {
  const tmp = `${final}.tmp-${process.pid}-${Date.now()}`;
  await mkdir(tmp, { recursive: true });
  try {
    await fill(tmp);
    await rm(final, { recursive: true, force: true });
    await rename(tmp, final);
  } catch (e) {
    await rm(tmp, { recursive: true, force: true });
    throw e;
  }
}

/**
 * Holds an exclusive lock on `path` while `fn` runs. A second run waits; a lock
 * left by a crashed run goes stale and is taken over.
 */
export async function withLock<T>(path: string, fn: () => Promise<T>): Promise<T> {
  await mkdir(dirname(path), { recursive: true });
  await mkdir(path, { recursive: true });
  const release = await lockfile.lock(path, {
    stale: 30_000,
    update: 5_000,
    retries: { retries: 100_000, factor: 1, minTimeout: 1_000, maxTimeout: 2_000 },
  });
  try {
    return await fn();
  } finally {
    await release().catch(() => undefined);
  }
}
