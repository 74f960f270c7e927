import t from 'tap';
import { readFileSync, existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { materialise } from '../../src/kbuild/kernel.ts';

t.test('the work tree is always pristine plus the variant, never a mix of variants', async (t) => {
  const dir = t.testdir({ pristine: { Makefile: 'all:\n', 'x.c': 'x0\n', 'y.c': 'y0\n', 'z.c': 'z0\n' } });
  const pristine = join(dir, 'pristine');
  const work = join(dir, 'work');
  const read = (f: string) => readFileSync(join(work, f), 'utf8');

  await materialise(pristine, work, new Map([['x.c', Buffer.from('x1\n')], ['z.c', null]]));
  t.same([read('x.c'), read('y.c'), existsSync(join(work, 'z.c'))], ['x1\n', 'y0\n', false]);
  t.equal(readFileSync(join(pristine, 'x.c'), 'utf8'), 'x0\n', 'the pristine tree is not edited through the hard link');

  // A series that touches only y.c: x.c and z.c come back as they were.
  await materialise(pristine, work, new Map([['y.c', Buffer.from('y1\n')]]));
  t.same([read('x.c'), read('y.c'), read('z.c')], ['x0\n', 'y1\n', 'z0\n']);

  // Unchanged files keep their timestamps (make rebuilds nothing for them).
  const before = statSync(join(work, 'y.c')).mtimeMs;
  await new Promise((r) => setTimeout(r, 20));
  await materialise(pristine, work, new Map([['y.c', Buffer.from('y1\n')]]));
  t.equal(statSync(join(work, 'y.c')).mtimeMs, before);
});

t.test('a new content of the same lineage: the work tree follows it, keeping what did not change', async (t) => {
  const dir = t.testdir({ v1: { Makefile: 'all:\n', 'x.c': 'x0\n', 'y.c': 'y0\n' }, v2: { Makefile: 'all:\n', 'x.c': 'x0\n', 'y.c': 'y2\n', 'n.c': 'new\n' } });
  const work = join(dir, 'work');
  const read = (f: string) => readFileSync(join(work, f), 'utf8');
  t.equal(await materialise(join(dir, 'v1'), work, new Map([['x.c', Buffer.from('x1\n')]]), 'id-1'), undefined, 'a new tree needs no sync');
  const xTime = statSync(join(work, 'x.c')).mtimeMs;
  const makefileTime = statSync(join(work, 'Makefile')).mtimeMs;
  await new Promise((r) => setTimeout(r, 20));
  // v2 is a fresh export: every file is new to the filesystem.
  const stats = await materialise(join(dir, 'v2'), work, new Map([['x.c', Buffer.from('x1\n')]]), 'id-2');
  t.same(stats, { kept: 1, replaced: 1, added: 1, removed: 0 });
  t.same([read('x.c'), read('y.c'), read('n.c')], ['x1\n', 'y2\n', 'new\n']);
  t.equal(statSync(join(work, 'x.c')).mtimeMs, xTime, "the variant's file, unchanged, keeps its timestamp");
  t.equal(statSync(join(work, 'Makefile')).mtimeMs, makefileTime, 'so does every unchanged file');
  t.equal(await materialise(join(dir, 'v2'), work, new Map(), 'id-2'), undefined, 'the same content again: no sync');
  t.equal(read('x.c'), 'x0\n', 'and the variant file is back to pristine');
});

t.test("the earlier identity's diff, when known, limits the sync", async (t) => {
  const dir = t.testdir({ v1: { Makefile: 'all:\n', 'x.c': 'x0\n', 'y.c': 'y0\n' }, v2: { Makefile: 'all:\n', 'x.c': 'x2\n', 'y.c': 'y2\n' } });
  const work = join(dir, 'work');
  await materialise(join(dir, 'v1'), work, new Map(), 'git-1');
  const asked: string[] = [];
  const stats = await materialise(join(dir, 'v2'), work, new Map(), 'git-2', async (earlier) => {
    asked.push(earlier);
    return new Set(['x.c']);
  });
  t.same(asked, ['git-1']);
  t.same(stats, { kept: 0, replaced: 1, added: 0, removed: 0 });
  t.same([readFileSync(join(work, 'x.c'), 'utf8'), readFileSync(join(work, 'y.c'), 'utf8')], ['x2\n', 'y0\n'], 'only the paths named');
});
