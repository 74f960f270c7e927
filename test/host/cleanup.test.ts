import t from 'tap';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { execa } from 'execa';
import { removeOnExit, removeRegistered } from '../../src/host/cleanup.ts';

const ROOT = new URL('../../', import.meta.url).pathname;
// procfs refuses to unlink its files, even for root: a path that cannot be removed.
const STUCK = '/proc/self/status';

t.test('registered paths go; forgotten ones stay', async (t) => {
  const dir = t.testdir({ a: { x: '1' }, b: { y: '2' } });
  const forgetA = removeOnExit(join(dir, 'a'));
  const forgetB = removeOnExit(join(dir, 'b'));
  forgetB();
  removeRegistered();
  t.same([existsSync(join(dir, 'a')), existsSync(join(dir, 'b'))], [false, true]);
  forgetA();
});

t.test('a path that cannot be removed is reported, not thrown, and tried again later', async (t) => {
  const errors: string[] = [];
  const write = process.stderr.write;
  process.stderr.write = ((s: string) => errors.push(s) > 0) as typeof process.stderr.write;
  const dir = t.testdir({});
  const later = join(dir, 'later');
  const forget = removeOnExit(STUCK);
  removeOnExit(later);
  try {
    t.doesNotThrow(() => removeRegistered());
    t.equal(errors.filter((e) => e.includes(`could not remove ${STUCK} yet`)).length, 1);
    mkdirSync(later);
    removeRegistered();
    t.equal(errors.filter((e) => e.includes(`could not remove ${STUCK} yet`)).length, 2, 'the stuck path is tried again');
    t.ok(existsSync(later), 'a path removed once is no longer registered');
  } finally {
    process.stderr.write = write;
    forget();
  }
});

t.test('SIGTERM exits 143 even when a temporary path cannot be removed', async (t) => {
  const script = join(t.testdir({}), 'victim.ts');
  writeFileSync(
    script,
    [
      `import { exitOnSignals, removeOnExit } from ${JSON.stringify(join(ROOT, 'src/host/cleanup.ts'))};`,
      'exitOnSignals();',
      `removeOnExit(${JSON.stringify(STUCK)});`,
      "console.log('ready');",
      'setInterval(() => {}, 1000);',
    ].join('\n'),
  );
  const child = execa(join(ROOT, 'node_modules/.bin/tsx'), [script], { reject: false, all: true, buffer: false });
  await new Promise<void>((resolve) => child.all!.on('data', (d: Buffer) => d.toString().includes('ready') && resolve()));
  child.kill('SIGTERM');
  const r = await child;
  t.equal(r.exitCode, 143);
});
