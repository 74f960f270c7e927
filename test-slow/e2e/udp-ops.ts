// End to end (the full set: npm run test:full): one-packet scheduling
// (ipvsadm -o) on a persistent UDP service under the udp scenario's flood. The
// series' OPS hunk: patched takes a one-packet service's flood templates
// through todrop_entry(), base never drops them.
import t from 'tap';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { execa } from 'execa';
import { describeCheck, type BandCheck } from '../../src/compare/bands.ts';

const ROOT = new URL('../..', import.meta.url).pathname;
// The series each variant is held against its band on (compare/verdict.ts's
// CHECKED_SERIES, written out): a loop over no check would pass.
const CHECKED = ['conns', 'synRecv', 'templates', 'assured'];
const out = join(ROOT, 'runs', `e2e-udp-ops-${Date.now()}`);

t.test('verify: one-packet scheduling (ipvsadm -o) on the UDP service', async (t) => {
  const r = await execa('node', ['bin/ipvs-verify.js', 'verify', '--scenario', 'fixtures/scenarios/udp-ops.yaml', '--out', out], { cwd: ROOT, reject: false, all: true });
  t.equal(r.exitCode, 0, `verify exits 0\n${r.all?.slice(-3000)}`);
  const result = JSON.parse(readFileSync(join(out, 'result.json'), 'utf8'));
  for (const v of ['base', 'patched']) {
    t.same((result.verdict.variants[v].checks as BandCheck[]).map((c) => c.series), CHECKED, `${v}: the series checked`);
    for (const c of result.verdict.variants[v].checks as BandCheck[]) t.ok(c.agrees, `${v}: ${describeCheck(c)} of samples in band`);
  }
  const outcome = Object.fromEntries(result.verdict.claims.map((c: { id: string; outcome: string }) => [c.id, c.outcome]));
  t.match(outcome, { C1: 'pass', C2: 'pass' }, 'the OPS hunk: patched takes flood templates through todrop_entry(), base never');
  const meta = JSON.parse(readFileSync(join(out, 'metadata.json'), 'utf8'));
  for (const v of ['base', 'patched'] as const) {
    t.equal(meta.variants[v].summary.peakConns, 0, `${v}: no entry for a one-packet datagram ever in the table`);
  }
  t.equal(meta.variants.base.summary.finalFloodTemplates, 1000, 'base keeps every flood template');
  t.ok(meta.variants.patched.summary.finalFloodTemplates < 200, `patched drops them (${meta.variants.patched.summary.finalFloodTemplates} left)`);
});
