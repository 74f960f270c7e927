// End to end (the full set: npm run test:full): `--rev`, a revision of a git
// tree, for exec and verify. The tree is Debian's 6.1 source in git (every file
// tracked: `git archive` exports only those) with two commits that differ in
// the top Makefile's EXTRAVERSION, so the guest's `uname -r` says which one was
// built: rev-one (-rev-one) and, at HEAD, rev-two (-rev-two). --rev rev-one
// must build rev-one, not the checked-out HEAD.
// Cost: the repository once (a hard-linked copy, `git add` of 78k files: ~2-3
// min, kept in the cache with fixed commit dates, so the same commit ids every
// run), the revision's export (~1 min) and its kernel: a new lineage, so a
// whole build, from ccache's hits under the stable paths (~60-90 s; where builds
// cannot use them, a cold build, ~7 min on 2 cores); then one exec (~3 s) and
// one single-variant verify of the smoke scenario (~30 s), its kernel cached.
import t from 'tap';
import { existsSync, readFileSync, writeFileSync, unlinkSync, mkdirSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { execa } from 'execa';
import { cacheRoot } from '../../src/cache.ts';
import { resolveSource } from '../../src/source/resolve.ts';
import { DEFAULT_LINE, installedVersion } from '../../src/source/debian.ts';

const ROOT = new URL('../..', import.meta.url).pathname;
const repo = join(cacheRoot(), 'rev-fixture', 'linux');
const out = join(ROOT, 'runs', `e2e-rev-${Date.now()}`);
const IDENTITY = { GIT_AUTHOR_NAME: 'ipvs-verify', GIT_AUTHOR_EMAIL: 'test@ipvs-verify.invalid', GIT_COMMITTER_NAME: 'ipvs-verify', GIT_COMMITTER_EMAIL: 'test@ipvs-verify.invalid' };
const git = (...a: string[]) => execa('git', ['-C', repo, ...a], { env: IDENTITY });

/** Commits `extra` as the Makefile's EXTRAVERSION (a day a commit, fixed dates) and tags it. */
async function commitVersion(extra: string, tag: string, day: number) {
  const makefile = join(repo, 'Makefile');
  const text = readFileSync(makefile, 'utf8');
  // A new inode: the hard link to the pristine tree is broken, never written through.
  unlinkSync(makefile);
  writeFileSync(makefile, text.replace(/^EXTRAVERSION =.*$/m, `EXTRAVERSION = ${extra}`));
  const date = `2018-07-0${day}T12:00:00Z`;
  await git('add', '-A', '-f');
  await execa('git', ['-C', repo, 'commit', '-q', '-m', `Makefile: EXTRAVERSION ${extra}`], { env: { ...IDENTITY, GIT_AUTHOR_DATE: date, GIT_COMMITTER_DATE: date } });
  await git('tag', tag);
}

async function makeRepo(): Promise<void> {
  if (existsSync(join(repo, '.git')) && (await git('rev-parse', '-q', '--verify', 'rev-two').catch(() => undefined))) return;
  rmSync(repo, { recursive: true, force: true });
  mkdirSync(dirname(repo), { recursive: true });
  const source = await resolveSource({});
  await execa('cp', ['-al', source.dir, repo]);
  await git('init', '-q', '-b', 'main');
  await commitVersion('-rev-one', 'rev-one', 1);
  await commitVersion('-rev-two', 'rev-two', 2);
}

t.test('--rev builds that revision of a git tree, not its HEAD: exec and verify', async (t) => {
  await makeRepo();
  const commit = (await git('rev-parse', 'rev-one')).stdout.trim();
  t.equal((await git('rev-parse', 'HEAD')).stdout.trim(), (await git('rev-parse', 'rev-two')).stdout.trim(), 'HEAD is rev-two');
  const debian = await installedVersion(DEFAULT_LINE);
  t.ok(debian, `linux-source-${DEFAULT_LINE} is installed`);
  // The upstream version (6.1.192-3 -> 6.1.192), as test/e2e/exec.test.ts derives it, then the revision's EXTRAVERSION.
  const release = `${debian!.replace(/-[^-]*$/, '')}-rev-one`;

  const e = await execa('node', ['bin/ipvs-verify.js', 'exec', '--source', repo, '--rev', 'rev-one', '--', 'uname', '-r'], { cwd: ROOT, reject: false });
  t.equal(e.exitCode, 0, e.stderr.slice(-3000));
  t.equal(e.stdout, release, "the guest runs rev-one's kernel");
  t.match(e.stderr, `source: ${repo} at rev-one (${commit}) (git-${commit})`);

  const v = await execa('node', ['bin/ipvs-verify.js', 'verify', '--source', repo, '--rev', 'rev-one', '--variant', 'patched', '--scenario', 'fixtures/scenarios/smoke.yaml', '--out', out], { cwd: ROOT, reject: false, all: true });
  t.equal(v.exitCode, 0, (v.all ?? '').slice(-3000));
  t.match(v.all, /\[build patched\] taken from the cache/, "exec's kernel: the same revision, the same key");
  const meta = JSON.parse(readFileSync(join(out, 'metadata.json'), 'utf8'));
  t.same(meta.source, { description: `${repo} at rev-one (${commit})`, id: `git-${commit}`, carriesSeries: true }, 'the record names the revision and its commit');
  t.equal(meta.status, 'complete');
  t.match(readFileSync(join(out, 'results-patched.jsonl'), 'utf8'), `"kernel":"${release}"`, "the record's guest ran rev-one's kernel");
});
