// `matrix --shard I/N` run for real (test/commands/matrix.test.ts plans shards
// without booting): one shard of one scenario, the kernels from the cache.
// fixtures/scenarios/ holds 22 scenarios; in name order control-no-drop is the
// first, so shard 1/40 takes it alone (items 0, 40, 80, ... of 22: only item 0;
// worked out by hand, as test/commands/matrix.test.ts lists the order; 40
// leaves room for new scenarios, where 1/18 took a second one from the 19th). It is
// the control (drop_entry 0), run nowhere else in the quick suite: C4 judged,
// C1 and C2 INCONCLUSIVE. About 40 s: both variants' guests side by side.
import t from 'tap';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { execa } from 'execa';

const ROOT = new URL('../..', import.meta.url).pathname;
// Kept after the test (runs/ is ignored by git): the evidence when CI fails.
const out = join(ROOT, 'runs', `e2e-matrix-${Date.now()}`);

t.test('matrix --shard 1/40 runs its shard: control-no-drop alone, a complete record, its row in the table', async (t) => {
  const r = await execa('node', ['bin/ipvs-verify.js', 'matrix', '--shard', '1/40', '--out', out], { cwd: ROOT, reject: false, all: true });
  const all = r.all ?? '';
  t.equal(r.exitCode, 0, all.slice(-3000));
  t.same(readdirSync(out), ['control-no-drop'], "the shard's one scenario, in its own directory");
  const dir = join(out, 'control-no-drop');
  const meta = JSON.parse(readFileSync(join(dir, 'metadata.json'), 'utf8'));
  t.equal(meta.status, 'complete');
  t.equal(meta.scenario.value.name, 'control-no-drop');
  t.equal(meta.source.debian.line, '6.1', 'the default kernel line');
  for (const f of ['result.json', 'report.html', 'samples-base.jsonl', 'samples-patched.jsonl']) t.ok(readdirSync(dir).includes(f), `record has ${f}`);
  const result = JSON.parse(readFileSync(join(dir, 'result.json'), 'utf8'));
  for (const v of ['base', 'patched']) {
    t.ok(result.verdict.variants[v].checks.length > 0, `${v}: series checked`);
    t.equal(result.verdict.variants[v].agrees, true, `${v} follows its model`);
  }
  const outcome = Object.fromEntries(result.verdict.claims.map((c: { id: string; outcome: string }) => [c.id, c.outcome]));
  // README "Scenarios": drop_entry 0, both variants behave alike (C4), C1 and C2 INCONCLUSIVE.
  t.equal(outcome.C4, 'pass', 'C4: base and patched behave the same without drop-entry');
  t.equal(outcome.C1, 'inconclusive');
  t.equal(outcome.C2, 'inconclusive');
  t.notOk(Object.values(outcome).includes('fail'), 'no claim failed');
  // The suite table's row, and the line naming the record.
  t.match(all, /^scenario +base in band +patched in band +C1 .* verdict +wall$/m);
  t.match(all, /^control-no-drop +\d+% +\d+% +.*PASS +\d+ s$/m);
  t.match(all, new RegExp(`^PASS ${dir.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`, 'm'));
});
