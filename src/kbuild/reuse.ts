// Reusing a kernel built from another commit of the same tree (git bisect):
// when every file that differs between that commit and the tree now lies
// outside what that build read, the kernel would come out the same, so make
// is not run at all.
import { readFile, readdir, realpath } from 'node:fs/promises';
import { join } from 'node:path';
import { execa } from 'execa';
import { cacheRoot } from '../cache.ts';
import { changesInBuild, cmdFileInputs } from './relevance.ts';

/** What makes two in-place builds interchangeable, apart from the commit. */
export interface ReuseIdentity {
  lineage: string;
  arch: string;
  configHash: string;
  toolchain: string[];
  makeArgs: string[];
}

export interface ReuseRecord extends ReuseIdentity {
  /** The clean commit the kernel was built from. */
  commit: string;
}

export const INPUTS_FILE = 'inputs.json';

/** Every source path (tree-relative) that the object directory's .cmd files name. */
export async function buildInputs(objDir: string, srcDir: string, seenAs?: { obj: string; src: string }): Promise<string[]> {
  // kbuild writes real paths (its abs_srctree and abs_objtree are realpath'd);
  // a build under the stable paths (stable-paths.ts) saw the trees there.
  const [real, obj, src] = [await realpath(objDir), seenAs?.obj ?? (await realpath(objDir)), seenAs?.src ?? (await realpath(srcDir))];
  const { stdout } = await execa('find', [real, '-name', '.*.cmd', '-type', 'f'], { maxBuffer: 1e9 });
  const files = stdout.split('\n').filter(Boolean);
  const all = new Set<string>();
  // Read in batches: thousands of files, but a bounded number of open descriptors.
  for (let i = 0; i < files.length; i += 64) {
    const texts = await Promise.all(files.slice(i, i + 64).map((f) => readFile(f, 'utf8')));
    for (const text of texts) for (const p of cmdFileInputs(text, obj, src)) all.add(p);
  }
  return [...all].sort();
}

const sameIdentity = (a: ReuseIdentity, b: ReuseIdentity) =>
  a.lineage === b.lineage &&
  a.arch === b.arch &&
  a.configHash === b.configHash &&
  JSON.stringify(a.toolchain) === JSON.stringify(b.toolchain) &&
  JSON.stringify(a.makeArgs) === JSON.stringify(b.makeArgs);

export interface Reusable {
  key: string;
  dir: string;
  commit: string;
  /** The files that differ from that commit, all outside its build. */
  changed: string[];
}

/** Paths that differ between `commit` and the work tree, local changes and new files included. */
async function changedSince(tree: string, commit: string): Promise<string[] | undefined> {
  const diff = await execa('git', ['-C', tree, 'diff', '--name-only', '--no-renames', commit], { reject: false, maxBuffer: 1e9 });
  if (diff.exitCode !== 0) return undefined; // the commit is not in this repository (any more)
  const untracked = await execa('git', ['-C', tree, 'ls-files', '--others', '--exclude-standard'], { maxBuffer: 1e9 });
  return [...diff.stdout.split('\n'), ...untracked.stdout.split('\n')].filter(Boolean);
}

/** A cached kernel of the same lineage and identity whose commit differs from the tree only outside its build. */
export async function findReusable(tree: string, want: ReuseIdentity): Promise<Reusable | undefined> {
  const root = join(cacheRoot(), 'kernels');
  const candidates: { key: string; dir: string; reuse: ReuseRecord; builtAt: string }[] = [];
  for (const key of await readdir(root).catch(() => [] as string[])) {
    const dir = join(root, key);
    const meta = JSON.parse(await readFile(join(dir, 'metadata.json'), 'utf8').catch(() => '{}'));
    if (meta.reuse && sameIdentity(meta.reuse, want)) candidates.push({ key, dir, reuse: meta.reuse, builtAt: meta.builtAt ?? '' });
  }
  // Newest first: in a bisection the last step is usually the closest.
  candidates.sort((a, b) => b.builtAt.localeCompare(a.builtAt));
  for (const c of candidates) {
    const changed = await changedSince(tree, c.reuse.commit);
    if (!changed) continue;
    const inputs = JSON.parse(await readFile(join(c.dir, INPUTS_FILE), 'utf8').catch(() => 'null'));
    if (!Array.isArray(inputs)) continue;
    if (changesInBuild(changed, new Set(inputs)).length === 0) return { key: c.key, dir: c.dir, commit: c.reuse.commit, changed };
  }
  return undefined;
}
