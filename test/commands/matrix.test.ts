import t from 'tap';
import { cpSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { parseShard, shardOf, SCENARIO_DIR } from '../../src/commands/matrix.ts';
import { reportRecord, mergeRecords } from '../../src/report/write.ts';

t.test('shards split the scenario list without overlap or gap', async (t) => {
  t.same(parseShard('2/3'), { index: 2, count: 3 });
  for (const bad of ['0/3', '4/3', '1/0', 'x', '1-3']) t.throws(() => parseShard(bad), /--shard wants i\/n/);
  const all = readdirSync(SCENARIO_DIR).filter((f) => f.endsWith('.yaml')).sort();
  const shards = [1, 2, 3].map((i) => shardOf(all, { index: i, count: 3 }));
  t.same(shards.flat().sort(), all, 'every scenario in exactly one shard');
  t.ok(shards.every((s) => s.length > 0));
});

t.test('report --merge: shards of run records into one summary', async (t) => {
  const dir = t.testdir({ 'shard-1': {}, 'shard-2': {} });
  const fixtures = new URL('../../fixtures/runs/', import.meta.url).pathname;
  cpSync(join(fixtures, 'smoke-2'), join(dir, 'shard-1', 'smoke'), { recursive: true });
  cpSync(join(fixtures, 'control-1'), join(dir, 'shard-2', 'control-no-drop'), { recursive: true });
  for (const r of ['shard-1/smoke', 'shard-2/control-no-drop']) await reportRecord(join(dir, r), { mcRuns: 200 });
  const out = join(dir, 'merged');
  const { files, claimsHold } = await mergeRecords([join(dir, 'shard-1'), join(dir, 'shard-2')], out);
  t.equal(claimsHold, true);
  t.same(files.map((f) => f.split('/').pop()), ['index.html', 'result.tap', 'result.junit.xml']);
  const tap = readFileSync(join(out, 'result.tap'), 'utf8');
  t.match(tap, /^TAP version 14\n1\.\.2\n# Subtest: \.\.\/shard-1\/smoke\n/);
  t.match(tap, /^ok 2 - \.\.\/shard-2\/control-no-drop$/m);
  const html = readFileSync(join(out, 'index.html'), 'utf8');
  t.match(html, /<a href="\.\.\/shard-1\/smoke\/report\.html">/);
  t.equal((readFileSync(join(out, 'result.junit.xml'), 'utf8').match(/<testsuite /g) ?? []).length, 6, 'three suites a run');
  await t.rejects(mergeRecords([join(dir, 'nothing')], join(dir, 'm2')), { kind: 'user', message: /no run records/ });
});
