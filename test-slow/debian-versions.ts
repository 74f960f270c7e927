// bisect-run between two Debian versions of one kernel line, the README's worked
// example: "it worked on 6.1.187-1, does it still on 6.1.192-2?". Both carry the
// series, so both ends judge patched: bisect-run says so and stops, nothing to
// bisect. Real downloads (two linux-source-6.1 packages), real builds and boots:
// several minutes, less once ccache has seen the source (src/kbuild/stable-paths.ts).
// Run with `npm run test:debian-versions` (not in the quick suite).
import t from 'tap';
import { join } from 'node:path';
import { execa } from 'execa';
import { cacheRoot } from '../src/cache.ts';

const ROOT = new URL('..', import.meta.url).pathname;
const [OLD, NEW] = ['6.1.187-1', '6.1.192-2'];
// Kept in the cache: the history and its object directory survive between runs.
const repo = join(cacheRoot(), 'debian-history', 'linux-6.1');

t.test(`bisect-run --good debian/${OLD} --bad debian/${NEW} --expect patched`, async (t) => {
  const h = await execa('bash', [join(ROOT, 'scripts/debian-versions-history.sh'), '6.1', repo, OLD, NEW], { reject: false, all: true });
  t.equal(h.exitCode, 0, h.all);
  const tags = (await execa('git', ['-C', repo, 'tag', '--list', 'debian/*'])).stdout.split('\n');
  t.same(tags.sort(), [`debian/${NEW}`, `debian/${OLD}`].sort());
  // Where the repository stands before: its branch (or detached HEAD) and commit.
  const where = async () => [
    (await execa('git', ['-C', repo, 'symbolic-ref', '-q', 'HEAD'], { reject: false })).stdout.trim(),
    (await execa('git', ['-C', repo, 'rev-parse', 'HEAD'])).stdout.trim(),
  ];
  const before = await where();
  const r = await execa('node', [join(ROOT, 'bin/ipvs-verify.js'), 'bisect-run', '--good', `debian/${OLD}`, '--bad', `debian/${NEW}`, '--expect', 'patched'], {
    cwd: repo,
    reject: false,
    all: true,
  });
  t.match(r.all, new RegExp(`good end debian/${OLD}: good, as it should be`), 'the old version keeps the series\' behaviour');
  t.match(r.all, new RegExp(`the bad end \\(debian/${NEW}\\) is not bad: it judged good; nothing to bisect`), 'so does the new one');
  t.equal(r.exitCode, 2, 'nothing to bisect is the user\'s question answered, not a kernel failing (exit 1)');
  const status = await execa('git', ['-C', repo, 'status', '--porcelain', '--untracked-files=no']);
  t.equal(status.stdout, '', 'the tree is left as it was');
  t.same(await where(), before, 'on the same branch and commit as before');
});
