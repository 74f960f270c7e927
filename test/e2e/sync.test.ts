// End to end: IPVS's sync daemon. The smoke's flood against a director whose
// connections a master sync daemon sends to a backup director on a link of its
// own; at the end the backup's table is read. With the series the backup's
// copies of the clients' templates carry the master's ASSURED state
// (ip_vs_proc_sync_conn() no longer forces a template's state to 0): C6.
import t from 'tap';
import { verifiedRun } from '../../test-support/verified-run.ts';

t.test('verify: a sync daemon feeding a backup director', async (t) => {
  // verifiedRun(): exit 0, each variant checked on every series and in band.
  const { claims, meta } = await verifiedRun(t, 'sync');
  for (const v of ['base', 'patched']) {
    const c6 = claims.find((c) => c.id === 'C6' && c.variant === v)!;
    t.equal(c6.outcome, 'pass', `${v}: ${c6.reason}`);
  }
  const sync = (v: string) => meta.variants[v].summary.sync;
  t.same(sync('patched').clientTemplatesByState, { ASSURED: 2 }, "patched: the backup's copies ASSURED, as the master's");
  t.same(sync('base').clientTemplatesByState, { NONE: 2 }, 'base: NONE');
  // (How many of the flood's reach the backup varies run to run: 149 to 1002 seen in either variant.)
  for (const v of ['base', 'patched']) t.ok(sync(v).templates >= 2 && sync(v).entries >= sync(v).templates, `${v}: the backup's table (${sync(v).templates} templates, ${sync(v).entries} entries)`);
});
