import t, { type Test } from 'tap';
import { mkdirSync, writeFileSync, appendFileSync } from 'node:fs';
import { join } from 'node:path';
import { execa } from 'execa';
import { buildInputs, findReusable, INPUTS_FILE, type ReuseIdentity } from '../../src/kbuild/reuse.ts';

// A toy "kernel tree" in git, one cached kernel built from its first commit, and
// the object directory's .cmd file that says what that build read.
async function setup(t: Test) {
  const dir = t.testdir({ tree: { Makefile: 'obj-y += a.o\n', 'a.c': '#include "a.h"\n', 'a.h': '\n', 'b.c': '\n', README: 'hi\n' } });
  const tree = join(dir, 'tree');
  const git = (...a: string[]) => execa('git', ['-C', tree, '-c', 'user.name=t', '-c', 'user.email=t@t.invalid', ...a]);
  await git('init', '-q');
  await git('add', '-A');
  await git('commit', '-qm', 'one');
  const commit = (await git('rev-parse', 'HEAD')).stdout.trim();
  const obj = join(dir, 'obj');
  mkdirSync(obj);
  writeFileSync(join(obj, '.a.o.cmd'), `source_a.o := ../tree/a.c\n\ndeps_a.o := \\\n  ${tree}/a.h \\\n    $(wildcard include/config/X) \\\n`);
  const identity: ReuseIdentity = { lineage: 'dir-toy', arch: 'x86_64', configHash: 'c0', toolchain: ['gcc 12'], makeArgs: ['bzImage'] };
  const cache = join(dir, 'cache');
  const entry = join(cache, 'kernels', 'k1');
  mkdirSync(entry, { recursive: true });
  writeFileSync(join(entry, 'metadata.json'), JSON.stringify({ builtAt: '2026-01-01T00:00:00Z', reuse: { ...identity, commit } }));
  writeFileSync(join(entry, INPUTS_FILE), JSON.stringify(await buildInputs(obj, tree)));
  process.env.IPVS_VERIFY_CACHE = cache;
  t.teardown(() => delete process.env.IPVS_VERIFY_CACHE);
  return { tree, git, commit, identity };
}

t.test('buildInputs reads every .cmd file of the object directory', async (t) => {
  const { tree } = await setup(t);
  t.same(await buildInputs(join(tree, '../obj'), tree), ['a.c', 'a.h']);
});

t.test('a commit that changes only files outside the build reuses the kernel', async (t) => {
  const { tree, git, commit, identity } = await setup(t);
  appendFileSync(join(tree, 'README'), 'more\n');
  writeFileSync(join(tree, 'b.c'), 'int unused;\n'); // not compiled by that build
  await git('commit', '-qam', 'two: docs and an unbuilt file');
  const r = await findReusable(tree, identity);
  t.same(r && { key: r.key, commit: r.commit, changed: r.changed.sort() }, { key: 'k1', commit, changed: ['README', 'b.c'] });
});

t.test('a change to something the build read, or to what steers it, does not', async (t) => {
  const { tree, git, identity } = await setup(t);
  appendFileSync(join(tree, 'a.h'), '#define X 1\n');
  t.equal(await findReusable(tree, identity), undefined, 'a local change to a header a.c includes');
  await git('checkout', '-q', 'a.h');
  appendFileSync(join(tree, 'Makefile'), 'obj-y += b.o\n');
  await git('commit', '-qam', 'build b.c too');
  t.equal(await findReusable(tree, identity), undefined, 'a Makefile change');
  await git('reset', '-q', '--hard', 'HEAD~1');
  writeFileSync(join(tree, 'new.c'), '\n');
  t.ok(await findReusable(tree, identity), 'a new, untracked source nobody builds');
  writeFileSync(join(tree, 'Kconfig'), 'config X\n');
  t.equal(await findReusable(tree, identity), undefined, 'a new, untracked Kconfig');
});

t.test('only a kernel of the same lineage, config, toolchain and make arguments', async (t) => {
  const { tree, identity } = await setup(t);
  t.ok(await findReusable(tree, identity));
  for (const other of [
    { lineage: 'dir-other' },
    { configHash: 'c1' },
    { toolchain: ['gcc 13'] },
    { makeArgs: ['vmlinux'] },
    { arch: 'arm64' },
  ]) {
    t.equal(await findReusable(tree, { ...identity, ...other }), undefined, JSON.stringify(other));
  }
});

t.test('a commit no longer in the repository is no candidate', async (t) => {
  const { tree, git, identity } = await setup(t);
  await git('commit', '-q', '--amend', '-m', 'one, reworded');
  await git('reflog', 'expire', '--expire=now', '--all');
  await git('gc', '-q', '--prune=now');
  t.equal(await findReusable(tree, identity), undefined);
});
