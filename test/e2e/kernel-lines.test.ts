// End to end on both of Debian 12's kernel lines: the smoke scenario on 6.1 and
// 6.12 (base and patched each), one record a line and one report over them.
// scripts/run-tests.sh installs linux-source-6.12; without it this test says so
// and skips (the tool would install it, but a test does not download 150 MB).
import t from 'tap';
import { readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { execa } from 'execa';
import { describeCheck, type BandCheck } from '../../src/compare/bands.ts';
import { tarballOf } from '../../src/source/debian.ts';

const ROOT = new URL('../..', import.meta.url).pathname;
const out = join(ROOT, 'runs', `e2e-kernel-lines-${Date.now()}`);
const skip = existsSync(tarballOf('6.12')) ? false : `${tarballOf('6.12')} is not installed (scripts/install-deps.sh --kernel-lines 6.1,6.12)`;

t.test('verify --kernel-lines 6.1,6.12: the smoke scenario on both lines', { skip }, async (t) => {
  const r = await execa('node', ['bin/ipvs-verify.js', 'verify', '--kernel-lines', '6.1,6.12', '--scenario', 'fixtures/scenarios/smoke.yaml', '--out', out], {
    cwd: ROOT,
    reject: false,
    all: true,
  });
  t.equal(r.exitCode, 0, `verify exits 0\n${r.all?.slice(-3000)}`);
  t.match(r.all, /linux 6\.1 +linux 6\.12\n/, 'the lines side by side');
  t.match(r.all, /\nverdict +PASS +PASS/);
  for (const f of ['index.html', 'result.tap', 'result.junit.xml']) t.ok(existsSync(join(out, f)), `one report over both: ${f}`);
  t.match(readFileSync(join(out, 'index.html'), 'utf8'), /linux-6\.1\/report\.html[\s\S]*linux-6\.12\/report\.html/);

  for (const line of ['6.1', '6.12']) {
    const dir = join(out, `linux-${line}`);
    const meta = JSON.parse(readFileSync(join(dir, 'metadata.json'), 'utf8'));
    t.equal(meta.source.debian.line, line);
    t.match(meta.source.debian.version, new RegExp(`^${line.replace('.', '\\.')}\\.\\d+-`), `${line}: the exact Debian version is recorded (${meta.source.debian.version})`);
    for (const v of ['base', 'patched']) {
      t.match(meta.variants[v].qemu.join(' '), /-kernel \S+\/vmlinux /);
      // smoke asks for 2^12; neither line clamps it in the guest's memory.
      t.same(meta.variants[v].connTable, { requestedBits: 12, consoleSize: 4096, procSize: 4096 }, `${line} ${v}: the table the kernel made`);
    }
    const result = JSON.parse(readFileSync(join(dir, 'result.json'), 'utf8'));
    for (const v of ['base', 'patched']) {
      const x = result.verdict.variants[v];
      for (const c of x.checks as BandCheck[]) t.ok(c.agrees, `${line} ${v}: ${describeCheck(c)} in band`);
      t.equal(x.table.modelBits, 12);
    }
    const outcome = Object.fromEntries(result.verdict.claims.map((c: { id: string; outcome: string }) => [c.id, c.outcome]));
    t.same(outcome, { C1: 'pass', C2: 'pass', C3: 'pass', C4: 'inconclusive', C5: 'inconclusive', C6: 'inconclusive' }, `${line}: the claims hold`);
  }
  // Each line's kernel is its own: 6.12's guest ran a 6.12 kernel.
  const agent = readFileSync(join(out, 'linux-6.12', 'results-patched.jsonl'), 'utf8');
  t.match(agent, /"kernel":"6\.12\.\d+/);
});
