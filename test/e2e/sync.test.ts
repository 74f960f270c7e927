// End to end: IPVS's sync daemon. The smoke's flood against a director whose
// connections a master sync daemon sends to a backup director on a link of its
// own; at the end the backup's table is read. With the series the backup's
// copies of the clients' templates carry the master's ASSURED state
// (ip_vs_proc_sync_conn() no longer forces a template's state to 0): C6.
import t from 'tap';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { execa } from 'execa';
import { describeCheck, type BandCheck } from '../../src/compare/bands.ts';

const ROOT = new URL('../..', import.meta.url).pathname;
// The series each variant is held against its band on (compare/verdict.ts's
// CHECKED_SERIES, written out): a loop over no check would pass.
const CHECKED = ['conns', 'synRecv', 'templates', 'assured'];
const out = join(ROOT, 'runs', `e2e-sync-${Date.now()}`);

t.test('verify: a sync daemon feeding a backup director', async (t) => {
  const r = await execa('node', ['bin/ipvs-verify.js', 'verify', '--scenario', 'fixtures/scenarios/sync.yaml', '--out', out], { cwd: ROOT, reject: false, all: true });
  t.equal(r.exitCode, 0, `verify exits 0\n${r.all?.slice(-3000)}`);
  const result = JSON.parse(readFileSync(join(out, 'result.json'), 'utf8'));
  for (const v of ['base', 'patched']) {
    t.same((result.verdict.variants[v].checks as BandCheck[]).map((c) => c.series), CHECKED, `${v}: the series checked`);
    for (const c of result.verdict.variants[v].checks as BandCheck[]) t.ok(c.agrees, `${v}: ${describeCheck(c)} of samples in band`);
  }
  const claims = result.verdict.claims as { id: string; variant: string; outcome: string; reason: string }[];
  for (const v of ['base', 'patched']) {
    const c6 = claims.find((c) => c.id === 'C6' && c.variant === v)!;
    t.equal(c6.outcome, 'pass', `${v}: ${c6.reason}`);
  }
  const meta = JSON.parse(readFileSync(join(out, 'metadata.json'), 'utf8'));
  const sync = (v: string) => meta.variants[v].summary.sync;
  t.same(sync('patched').clientTemplatesByState, { ASSURED: 2 }, "patched: the backup's copies ASSURED, as the master's");
  t.same(sync('base').clientTemplatesByState, { NONE: 2 }, 'base: NONE');
  // (How many of the flood's reach the backup varies run to run: 149 to 1002 seen in either variant.)
  for (const v of ['base', 'patched']) t.ok(sync(v).templates >= 2 && sync(v).entries >= sync(v).templates, `${v}: the backup's table (${sync(v).templates} templates, ${sync(v).entries} entries)`);
});
