// End to end (the full set: npm run test:full): templates that aggregate sources. The smoke flood from a botnet of
// 300 hosts (the harness's own packets, replayed in the guest), persistence by
// /16: the model sees the same sources, so both kernels must follow it, and the
// two clients (10.1.1.2, 10.1.2.2) are judged by their one shared template.
import t from 'tap';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { execa } from 'execa';
import { describeCheck, type BandCheck } from '../../src/compare/bands.ts';

const ROOT = new URL('../..', import.meta.url).pathname;
// The series each variant is held against its band on (compare/verdict.ts's
// CHECKED_SERIES, written out): a loop over no check would pass.
const CHECKED = ['conns', 'synRecv', 'templates', 'assured'];
const out = join(ROOT, 'runs', `e2e-netmask-pool-${Date.now()}`);

t.test('verify: /16 persistence, a pool of 300 sources', async (t) => {
  const r = await execa('node', ['bin/ipvs-verify.js', 'verify', '--scenario', 'fixtures/scenarios/smoke-netmask-pool.yaml', '--out', out], { cwd: ROOT, reject: false, all: true });
  t.equal(r.exitCode, 0, `verify exits 0\n${r.all?.slice(-3000)}`);
  const result = JSON.parse(readFileSync(join(out, 'result.json'), 'utf8'));
  for (const v of ['base', 'patched']) {
    const verdict = result.verdict.variants[v];
    t.same((verdict.checks as BandCheck[]).map((c) => c.series), CHECKED, `${v}: the series checked`);
    for (const c of verdict.checks as BandCheck[]) t.ok(c.agrees, `${v}: ${describeCheck(c)} of samples in band`);
  }
  for (const c of result.verdict.claims as { id: string; outcome: string; reason: string }[]) {
    t.not(c.outcome, 'fail', `${c.id}: ${c.reason}`);
    if (c.outcome === 'inconclusive') t.match(c.reason, /not judged: |the control needs 0|teardown: true deletes it|sync: true adds a backup/, `${c.id} says why it is not judged`);
  }
  const c3 = result.verdict.claims.find((c: { id: string }) => c.id === 'C3');
  t.equal(c3.outcome, 'pass');
  t.match(c3.reason, /2 of 2 clients' templates are ASSURED at the end \(2 clients share 1 template under the netmask\)/);
  const meta = JSON.parse(readFileSync(join(out, 'metadata.json'), 'utf8'));
  for (const v of ['base', 'patched']) {
    t.equal(meta.variants[v].summary.floodSent, 1000, `${v}: the replay sent the whole plan`);
    t.match(meta.variants[v].flood.pcapSha256, /^[0-9a-f]{64}$/);
    // A pool of 300 under /16: at most 300 flood templates, plus the clients' one.
    t.ok(meta.variants[v].summary.peakTemplates <= 301, `${v}: ${meta.variants[v].summary.peakTemplates} templates at most`);
  }
  t.equal(meta.variants.base.flood.pcapSha256, meta.variants.patched.flood.pcapSha256, 'both variants got the same packets');
});
