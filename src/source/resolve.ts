// The kernel source: Debian's linux-source tarball (default), another tarball,
// a directory, or a git tree at a revision. Tarballs and git revisions are
// unpacked once into the cache; every source gets an identity for cache keys.
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { readFile, realpath, stat, writeFile, mkdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { execa } from 'execa';
import * as tar from 'tar';
import { userError, infraError } from '../errors.ts';
import { atomicDir, cacheRoot, exists, withLock } from '../cache.ts';
import { debianLineOf, ensureInstalled, tarballOf, DEFAULT_LINE } from './debian.ts';

const DEFAULT_TARBALL = tarballOf(DEFAULT_LINE);

export interface SourceSpec {
  /** `debian:<line>`, a tarball, a directory, or (with rev) a git work tree. Default: debian:6.1. */
  path?: string;
  rev?: string;
}

export interface KernelSource {
  /** Directory holding the tree (Makefile at its top). Never modified. */
  dir: string;
  /** Content identity, for cache keys. */
  id: string;
  /**
   * What stays the same while the content changes (a directory that git bisect
   * checks out commit after commit): its object directory is kept across them.
   */
  lineage: string;
  /** What the user asked for, for the run record. */
  description: string;
  /** A git work tree: its HEAD, and whether it has local changes (lets a clean commit's kernel be reused). */
  git?: { commit: string; clean: boolean };
  /** A revision exported from a git repository: what a later revision's diff is taken against. */
  exportedFrom?: { repo: string; commit: string };
  /** Debian's package, when the source is one: its kernel line and exact version. */
  debian?: { line: string; package: string; version: string };
}

async function sha256File(path: string): Promise<string> {
  // The digest is remembered beside the cache, keyed by size and mtime.
  const st = await stat(path);
  const memo = join(cacheRoot(), 'digests', createHash('sha256').update(`${resolve(path)}\0${st.size}\0${st.mtimeMs}`).digest('hex'));
  const known = await readFile(memo, 'utf8').catch(() => undefined);
  if (known) return known.trim();
  const h = createHash('sha256');
  await pipeline(createReadStream(path), h);
  const digest = h.digest('hex');
  await mkdir(join(cacheRoot(), 'digests'), { recursive: true });
  await writeFile(memo, digest);
  return digest;
}

async function unpackTarball(tarball: string, id: string): Promise<string> {
  const dest = join(cacheRoot(), 'src', id);
  return withLock(join(cacheRoot(), 'locks', `src-${id}`), async () => {
    if (await exists(join(dest, 'Makefile'))) return dest;
    process.stderr.write(`unpacking ${tarball} into the cache (once)...\n`);
    await atomicDir(dest, async (tmp) => {
      // strict: a write error (a full disk) fails the unpack instead of being a warning.
      const extract = tar.x({ cwd: tmp, strip: 1, strict: true });
      if (tarball.endsWith('.xz')) {
        // node-tar reads gzip, brotli and zstd itself; xz goes through xz(1).
        const xz = execa('xz', ['-dc', tarball], { buffer: false, stdout: 'pipe' });
        await Promise.all([pipeline(xz.stdout!, extract), xz]);
      } else {
        await pipeline(createReadStream(tarball), extract);
      }
      if (!(await exists(join(tmp, 'Makefile')))) throw userError(`${tarball} does not hold a kernel tree (no Makefile at its top)`);
    });
    return dest;
  });
}

async function exportGitRev(repo: string, rev: string): Promise<{ dir: string; commit: string }> {
  const r = await execa('git', ['-C', repo, 'rev-parse', '--verify', `${rev}^{commit}`], { reject: false });
  if (r.exitCode !== 0) throw userError(`${repo}: no git revision "${rev}"`);
  const commit = r.stdout.trim();
  const dest = join(cacheRoot(), 'src', `git-${commit}`);
  await withLock(join(cacheRoot(), 'locks', `src-git-${commit}`), async () => {
    if (await exists(join(dest, 'Makefile'))) return;
    await atomicDir(dest, async (tmp) => {
      const archive = execa('git', ['-C', repo, 'archive', '--format=tar', commit], { buffer: false, stdout: 'pipe' });
      await Promise.all([pipeline(archive.stdout!, tar.x({ cwd: tmp, strict: true })), archive]);
    });
  });
  return { dir: dest, commit };
}

async function directoryId(dir: string): Promise<Pick<KernelSource, 'id' | 'git'>> {
  // A git work tree: HEAD plus any local change. Otherwise: path, sizes, mtimes.
  const top = await execa('git', ['-C', dir, 'rev-parse', '--show-toplevel', 'HEAD'], { reject: false });
  const [toplevel, head] = top.stdout.split('\n');
  if (top.exitCode === 0 && head && toplevel === (await realpath(dir))) {
    const diff = await execa('git', ['-C', dir, 'diff', 'HEAD'], { maxBuffer: 1e9 });
    const untracked = await execa('git', ['-C', dir, 'status', '--porcelain'], { maxBuffer: 1e9 });
    const local = createHash('sha256').update(diff.stdout).update('\0').update(untracked.stdout).digest('hex');
    const clean = diff.stdout === '' && untracked.stdout === '';
    return { id: `git-${head}-${local.slice(0, 16)}`, git: { commit: head, clean } };
  }
  const { stdout } = await execa('find', [dir, '-type', 'f', '-not', '-path', '*/.git/*', '-printf', '%P %s %T@\n'], { maxBuffer: 1e9 });
  return { id: `dir-${createHash('sha256').update(stdout).digest('hex').slice(0, 32)}` };
}

export async function resolveSource(spec: SourceSpec): Promise<KernelSource> {
  const line = spec.path === undefined ? DEFAULT_LINE : debianLineOf(spec.path);
  if (line !== undefined) {
    if (spec.rev !== undefined) throw userError(`--rev needs a git work tree, not ${spec.path ?? `debian:${line}`}`);
    const version = await ensureInstalled(line);
    const tarball = tarballOf(line);
    if (!(await exists(tarball))) throw infraError(`linux-source-${line} ${version} is installed but ${tarball} is missing: reinstall it`);
    const digest = await sha256File(tarball);
    const id = `tar-${digest.slice(0, 32)}`;
    const debian = { line, package: `linux-source-${line}`, version };
    return { dir: await unpackTarball(tarball, id), id, lineage: id, description: `Debian linux-source-${line} ${version} (${tarball})`, debian };
  }
  const path = resolve(spec.path!);
  const st = await stat(path).catch(() => undefined);
  if (!st) {
    throw spec.path
      ? userError(`kernel source ${path} does not exist`)
      : infraError(`${DEFAULT_TARBALL} not found: install it with \`apt-get install linux-source-6.1\` (or run scripts/install-deps.sh)`);
  }
  if (spec.rev !== undefined) {
    if (!st.isDirectory()) throw userError(`--rev needs a git work tree, and ${path} is not a directory`);
    const { dir, commit } = await exportGitRev(path, spec.rev);
    // Every revision of one repository shares a lineage: its builds are incremental.
    const lineage = `git-repo-${createHash('sha256').update(await realpath(path)).digest('hex').slice(0, 16)}`;
    return { dir, id: `git-${commit}`, lineage, description: `${path} at ${spec.rev} (${commit})`, exportedFrom: { repo: path, commit } };
  }
  if (st.isDirectory()) {
    if (!(await exists(join(path, 'Makefile')))) throw userError(`${path} is not a kernel tree (no Makefile)`);
    const lineage = `dir-${createHash('sha256').update(await realpath(path)).digest('hex').slice(0, 16)}`;
    return { dir: path, ...(await directoryId(path)), lineage, description: path };
  }
  const digest = await sha256File(path);
  const id = `tar-${digest.slice(0, 32)}`;
  return { dir: await unpackTarball(path, id), id, lineage: id, description: path };
}
