// `ipvs-verify matrix` through the real command line. Which scenarios a shard
// takes is planned by shardScenarios() (test/commands/matrix.test.ts); running a
// shard builds and boots kernels (the nightly and the end-to-end tests do that).
// What the command line can show without a kernel: bad input is named and exits 2
// (README "Exit codes") before anything runs, and no run record is made.
import t from 'tap';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { execa } from 'execa';

const ROOT = new URL('../..', import.meta.url).pathname;
const cli = (args: string[]) => execa(process.execPath, ['bin/ipvs-verify.js', ...args], { cwd: ROOT, reject: false, all: true });

t.test('matrix --shard that is not i/n with 1 <= i <= n: named, exit 2, nothing run', async (t) => {
  const dir = t.testdir({});
  const out = join(dir, 'shards');
  const bad = ['0/3', '4/3', '1/0', 'x', '1-3', '-1/3'];
  t.equal(bad.length, 6);
  for (const shard of bad) {
    const r = await cli(['matrix', `--shard=${shard}`, '--out', out]);
    t.equal(r.exitCode, 2, `${shard}: ${r.all}`);
    t.match(r.all, `--shard wants i/n with 1 <= i <= n, got "${shard}"`);
  }
  t.notOk(existsSync(out), 'no run records');
  t.same(readdirSync(dir), []);
});

t.test('matrix without --shard or --out, or with a bad --kernel-line or --accel: named, exit 2, nothing run', async (t) => {
  const dir = t.testdir({});
  const out = join(dir, 'shards');
  const a = await cli(['matrix', '--out', out]);
  t.equal(a.exitCode, 2, a.all);
  t.match(a.all, /required option '--shard <i\/n>' not specified/);
  const b = await cli(['matrix', '--shard', '1/3']);
  t.equal(b.exitCode, 2, b.all);
  t.match(b.all, /required option '--out <dir>' not specified/);
  const c = await cli(['matrix', '--shard', '1/3', '--out', out, '--kernel-line', '6.1,6.12']);
  t.equal(c.exitCode, 2, c.all);
  t.match(c.all, /--kernel-line takes one line; run a shard a line/);
  const d = await cli(['matrix', '--shard', '1/3', '--out', out, '--kernel-line', '5.10']);
  t.equal(d.exitCode, 2, d.all);
  t.match(d.all, /Debian 12 ships kernel lines 6\.1, 6\.12; there is no linux-source-5\.10/);
  const e = await cli(['matrix', '--shard', '1/3', '--out', out, '--accel', 'hvf']);
  t.equal(e.exitCode, 2, e.all);
  t.match(e.all, /option '--accel <accel>' argument 'hvf' is invalid\. Allowed choices are auto, kvm, tcg/);
  t.notOk(existsSync(out), 'no run records');
});
