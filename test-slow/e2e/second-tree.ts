// End to end (the full set: npm run test:full). ccache across trees: a second
// tree of the same source (a copy, new file times: a new source id, so a new
// kernel key) builds from ccache's hits, as a bisect's git tree of Debian's
// source does. The source's own base kernel is built first (or found in the
// cache), which fills ccache under the stable paths (src/kbuild/stable-paths.ts).
import t from 'tap';
import { readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { execa } from 'execa';
import { resolveSource } from '../../src/source/resolve.ts';
import { cacheRoot } from '../../src/cache.ts';
import { stablePathsWork } from '../../src/kbuild/stable-paths.ts';

const ROOT = new URL('../..', import.meta.url).pathname;

async function stats(): Promise<{ hits: number; misses: number }> {
  const { stdout } = await execa('ccache', ['--print-stats']);
  const get = (k: string) => Number(new RegExp(`^${k}\\t(\\d+)$`, 'm').exec(stdout)?.[1] ?? 0);
  return { hits: get('direct_cache_hit') + get('preprocessed_cache_hit'), misses: get('cache_miss') };
}

const stable = await stablePathsWork();
t.test('a second tree of the same source builds from ccache', { skip: stable ? false : 'builds cannot use the stable paths here (not root, or no mount namespace): see README "Cache"' }, async (t) => {
  const source = await resolveSource({});
  const first = await execa('node', ['bin/ipvs-verify.js', 'exec', '--variant', 'base', '--', 'true'], { cwd: ROOT, reject: false, all: true });
  t.equal(first.exitCode, 0, `the source's own base kernel\n${first.all}`);
  const tree = join(t.testdir({}), 'linux');
  // A plain copy: every file's time is new, so the tree is a new source to the cache.
  await execa('cp', ['-r', source.dir, tree]);
  // The copy's path is the test directory's, the same each run, and a path is a
  // lineage whose object directory the next build would reuse (an earlier run's
  // would leave ~40 files to compile): start the lineage afresh.
  const { lineage } = await resolveSource({ path: tree });
  for (const sub of ['obj', 'work']) {
    const dir = join(cacheRoot(), sub);
    for (const name of await readdir(dir).catch(() => [] as string[])) {
      if (name.startsWith(`${lineage}-`)) await rm(join(dir, name), { recursive: true, force: true });
    }
  }
  const before = await stats();
  const r = await execa('node', ['bin/ipvs-verify.js', 'exec', '--variant', 'base', '--source', tree, '--', 'true'], { cwd: ROOT, reject: false, all: true });
  t.equal(r.exitCode, 0, r.all);
  const built = /\[build base\] done in (\d+) s \((\d+) steps\)/.exec(r.all ?? '');
  t.ok(built, 'the copy was built (a new source id), not taken from the kernel cache');
  const after = await stats();
  const hits = after.hits - before.hits;
  const misses = after.misses - before.misses;
  t.ok(hits + misses > 500, `it compiled (${hits + misses} cacheable calls)`);
  t.ok(hits / (hits + misses) >= 0.95, `ccache: ${hits} hits, ${misses} misses; built in ${built?.[1]} s`);
});
