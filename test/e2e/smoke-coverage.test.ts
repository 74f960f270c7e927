// End to end (after the plain smoke runs: its objects seed this build): the smoke scenario on gcov-instrumented kernels (--coverage), and
// which hunks of the series each variant ran, asserted by hunk from the real
// gcov data of the guests.
import t from 'tap';
import { readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { execa } from 'execa';
import type { CoverageRecord } from '../../src/coverage/record.ts';

const ROOT = new URL('../..', import.meta.url).pathname;
const out = join(ROOT, 'runs', `e2e-coverage-${Date.now()}`);

t.test('verify --coverage: the series\' hunks each variant ran', async (t) => {
  const r = await execa('node', ['bin/ipvs-verify.js', 'verify', '--coverage', '--scenario', 'fixtures/scenarios/smoke.yaml', '--out', out], {
    cwd: ROOT,
    reject: false,
    all: true,
  });
  t.equal(r.exitCode, 0, `verify exits 0\n${r.all?.slice(-3000)}`);
  t.match(r.all, /series coverage: patch 1 \d+\/14 hunks, patch 2 \d+\/7 hunks/);
  t.ok(existsSync(join(out, 'gcov-base.b64')) && existsSync(join(out, 'gcov-patched.b64')), "the guests' gcov data, kept");
  const cov = JSON.parse(readFileSync(join(out, 'coverage.json'), 'utf8')) as CoverageRecord;
  const hunk = (p: number, h: number) => cov.patches[p - 1]!.hunks[h - 1]!;
  const name = (p: number, h: number) => `${p}.${h} ${hunk(p, h).file} (${hunk(p, h).context})`;
  // Patched: the synchronous drop path and what it calls.
  for (const [p, h, what] of [
    [2, 6, 'ip_vs_random_dropentry(): templates are candidates'],
    [2, 7, 'ip_vs_random_dropentry(): drop through ip_vs_conn_del()'],
    [2, 1, 'ip_vs_conn_del(): marks the chain for dropping'],
    [2, 2, 'ip_vs_conn_expire(): drops the non-assured template'],
    [1, 11, 'set_tcp_state(): ESTABLISHED assures the template'],
  ] as const) {
    t.equal(hunk(p, h).reachedPatched, true, `patched ran ${name(p, h)}: ${what}`);
  }
  // Base: the 2018 drop path (ip_vs_conn_expire_now on the connection and its template).
  const drop2018 = hunk(2, 7);
  t.ok(drop2018.base.some((l) => /ip_vs_conn_expire_now\(cp_c\)/.test(l.text) && (l.count ?? 0) > 0), `base ran the 2018 drop path in ${name(2, 7)}`);
  t.equal(drop2018.reachedBase, true);
  // Nothing here exercises the sync daemon: its hunks stay unreached in both
  // (base's removed lines there compile to no line of their own at -O2: n/a).
  t.not(hunk(1, 13).reachedBase, true);
  t.equal(hunk(1, 13).reachedPatched, false, 'ip_vs_process_message_v0() never ran: no sync daemon');
  // /proc/net/ip_vs_conn is read every second: its printer's hunk ran in both.
  t.equal(hunk(1, 5).reachedBase, true);
  t.equal(hunk(1, 5).reachedPatched, true, 'the state name argument counts with its seq_printf() call');

  const meta = JSON.parse(readFileSync(join(out, 'metadata.json'), 'utf8'));
  t.equal(meta.coverage.length, 2, 'metadata (and result.json) carry the numbers');
  const tap = readFileSync(join(out, 'result.tap'), 'utf8');
  t.match(tap, /ok \d+ - coverage: patch 1 \d+ of 14 hunks reached/);
  t.match(readFileSync(join(out, 'result.junit.xml'), 'utf8'), /patch 2: \d+ of 7 hunks reached/);
  // Printed again from the record, without booting.
  const c = await execa('node', ['bin/ipvs-verify.js', 'coverage', out], { cwd: ROOT, reject: false, all: true });
  t.equal(c.exitCode, 0, c.all);
  t.match(c.all, /^series coverage: patch 1 \d+\/14 hunks, patch 2 \d+\/7 hunks\nhunk\t/);
});
