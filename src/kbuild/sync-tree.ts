// Brings a work tree (hard links of a source tree) up to date with a source
// that changed since: another commit of a git tree, a directory edited in place.
// Files whose content is unchanged keep their inode and timestamp, so make
// rebuilds only what really changed; a fresh copy would look all new to make
// (git archive, for one, stamps every file with the commit's time).
import { link, lstat, mkdir, readdir, readFile, rm, unlink, symlink, readlink } from 'node:fs/promises';
import { dirname, join } from 'node:path';

export interface SyncStats {
  kept: number;
  replaced: number;
  added: number;
  removed: number;
}

/** Tree-relative paths of every file and symlink below `root`, `.git` left out. */
async function listTree(root: string): Promise<Set<string>> {
  const out = new Set<string>();
  const entries = await readdir(root, { recursive: true, withFileTypes: true });
  for (const e of entries) {
    if (e.isDirectory()) continue;
    const rel = join(e.parentPath ?? e.path, e.name).slice(root.length + 1);
    if (rel === '.git' || rel.startsWith('.git/')) continue;
    out.add(rel);
  }
  return out;
}

async function sameContent(a: string, b: string): Promise<boolean> {
  const [sa, sb] = [await lstat(a), await lstat(b)];
  if (sa.ino === sb.ino && sa.dev === sb.dev) return true;
  if (sa.isSymbolicLink() || sb.isSymbolicLink()) return sa.isSymbolicLink() && sb.isSymbolicLink() && (await readlink(a)) === (await readlink(b));
  if (sa.size !== sb.size || sa.mode !== sb.mode) return false;
  return (await readFile(a)).equals(await readFile(b));
}

async function place(src: string, dst: string): Promise<void> {
  // Whatever is in the way goes (a directory where the source now has a file).
  await rm(dst, { recursive: true, force: true });
  await mkdir(dirname(dst), { recursive: true });
  const st = await lstat(src);
  if (st.isSymbolicLink()) await symlink(await readlink(src), dst);
  else await link(src, dst);
}

const existing = async (root: string, paths: Iterable<string>) => {
  const out = new Set<string>();
  for (const p of paths) if (await lstat(join(root, p)).then((st) => !st.isDirectory(), () => false)) out.add(p);
  return out;
};

/**
 * Makes `work` hold `src`'s files, leaving alone the paths in `skip` (the ones
 * a variant rewrites: materialise settles those). With `only`, the paths known
 * to differ (a git diff between two revisions), only those are looked at.
 */
export async function syncTree(src: string, work: string, skip: ReadonlySet<string> = new Set(), only?: ReadonlySet<string>): Promise<SyncStats> {
  const stats: SyncStats = { kept: 0, replaced: 0, added: 0, removed: 0 };
  const [want, have] = only ? [await existing(src, only), await existing(work, only)] : [await listTree(src), await listTree(work)];
  for (const rel of have) {
    if (want.has(rel) || skip.has(rel)) continue;
    await unlink(join(work, rel));
    stats.removed++;
  }
  for (const rel of want) {
    if (skip.has(rel)) continue;
    const [s, w] = [join(src, rel), join(work, rel)];
    if (!have.has(rel)) {
      await place(s, w);
      stats.added++;
    } else if (await sameContent(s, w)) {
      stats.kept++;
    } else {
      await place(s, w);
      stats.replaced++;
    }
  }
  return stats;
}
