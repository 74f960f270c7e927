// bisect-run on real guests, in the quick suite: a synthetic history of five
// commits whose kernels are the cache's (test-support/cached-history.ts), so no
// step builds; each step boots the smoke scenario and asks which model the
// kernel follows. The history, expecting base behaviour (templates kept):
//   c1-base (series reverted) -> c2-doc -> c3-series -> c4-doc -> c5-doc
// c1 and c2 carry base's files, c3..c5 patched's: good is c1, bad is c5, and
// the first bad commit is c3 (derived by hand from which files each carries).
// About 2-3 minutes with the two kernels cached: the two ends and about two
// bisection steps, ~25 s each, and a kconfig run a commit to check its config.
// The in-place builds and the reuse of a kernel across commits are
// test-slow/bisect.ts's (npm run test:bisect, nightly).
import t from 'tap';
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { execa } from 'execa';
import { cacheRoot } from '../../src/cache.ts';
import { resolveSource } from '../../src/source/resolve.ts';
import { readSeries } from '../../src/series/read.ts';
import { deriveVariants } from '../../src/series/apply.ts';
import { readFragments, cachedMergeConfig } from '../../src/kconfig/merge.ts';
import { buildKernel, type BuiltKernel } from '../../src/kbuild/kernel.ts';
import { DEFAULT_ARCH } from '../../src/qemu/args.ts';
import { DEFAULT_SERIES_DIR } from '../../src/pipeline/inputs.ts';
import { HISTORY, gitIn, makeHistory, seedCommitKernel, type VariantName } from '../../test-support/cached-history.ts';
import { repoWhere } from '../../test-support/repo-where.ts';

const ROOT = new URL('../..', import.meta.url).pathname;
const repo = join(cacheRoot(), 'bisect-cached', 'linux');
const git = gitIn(repo);

/** The history made, and each commit's kernel in the cache; returns the tags' commit ids. */
async function prepare(log: (s: string) => void): Promise<Record<string, string>> {
  const source = await resolveSource({});
  const series = await readSeries((await readdir(DEFAULT_SERIES_DIR)).filter((f) => f.endsWith('.patch')).sort().map((f) => join(DEFAULT_SERIES_DIR, f)));
  const derived = await deriveVariants(source.dir, series);
  const fragments = await readFragments();
  const config = await cachedMergeConfig(source.dir, source.id, DEFAULT_ARCH, fragments);
  // verify's kernels (taken from the cache; built here only on a cold cache, for the tests after this one).
  const kernels = {} as Record<VariantName, BuiltKernel>;
  for (const v of ['base', 'patched'] as const) kernels[v] = await buildKernel({ source, variant: v, arch: DEFAULT_ARCH, files: derived[v], config, log });
  const tags = await makeHistory(repo, source.dir, derived);
  for (const c of HISTORY) {
    await git('checkout', '-q', '--detach', c.tag);
    await seedCommitKernel(repo, DEFAULT_ARCH, fragments, { name: c.variant, files: derived[c.variant], config, kernel: kernels[c.variant] });
  }
  await git('checkout', '-q', 'main');
  return tags;
}

/** Each judged commit (its short id as logged) and its last try's outcome, in the order judged. */
function steps(output: string): { commit: string; follows: string; decision: string }[] {
  const out: { commit: string; follows: string; decision: string }[] = [];
  for (const line of output.split('\n')) {
    const head = /^\[bisect\] ([0-9a-f]{7,40}): expecting base behaviour$/.exec(line);
    if (head) out.push({ commit: head[1]!, follows: '', decision: '' });
    const tried = /^\[bisect\] try \d+: follows (\w+) .* -> (\w+)$/.exec(line);
    if (tried && out.length > 0) Object.assign(out.at(-1)!, { follows: tried[1], decision: tried[2] });
  }
  return out;
}

t.test('bisect-run over a history of cached kernels: the first bad commit is the one carrying the series', async (t) => {
  const tags = await prepare((s) => t.comment(s));
  const before = await repoWhere(repo);
  t.same(before, { branch: 'refs/heads/main', head: tags['c5-doc'], bisecting: false }, 'before: on main, at its last commit, no bisection');
  const r = await execa('node', ['bin/ipvs-verify.js', 'bisect-run', '--repo', repo, '--good', 'c1-base', '--bad', 'c5-doc', '--expect', 'base'], {
    cwd: ROOT,
    reject: false,
    all: true,
  });
  const all = r.all ?? '';
  t.equal(r.exitCode, 0, all.slice(-4000));
  t.match(all, /good end c1-base: good, as it should be/);
  t.match(all, /bad end c5-doc: bad, as it should be/);
  t.match(all, new RegExp(`first commit that does not behave as base: ${tags['c3-series']}\\b`), 'c3, the commit carrying the series');
  t.notMatch(all, /\[build bisect\]/, 'no step built or reused another commit\'s kernel: each was in the cache under its own key');

  // Each judged commit as expected from the files it carries: base's -> good, patched's -> bad.
  const judged = steps(all);
  // The two ends, then git's steps among c2..c5: four commits, two steps (log2 4) at least one.
  t.ok(judged.length >= 3 && judged.length <= 5, `the ends and the bisection's steps (${judged.map((s) => s.commit).join(', ')})`);
  t.equal(judged[0]!.commit, tags['c1-base']!.slice(0, judged[0]!.commit.length), 'the good end first');
  t.equal(judged[1]!.commit, tags['c5-doc']!.slice(0, judged[1]!.commit.length), 'then the bad end');
  for (const s of judged) {
    const c = HISTORY.find((h) => tags[h.tag]!.startsWith(s.commit));
    t.ok(c, `${s.commit} is a commit of the history`);
    if (!c) continue;
    const want = c.variant === 'base' ? { follows: 'base', decision: 'good' } : { follows: 'patched', decision: 'bad' };
    t.same({ follows: s.follows, decision: s.decision }, want, `${c.tag} (${c.variant}'s files): follows ${want.follows}, ${want.decision}`);
  }
  t.same(await repoWhere(repo), before, 'the repository is back where it was: the same branch and commit, the bisection reset');
});
