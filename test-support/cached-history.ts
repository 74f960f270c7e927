// A synthetic kernel git history whose commits are kernels the cache already
// holds, for a bisection that builds nothing (test/e2e/bisect.test.ts).
//
// The tree is Debian's 6.1 source, hard-linked (no copy of its 1.5 GB), with
// only the files the series touches and one Documentation/ file tracked; the
// rest stays untracked and ignored, so git checks out and diffs a handful of
// files. Commits have fixed authors and dates: the same history has the same
// commit ids on every run and every machine.
//
// A bisect step's kernel is cached under its commit id (src/source/resolve.ts:
// a git work tree's id is its HEAD), not under its content, so none of the
// kernels verify built for base and patched would be found for a commit. Each
// commit's content is, byte for byte, the Debian tree with one variant's files,
// plus a note in Documentation/ that no kernel build reads (kbuild/relevance.ts):
// seedCommitKernel() files that variant's kernel under the commit's key, after
// checking that content and the merged config.
import { copyFile, link, mkdir, readFile, rm, unlink, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { execa } from 'execa';
import { atomicDir, exists } from '../src/cache.ts';
import type { Fragment } from '../src/kconfig/merge.ts';
import { cachedMergeConfig } from '../src/kconfig/merge.ts';
import { configHash } from '../src/kbuild/key.ts';
import { kernelImage, kernelKey, toolchain, type BuiltKernel } from '../src/kbuild/kernel.ts';
import { resolveSource, type KernelSource } from '../src/source/resolve.ts';
import type { Variants } from '../src/series/apply.ts';

/** The one file outside the build that the history's other commits change. */
export const NOTE = 'Documentation/networking/ipvs-sysctl.rst';

/** The history, oldest first: each commit's tag and which variant's files it carries. */
export const HISTORY = [
  { tag: 'c1-base', variant: 'base', note: '', message: 'base: Debian 6.1 with the series reverted' },
  { tag: 'c2-doc', variant: 'base', note: 'First note.', message: 'Documentation: a note' },
  { tag: 'c3-series', variant: 'patched', note: 'First note.', message: 'ipvs: the series (assured templates, dropped under attack)' },
  { tag: 'c4-doc', variant: 'patched', note: 'Second note.', message: 'Documentation: another note' },
  { tag: 'c5-doc', variant: 'patched', note: 'Third note.', message: 'Documentation: a third note' },
] as const;
export type VariantName = (typeof HISTORY)[number]['variant'];

const IDENTITY = {
  GIT_AUTHOR_NAME: 'ipvs-verify',
  GIT_AUTHOR_EMAIL: 'test@ipvs-verify.invalid',
  GIT_COMMITTER_NAME: 'ipvs-verify',
  GIT_COMMITTER_EMAIL: 'test@ipvs-verify.invalid',
};

export const gitIn = (repo: string) => (...args: string[]) => execa('git', ['-C', repo, ...args], { env: IDENTITY });

/** A file of the tree made the repository's own (a new inode): git may rewrite it, the pristine tree stays as it is. */
async function own(repo: string, path: string, content: Buffer | null): Promise<void> {
  const target = join(repo, path);
  await unlink(target).catch(() => undefined);
  if (content === null) return;
  await mkdir(dirname(target), { recursive: true });
  await writeFile(target, content);
}

/** Makes the history afresh at `repo` (on branch main, at its last commit); returns each tag's full commit id. */
export async function makeHistory(repo: string, pristine: string, derived: Variants): Promise<Record<string, string>> {
  await rm(repo, { recursive: true, force: true });
  await mkdir(dirname(repo), { recursive: true });
  const cp = await execa('cp', ['-al', pristine, repo], { reject: false, all: true });
  if (cp.exitCode !== 0) throw new Error(`cannot link ${pristine} to ${repo}: ${cp.all}`);
  const git = gitIn(repo);
  await git('init', '-q', '-b', 'main');
  // Everything untracked is ignored: the tree is clean with a handful of tracked files.
  await writeFile(join(repo, '.git/info/exclude'), '*\n');
  const pristineNote = await readFile(join(pristine, NOTE), 'utf8');
  const tags: Record<string, string> = {};
  for (const [i, c] of HISTORY.entries()) {
    for (const [path, content] of derived[c.variant]) await own(repo, path, content);
    await own(repo, NOTE, Buffer.from(c.note ? `${pristineNote}\n${c.note}\n` : pristineNote));
    await git('add', '-f', '-A', '--', NOTE, ...derived[c.variant].keys());
    // A day a commit, the same dates every run: the same commit ids.
    const date = `2018-06-0${i + 1}T12:00:00Z`;
    await execa('git', ['-C', repo, 'commit', '-q', '-m', c.message], { env: { ...IDENTITY, GIT_AUTHOR_DATE: date, GIT_COMMITTER_DATE: date } });
    await git('tag', c.tag);
    tags[c.tag] = (await git('rev-parse', 'HEAD')).stdout.trim();
  }
  return tags;
}

/**
 * Files `kernel` (built from the Debian tree with `files`) under the key a
 * bisect step computes for the commit checked out in `repo`, once it has
 * checked that the commit carries exactly those files and merges the same
 * config. Returns the step's key, whether or not it was seeded now.
 */
export async function seedCommitKernel(
  repo: string,
  arch: string,
  fragments: Fragment[],
  variant: { name: VariantName; files: Map<string, Buffer | null>; config: string; kernel: BuiltKernel },
): Promise<{ key: string; source: KernelSource }> {
  const source = await resolveSource({ path: repo });
  if (!source.git?.clean) throw new Error(`${repo} is not clean at ${source.git?.commit}`);
  for (const [path, want] of variant.files) {
    const have = await readFile(join(repo, path)).catch(() => null);
    if (!(have === null ? want === null : want !== null && have.equals(want))) throw new Error(`${source.git.commit}: ${path} is not the ${variant.name} variant's`);
  }
  // The step merges its own config (bisect/command.ts); the same Kconfig files and fragments give the same one.
  const config = await cachedMergeConfig(repo, source.id, arch, fragments);
  if (config !== variant.config) throw new Error(`${source.git.commit}: its merged config differs from the Debian tree's`);
  const key = await kernelKey({ arch, source, files: new Map(), config });
  const entry = join(dirname(variant.kernel.dir), key);
  if (await exists(join(entry, 'metadata.json'))) return { key, source };
  await atomicDir(entry, async (tmp) => {
    // Hard links (entries are never written after they are made): five commits cost no more space than one kernel.
    const place = (from: string, to: string) => link(from, to).catch(() => copyFile(from, to));
    await place(variant.kernel.image, kernelImage(tmp, arch));
    for (const f of ['gen_init_cpio', 'config', 'build.log']) await place(join(variant.kernel.dir, f), join(tmp, f));
    const meta = {
      key,
      variant: 'bisect',
      arch,
      source: { id: source.id, description: source.description },
      files: [],
      configHash: configHash(config),
      toolchain: await toolchain(),
      seconds: 0,
      builtAt: new Date().toISOString(),
      seededFrom: { key: variant.kernel.key, variant: variant.name, why: 'the same content as that kernel, plus a Documentation/ note no build reads' },
    };
    await writeFile(join(tmp, 'metadata.json'), JSON.stringify(meta, null, 2) + '\n');
  });
  return { key, source };
}
