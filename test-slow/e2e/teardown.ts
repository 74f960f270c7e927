// End to end (the full set: npm run test:full): the teardown control (claim C5). Both kernels run the smoke's
// flood, then lose the director's namespace with flood templates still in the
// table; ip_vs_conn_flush() must free every entry in both, with no warning.
import t from 'tap';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { execa } from 'execa';

const ROOT = new URL('../..', import.meta.url).pathname;
const out = join(ROOT, 'runs', `e2e-teardown-${Date.now()}`);

t.test('verify: ip netns del with the table full frees every entry', async (t) => {
  const r = await execa('node', ['bin/ipvs-verify.js', 'verify', '--scenario', 'fixtures/scenarios/teardown.yaml', '--out', out], { cwd: ROOT, reject: false, all: true });
  t.equal(r.exitCode, 0, `verify exits 0\n${r.all?.slice(-3000)}`);
  const result = JSON.parse(readFileSync(join(out, 'result.json'), 'utf8'));
  for (const v of ['base', 'patched']) {
    const c5 = result.verdict.claims.find((c: { id: string; variant: string }) => c.id === 'C5' && c.variant === v);
    t.equal(c5?.outcome, 'pass', `${v}: ${c5?.reason}`);
    t.ok(c5.numbers.entries > 0, `${v}: the table held ${c5.numbers.entries} entries when the namespace went`);
    t.equal(c5.numbers.objectsAfter, 0, `${v}: no ip_vs_conn object left`);
  }
  // The table the flush met: base keeps its flood templates, patched drops most.
  const meta = JSON.parse(readFileSync(join(out, 'metadata.json'), 'utf8'));
  t.ok(meta.variants.base.summary.teardown.entries > meta.variants.patched.summary.teardown.entries, 'base met the fuller table');
});
