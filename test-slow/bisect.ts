// git bisect run on a synthetic kernel history made from Debian's 6.1 source:
//   base (series reverted) -> unrelated -> patch 1 -> patch 2 -> unrelated
//   -> a commit that breaks the build -> its fix.
// Expecting base behaviour (templates kept under attack), the first commit that
// differs is patch 2; the broken commit is skipped. Real builds, real boots:
// about 20 minutes cold (the history's first build), less once its objects exist.
// Run with `npm run test:bisect` (not in the quick suite).
import t from 'tap';
import { existsSync, mkdirSync, writeFileSync, readFileSync, appendFileSync, rmSync, readdirSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { execa } from 'execa';
import { cacheRoot } from '../src/cache.ts';
import { resolveSource } from '../src/source/resolve.ts';
import { readSeries } from '../src/series/read.ts';
import { deriveVariants } from '../src/series/apply.ts';
import { DEFAULT_SERIES_DIR } from '../src/pipeline/inputs.ts';
import { repoWhere } from '../test-support/repo-where.ts';

const ROOT = new URL('..', import.meta.url).pathname;
// Kept in the cache: its object directory (per lineage) then survives between runs.
const repo = join(cacheRoot(), 'bisect-fixture', 'linux');
const git = (...a: string[]) => execa('git', ['-C', repo, '-c', 'user.name=ipvs-verify', '-c', 'user.email=test@ipvs-verify.invalid', ...a]);

async function makeHistory(): Promise<Record<string, string>> {
  const patches = ['0001-ipvs-add-assured-state-for-conn-templates.patch', '0002-ipvs-drop-conn-templates-under-attack.patch'].map((f) => join(DEFAULT_SERIES_DIR, f));
  const complete = existsSync(join(repo, '.git')) && (await git('rev-parse', '-q', '--verify', 'c7-fixed').catch(() => undefined)) !== undefined;
  if (!complete) {
    rmSync(repo, { recursive: true, force: true });
    const source = await resolveSource({});
    const { base } = await deriveVariants(source.dir, await readSeries(patches));
    mkdirSync(dirname(repo), { recursive: true });
    await execa('cp', ['-a', source.dir, repo]);
    for (const [f, content] of base) writeFileSync(join(repo, f), content!);
    await git('init', '-q');
    // -f: Debian's top-level .gitignore ignores everything (its packaging lives apart).
    await git('add', '-A', '-f');
    await git('commit', '-qm', 'base: Debian 6.1 without the series');
    await git('tag', 'c1-base');
    appendFileSync(join(repo, 'README'), '\nUnrelated change one.\n');
    await git('commit', '-qam', 'unrelated: README');
    await git('tag', 'c2-unrelated');
    for (const [i, p] of patches.entries()) {
      await git('am', '-q', p);
      await git('tag', i === 0 ? 'c3-patch1' : 'c4-patch2');
    }
    appendFileSync(join(repo, 'MAINTAINERS'), '\n');
    await git('commit', '-qam', 'unrelated: MAINTAINERS');
    await git('tag', 'c5-unrelated');
    const ctl = join(repo, 'net/netfilter/ipvs/ip_vs_ctl.c');
    const good = readFileSync(ctl, 'utf8');
    writeFileSync(ctl, good.replace('#include <linux/module.h>', '#include <linux/module.h>\nthis does not compile;'));
    await git('commit', '-qam', 'ipvs: break the build');
    await git('tag', 'c6-broken');
    writeFileSync(ctl, good);
    await git('commit', '-qam', 'ipvs: fix the build');
    await git('tag', 'c7-fixed');
  }
  const tags: Record<string, string> = {};
  for (const tag of ['c1-base', 'c2-unrelated', 'c3-patch1', 'c4-patch2', 'c5-unrelated', 'c6-broken', 'c7-fixed']) {
    tags[tag] = (await git('rev-parse', tag)).stdout.trim();
  }
  return tags;
}

// Kernels cached before they recorded what their build read cannot be reused;
// dropping them costs an incremental build each (the objects stay).
function forgetOldKernels() {
  const root = join(cacheRoot(), 'kernels');
  for (const key of existsSync(root) ? readdirSync(root) : []) {
    const meta = JSON.parse(readFileSync(join(root, key, 'metadata.json'), 'utf8'));
    if (meta.source?.description === repo && !meta.reuse) rmSync(join(root, key), { recursive: true, force: true });
  }
}

t.test('git bisect run lands on the second patch, skipping the broken commit', async (t) => {
  const tags = await makeHistory();
  forgetOldKernels();
  // A known start, whatever an interrupted earlier run left: master, no bisection.
  await execa('git', ['-C', repo, 'bisect', 'reset'], { reject: false });
  await git('checkout', '-q', 'master');
  const before = await repoWhere(repo);
  t.same(before, { branch: 'refs/heads/master', head: tags['c7-fixed'], bisecting: false }, 'before: on master, at its last commit, no bisection');
  const r = await execa(
    'node',
    ['bin/ipvs-verify.js', 'bisect-run', '--repo', repo, '--good', 'c1-base', '--bad', 'c7-fixed', '--expect', 'base'],
    { cwd: ROOT, reject: false, all: true },
  );
  t.equal(r.exitCode, 0, r.all?.slice(-4000));
  t.match(r.all, /good end c1-base: good, as it should be/);
  t.match(r.all, /bad end c7-fixed: bad, as it should be/);
  t.match(r.all, new RegExp(`first commit that does not behave as base: ${tags['c4-patch2']!.slice(0, 7)}`));
  t.same(await repoWhere(repo), before, 'the repository is back where it was: the same branch and commit, the bisection reset');

  // The broken commit, judged alone: skipped (125), never "bad".
  const stepAt = async (rev: string) => {
    await git('checkout', '-q', '--detach', rev);
    try {
      return await execa('node', [join(ROOT, 'bin/ipvs-verify.js'), 'bisect-step', '--expect', 'base'], { cwd: repo, reject: false, all: true });
    } finally {
      await git('checkout', '-q', 'master');
    }
  };
  const broken = await stepAt('c6-broken');
  t.equal(broken.exitCode, 125, 'a commit that does not build is skipped');
  t.match(broken.all, /build failure: kernel build \(bisect\) failed/);

  // Commits that change only files outside the build run no make: the kernel of
  // a commit whose build read none of the changed files is reused.
  const readme = await stepAt('c2-unrelated');
  t.equal(readme.exitCode, 0, readme.all?.slice(-3000));
  t.match(readme.all, new RegExp(`not rebuilt: reusing the kernel of ${tags['c1-base']!.slice(0, 12)}; what differs lies outside its build \\(README\\)`));
  t.notMatch(readme.all, /\[build bisect\] done in/, 'no make ran');
  const maintainers = await stepAt('c5-unrelated');
  t.equal(maintainers.exitCode, 1, 'c5 behaves as patched: bad');
  t.match(maintainers.all, /not rebuilt: reusing the kernel of/);
});
