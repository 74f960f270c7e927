import t from 'tap';
import { existsSync, readFileSync, statSync, symlinkSync, utimesSync, writeFileSync, readlinkSync, rmSync, chmodSync } from 'node:fs';
import { join } from 'node:path';
import { syncTree } from '../../src/kbuild/sync-tree.ts';

t.test('only what changed gets a new file; unchanged content keeps its timestamp', async (t) => {
  const dir = t.testdir({
    src: { 'same.c': 'same\n', 'changed.c': 'new\n', 'added.c': 'added\n', sub: { 'deep.h': 'deep\n' }, 'variant.c': 'pristine\n', '.git': { HEAD: 'x' } },
    work: { 'same.c': 'same\n', 'changed.c': 'old\n', 'gone.c': 'gone\n', sub: { 'deep.h': 'deep\n' }, 'variant.c': 'patched\n' },
  });
  const [src, work] = [join(dir, 'src'), join(dir, 'work')];
  // A copy made long ago, a source exported just now (git archive stamps every file).
  const old = new Date('2020-01-01');
  for (const f of ['same.c', 'changed.c', 'sub/deep.h']) utimesSync(join(work, f), old, old);
  symlinkSync('sub', join(src, 'link'));

  const stats = await syncTree(src, work, new Set(['variant.c']));
  t.same(stats, { kept: 2, replaced: 1, added: 2, removed: 1 });
  t.equal(statSync(join(work, 'same.c')).mtimeMs, old.getTime(), 'unchanged: make sees nothing new');
  t.equal(readFileSync(join(work, 'changed.c'), 'utf8'), 'new\n');
  t.equal(statSync(join(work, 'changed.c')).ino, statSync(join(src, 'changed.c')).ino, 'a hard link to the source, not a copy');
  t.equal(readFileSync(join(work, 'added.c'), 'utf8'), 'added\n');
  t.equal(readlinkSync(join(work, 'link')), 'sub', 'symlinks are symlinks');
  t.notOk(existsSync(join(work, 'gone.c')));
  t.equal(readFileSync(join(work, 'variant.c'), 'utf8'), 'patched\n', 'a path the variant owns is left to materialise');
  t.notOk(existsSync(join(work, '.git')), '.git is not part of the tree');
  t.same(await syncTree(src, work, new Set(['variant.c'])), { kept: 5, replaced: 0, added: 0, removed: 0 }, 'a second sync changes nothing');
});

t.test('a file where a directory was, and the other way round', async (t) => {
  const dir = t.testdir({ src: { a: 'now a file\n', b: { c: 'now in a directory\n' } }, work: { a: { x: 'was in a directory\n' }, b: 'was a file\n' } });
  const [src, work] = [join(dir, 'src'), join(dir, 'work')];
  await syncTree(src, work);
  t.equal(readFileSync(join(work, 'a'), 'utf8'), 'now a file\n');
  t.equal(readFileSync(join(work, 'b/c'), 'utf8'), 'now in a directory\n');
});

t.test('same size, other content; same content, other mode', async (t) => {
  const dir = t.testdir({ src: { 'x.c': 'abc\n', 'run.sh': 'echo\n' }, work: { 'x.c': 'xyz\n', 'run.sh': 'echo\n' } });
  const [src, work] = [join(dir, 'src'), join(dir, 'work')];
  t.same(await syncTree(src, work), { kept: 1, replaced: 1, added: 0, removed: 0 });
  t.equal(readFileSync(join(work, 'x.c'), 'utf8'), 'abc\n');
  rmSync(join(work, 'run.sh'));
  writeFileSync(join(work, 'run.sh'), 'echo\n', { mode: 0o644 });
  writeFileSync(join(src, 'run.sh'), 'echo\n');
  chmodSync(join(src, 'run.sh'), 0o755);
  t.same(await syncTree(src, work), { kept: 1, replaced: 1, added: 0, removed: 0 }, 'an executable bit matters to the build');
});

t.test('told which paths differ (a git diff), only those are looked at', async (t) => {
  const dir = t.testdir({
    src: { 'a.c': 'a2\n', 'b.c': 'b2\n', 'new.c': 'n\n', 'v.c': 'pristine\n' },
    work: { 'a.c': 'a1\n', 'b.c': 'b1\n', 'gone.c': 'g\n', 'v.c': 'patched\n' },
  });
  const [src, work] = [join(dir, 'src'), join(dir, 'work')];
  const stats = await syncTree(src, work, new Set(['v.c']), new Set(['a.c', 'new.c', 'gone.c', 'v.c']));
  t.same(stats, { kept: 0, replaced: 1, added: 1, removed: 1 });
  t.equal(readFileSync(join(work, 'a.c'), 'utf8'), 'a2\n');
  t.equal(readFileSync(join(work, 'b.c'), 'utf8'), 'b1\n', 'a path git did not name is not even read');
  t.equal(readFileSync(join(work, 'new.c'), 'utf8'), 'n\n');
  t.notOk(existsSync(join(work, 'gone.c')));
  t.equal(readFileSync(join(work, 'v.c'), 'utf8'), 'patched\n', "the variant's paths stay materialise's");
});
