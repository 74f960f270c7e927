import t from 'tap';
import { mkdirSync, utimesSync, existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { atomicDir, withLock } from '../src/cache.ts';

t.test('withLock serialises two holders', async (t) => {
  const dir = t.testdir({});
  const order: string[] = [];
  const hold = (name: string, ms: number) =>
    withLock(join(dir, 'lock'), async () => {
      order.push(`${name} in`);
      await new Promise((r) => setTimeout(r, ms));
      order.push(`${name} out`);
    });
  await Promise.all([hold('a', 300), new Promise((r) => setTimeout(r, 50)).then(() => hold('b', 10))]);
  t.same(order, ['a in', 'a out', 'b in', 'b out']);
});

t.test('a lock left by a crashed run goes stale and is taken over', async (t) => {
  const dir = t.testdir({});
  const lockDir = join(dir, 'lock');
  mkdirSync(lockDir);
  // proper-lockfile's lock is a directory beside the locked path, refreshed while held.
  mkdirSync(`${lockDir}.lock`);
  const old = new Date(Date.now() - 120_000);
  utimesSync(`${lockDir}.lock`, old, old);
  const started = Date.now();
  const v = await withLock(lockDir, async () => 42);
  t.equal(v, 42);
  t.ok(Date.now() - started < 10_000, 'taken over without waiting for a timeout');
  t.notOk(existsSync(`${lockDir}.lock`), 'released');
});

t.test('atomicDir: all or nothing', async (t) => {
  const dir = t.testdir({});
  await t.rejects(
    atomicDir(join(dir, 'entry'), async (tmp) => {
      mkdirSync(join(tmp, 'half'));
      throw new Error('interrupted');
    }),
    /interrupted/,
  );
  t.same(readdirSync(dir), [], 'nothing left: neither the entry nor its temporary');
  await atomicDir(join(dir, 'entry'), async (tmp) => mkdirSync(join(tmp, 'whole')));
  t.same(readdirSync(dir), ['entry']);
  t.same(readdirSync(join(dir, 'entry')), ['whole']);
});
