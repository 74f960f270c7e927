// Builds a kernel variant: one work tree and one object directory per source
// and config, shared by both variants, so the second build recompiles only
// what the series touches; finished kernels are cached under their content key.
import { createWriteStream } from 'node:fs';
import { copyFile, mkdir, readFile, rename, rm, writeFile, unlink, readdir } from 'node:fs/promises';
import { cpus } from 'node:os';
import { basename, join, dirname } from 'node:path';
import { execa } from 'execa';
import { buildError, infraError } from '../errors.ts';
import { atomicDir, atomicWriteFile, cacheRoot, exists, withLock } from '../cache.ts';
import { findTool } from '../host/tools.ts';
import { ARCHES } from '../qemu/args.ts';
import type { KernelSource } from '../source/resolve.ts';
import { buildKey, configHash } from './key.ts';
import { builtHz } from './hz.ts';
import { buildInputs, findReusable, INPUTS_FILE, type ReuseIdentity } from './reuse.ts';
import { syncTree, type SyncStats } from './sync-tree.ts';
import { STABLE, makeInvocation, stablePathsWork } from './stable-paths.ts';

export interface BuiltKernel {
  key: string;
  dir: string;
  image: string;
  genInitCpio: string;
  config: string;
  /** CONFIG_HZ of its build's .config (./hz.ts): the model's jiffy. */
  hz: number;
  /** True when this run built it; false when it came from the cache (or another commit's build). */
  built: boolean;
  seconds: number;
  /** The gcov flavour: the build's .gcno files, by tree-relative path (gcov reads them with the guest's .gcda). */
  gcnoDir?: string;
}

export interface BuildRequest {
  source: KernelSource;
  variant: string;
  arch: string;
  files: Map<string, Buffer | null>;
  config: string;
  /**
   * Build the source directory as it is (no variant files), with an object
   * directory kept per lineage: git bisect's steps rebuild incrementally.
   */
  inPlace?: boolean;
  /**
   * The gcov flavour: the plain build's config (its object directory seeds this
   * one's, so the instrumented build is incremental), and the directories whose
   * .gcno files the kernel's cache entry keeps.
   */
  coverage?: { plainConfig: string; dirs: string[] };
  log: (line: string) => void;
}

let toolchainMemo: string[] | undefined;
export async function toolchain(): Promise<string[]> {
  if (!toolchainMemo) {
    const first = async (cmd: string, args: string[]) => (await execa(cmd, args)).stdout.split('\n')[0] ?? '';
    toolchainMemo = [await first('gcc', ['--version']), await first('make', ['--version']), await first('ld', ['--version'])];
  }
  return toolchainMemo;
}

// Fixed build identity, so that ccache and the content key see the same inputs
// on every machine and the second variant is not rebuilt for a timestamp.
const BUILD_ENV = {
  KBUILD_BUILD_USER: 'ipvs-verify',
  KBUILD_BUILD_HOST: 'ipvs-verify',
  KBUILD_BUILD_TIMESTAMP: '2018-06-02',
};

/** ccache's view: paths under its base directory hashed relative, the working directory not at all. */
const ccacheEnv = (stable: boolean) => (stable ? { CCACHE_BASEDIR: STABLE.root, CCACHE_NOHASHDIR: '1' } : { CCACHE_BASEDIR: cacheRoot() });

/** Where a cached kernel's bootable image is, in its entry `dir`. */
export const kernelImage = (dir: string, arch: string): string => join(dir, basename(ARCHES[arch]!.image));

export function makeArgs(arch: string, objDir: string, jobs: number): string[] {
  const spec = ARCHES[arch];
  if (!spec) throw infraError(`no build table for architecture ${arch}`);
  return [`O=${objDir}`, `ARCH=${arch}`, 'CC=ccache gcc', 'HOSTCC=ccache gcc', `-j${jobs}`, spec.target];
}

/**
 * Makes the work tree the pristine tree plus `files`: files an earlier variant
 * changed and this one does not name go back to their pristine content (a
 * manifest beside the tree remembers them). Files are written only where they
 * differ, to keep make's timestamps.
 */
export async function materialise(
  pristine: string,
  work: string,
  files: Map<string, Buffer | null>,
  /** The pristine tree's content identity: when it differs from the last one, the tree is synced first. */
  pristineId = 'pristine',
  /** The paths that can differ from an earlier identity's tree, when known (undefined: compare them all). */
  changedSince: (earlierId: string) => Promise<Set<string> | undefined> = async () => undefined,
): Promise<SyncStats | undefined> {
  const manifest = `${work}.modified.json`;
  const stamp = `${work}.source`;
  let synced: SyncStats | undefined;
  if (!(await exists(join(work, 'Makefile')))) {
    await atomicDir(work, async (tmp) => {
      // Hard links: the tree costs no space; files we change are replaced, not edited.
      await rm(tmp, { recursive: true, force: true });
      const r = await execa('cp', ['-al', pristine, tmp], { reject: false, all: true });
      if (r.exitCode !== 0) throw infraError(`cannot link the work tree: ${r.all}`);
    });
    await rm(manifest, { force: true });
    await atomicWriteFile(stamp, pristineId);
  }
  const modified: string[] = JSON.parse(await readFile(manifest, 'utf8').catch(() => '[]'));
  const earlier = await readFile(stamp, 'utf8').catch(() => '');
  if (earlier !== pristineId) {
    // Another commit of the same tree: only what changed gets a new timestamp.
    synced = await syncTree(pristine, work, new Set(modified), earlier ? await changedSince(earlier) : undefined);
    await atomicWriteFile(stamp, pristineId);
  }
  const wanted = new Map(files);
  for (const path of modified) {
    if (!wanted.has(path)) wanted.set(path, await readFile(join(pristine, path)).catch(() => null));
  }
  // Written before the files, so an interruption never leaves a change unrecorded.
  const touched = [...new Set([...modified, ...files.keys()])].sort();
  await atomicWriteFile(manifest, JSON.stringify(touched));
  for (const [path, content] of wanted) {
    const target = join(work, path);
    const current = await readFile(target).catch(() => null);
    if (content === null) {
      if (current !== null) await unlink(target);
      continue;
    }
    if (current !== null && current.equals(content)) continue;
    await mkdir(dirname(target), { recursive: true });
    await atomicWriteFile(target, content); // a new inode: breaks the hard link to the pristine tree
  }
  return synced;
}

function tail(text: string, n: number) {
  return text.split('\n').slice(-n).join('\n');
}

// Neither the job count nor the object directory changes the kernel.
const keyedMakeArgs = (arch: string) => makeArgs(arch, '', 1).filter((a) => !a.startsWith('-j') && !a.startsWith('O='));

/** The content key a build request's kernel is cached under. */
export async function kernelKey(req: Pick<BuildRequest, 'arch' | 'source' | 'files' | 'config'>): Promise<string> {
  return buildKey({
    arch: req.arch,
    sourceId: req.source.id,
    variantFiles: req.files,
    config: req.config,
    toolchain: await toolchain(),
    makeArgs: keyedMakeArgs(req.arch),
  });
}

/**
 * Between two exported revisions of one repository, git knows which paths
 * differ: the sync then compares those, not all of the tree's ~80k files.
 */
async function gitChanges(source: KernelSource, earlierId: string): Promise<Set<string> | undefined> {
  const from = /^git-([0-9a-f]{40})$/.exec(earlierId)?.[1];
  if (!source.exportedFrom || !from) return undefined;
  const r = await execa('git', ['-C', source.exportedFrom.repo, 'diff', '--name-only', '--no-renames', from, source.exportedFrom.commit], {
    reject: false,
    maxBuffer: 1e9,
  });
  return r.exitCode === 0 ? new Set(r.stdout.split('\n').filter(Boolean)) : undefined;
}

/** Where one build happens and what it is cached as (see buildKernel). */
interface BuildPlace {
  root: string;
  tree: string;
  objDir: string;
  args: string[];
  key: string;
  entry: string;
  cfgHash: string;
  identity: ReuseIdentity;
}

/** The work tree at the source's content (unless in place), the object directory seeded and configured. */
async function prepareTree(req: BuildRequest, at: BuildPlace): Promise<string> {
  const { root, tree, objDir } = at;
  const work = req.inPlace ? req.source.dir : join(root, 'work', tree);
  if (!req.inPlace) {
    const synced = await materialise(req.source.dir, work, req.files, req.source.id, (earlier) => gitChanges(req.source, earlier));
    if (synced) req.log(`[build ${req.variant}] work tree brought to ${req.source.id}: ${synced.replaced} changed, ${synced.added} new, ${synced.removed} gone, ${synced.kept} unchanged`);
  }
  if (req.coverage && !(await exists(objDir))) {
    // Start from the plain build's objects: only what the config and the
    // instrumented directories change is compiled again.
    const plain = join(root, 'obj', `${tree}-${configHash(req.coverage.plainConfig)}`);
    if (await exists(join(plain, '.config'))) {
      req.log(`[build ${req.variant}] gcov flavour: starting from the plain build's objects`);
      await execa('cp', ['-a', '--reflink=auto', plain, `${objDir}.seed`]);
      await rename(`${objDir}.seed`, objDir);
    }
  }
  await mkdir(objDir, { recursive: true });
  const current = await readFile(join(objDir, '.config'), 'utf8').catch(() => '');
  if (current !== req.config) await writeFile(join(objDir, '.config'), req.config);
  return work;
}

/** make, its output logged in full, its progress every 15 s; a failure is a build error with the compiler's errors first. */
async function runMake(req: BuildRequest, at: BuildPlace, work: string, stable: Awaited<ReturnType<typeof stablePathsWork>>) {
  await mkdir(join(at.root, 'logs'), { recursive: true });
  const logPath = join(at.root, 'logs', `build-${at.key}.log`);
  const log = createWriteStream(logPath);
  const started = Date.now();
  let objects = 0;
  let last = '';
  const ticker = setInterval(() => {
    req.log(`[build ${req.variant}] ${Math.round((Date.now() - started) / 1000)}s, ${objects} steps, ${last}`);
  }, 15_000);
  const inv = makeInvocation(work, at.objDir, at.args.filter((a) => !a.startsWith('O=')), stable);
  const child = execa(inv.command, inv.args, { cwd: inv.cwd, all: true, reject: false, env: { ...BUILD_ENV, ...ccacheEnv(stable) }, buffer: false });
  let output = '';
  // The compiler's own errors, kept apart: with -j, other jobs' lines can push them out of the tail.
  const errors: string[] = [];
  child.all?.setEncoding('utf8');
  child.all?.on('data', (chunk: string) => {
    log.write(chunk);
    output = tail(output + chunk, 80);
    for (const line of chunk.split('\n')) {
      if (errors.length < 10 && /: (fatal )?error: /.test(line)) errors.push(line.trim());
      if (/^\s+(CC|LD|AR|AS|HOSTCC|GEN|OBJCOPY)\s/.test(line)) {
        objects++;
        last = line.trim();
      }
    }
  });
  const r = await child;
  clearInterval(ticker);
  await new Promise<void>((res) => log.end(res));
  const seconds = (Date.now() - started) / 1000;
  if (r.exitCode !== 0) {
    const first = errors.length > 0 ? `${errors.join('\n')}\n...\n` : '';
    throw buildError(`kernel build (${req.variant}) failed after ${seconds.toFixed(0)} s; full log: ${logPath}\n${first}${tail(output, 25)}`, {
      evidence: logPath,
    });
  }
  return { logPath, seconds, objects };
}

/** The cache entry: image, gen_init_cpio, .config, log, .gcno files, and metadata.json last. */
async function storeKernel(req: BuildRequest, at: BuildPlace, work: string, stable: Awaited<ReturnType<typeof stablePathsWork>>, made: { logPath: string; seconds: number }) {
  const { objDir, key } = at;
  const { logPath, seconds } = made;
  const spec = ARCHES[req.arch]!;
  await atomicDir(at.entry, async (tmp) => {
    await copyFile(join(objDir, spec.image), kernelImage(tmp, req.arch));
    await copyFile(join(objDir, 'usr/gen_init_cpio'), join(tmp, 'gen_init_cpio'));
    await copyFile(join(objDir, '.config'), join(tmp, 'config'));
    await copyFile(logPath, join(tmp, 'build.log'));
    for (const d of req.coverage?.dirs ?? []) {
      const names = (await readdir(join(objDir, d)).catch(() => [] as string[])).filter((n) => n.endsWith('.gcno'));
      if (names.length === 0) throw buildError(`--coverage: the build left no .gcno files in ${d}: GCOV_PROFILE did not take`, { evidence: logPath });
      await mkdir(join(tmp, 'gcno', d), { recursive: true });
      for (const n of names) await copyFile(join(objDir, d, n), join(tmp, 'gcno', d, n));
    }
    // What this build read, so that a later commit changing none of it reuses the kernel.
    const reusable = req.inPlace && req.source.git?.clean;
    if (reusable) await writeFile(join(tmp, INPUTS_FILE), JSON.stringify(await buildInputs(objDir, work, stable ? STABLE : undefined)) + '\n');
    const meta = {
      key,
      variant: req.variant,
      arch: req.arch,
      source: { id: req.source.id, description: req.source.description },
      files: [...req.files.keys()],
      configHash: at.cfgHash,
      toolchain: await toolchain(),
      make: at.args,
      seconds,
      builtAt: new Date().toISOString(),
      ...(reusable ? { reuse: { ...at.identity, commit: req.source.git!.commit } } : {}),
    };
    // metadata.json last: its presence marks a complete entry.
    await writeFile(join(tmp, 'metadata.json'), JSON.stringify(meta, null, 2) + '\n');
  });
}

/** Where a request builds: its object directory, make's arguments, its cache entry. */
async function placeOf(req: BuildRequest): Promise<BuildPlace> {
  const root = cacheRoot();
  const cfgHash = configHash(req.config);
  // One object directory per tree that make compiles: the source itself (in
  // place), or the work copy every content of a source lineage shares (a
  // tarball's lineage is its content; a git tree's spans its commits).
  const tree = req.inPlace || req.source.lineage === req.source.id ? req.source.lineage : `${req.source.lineage}-copy`;
  const objDir = join(root, 'obj', `${tree}-${cfgHash}`);
  const key = await kernelKey(req);
  const identity: ReuseIdentity = {
    lineage: req.source.lineage,
    arch: req.arch,
    configHash: cfgHash,
    toolchain: await toolchain(),
    makeArgs: keyedMakeArgs(req.arch),
  };
  return { root, tree, objDir, args: makeArgs(req.arch, objDir, cpus().length), key, entry: join(root, 'kernels', key), cfgHash, identity };
}

export async function buildKernel(req: BuildRequest): Promise<BuiltKernel> {
  if (!ARCHES[req.arch]) throw infraError(`no build table for architecture ${req.arch}`);
  await findTool('ccache');
  if (req.inPlace && req.files.size > 0) throw new Error('an in-place build takes no variant files');
  const at = await placeOf(req);
  const result = async (built: boolean, seconds: number, found = { key: at.key, dir: at.entry }): Promise<BuiltKernel> => ({
    key: found.key,
    dir: found.dir,
    image: kernelImage(found.dir, req.arch),
    genInitCpio: join(found.dir, 'gen_init_cpio'),
    config: req.config,
    hz: await builtHz(found.dir),
    built,
    seconds,
    ...(req.coverage ? { gcnoDir: join(found.dir, 'gcno') } : {}),
  });
  if (await exists(join(at.entry, 'metadata.json'))) return result(false, 0);

  // One build at a time per work tree: both variants share it.
  return withLock(join(at.root, 'locks', `work-${at.tree}`), async () => {
    if (await exists(join(at.entry, 'metadata.json'))) return result(false, 0);
    if (req.inPlace) {
      const other = await findReusable(req.source.dir, at.identity);
      if (other) {
        const shown = other.changed.slice(0, 5).join(', ') + (other.changed.length > 5 ? `, ... (${other.changed.length} files)` : '');
        req.log(`[build ${req.variant}] not rebuilt: reusing the kernel of ${other.commit.slice(0, 12)}; what differs lies outside its build (${shown || 'nothing'})`);
        return result(false, 0, other);
      }
    }
    const work = await prepareTree(req, at);
    const stable = await stablePathsWork();
    const made = await runMake(req, at, work, stable);
    await storeKernel(req, at, work, stable, made);
    req.log(`[build ${req.variant}] done in ${made.seconds.toFixed(0)} s (${made.objects} steps)`);
    return result(true, made.seconds);
  });
}

export async function listKernels(): Promise<string[]> {
  return readdir(join(cacheRoot(), 'kernels')).catch(() => []);
}
