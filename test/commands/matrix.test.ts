import t from 'tap';
import { cpSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { shardScenarios, SCENARIO_DIR } from '../../src/commands/matrix.ts';
import { parseShard, shardOf } from '../../src/pipeline/shard.ts';
import { reportRecord, mergeRecords } from '../../src/report/write.ts';

t.test('shards split the scenario list without overlap or gap', async (t) => {
  t.same(parseShard('2/3'), { index: 2, count: 3 });
  for (const bad of ['0/3', '4/3', '1/0', 'x', '1-3']) t.throws(() => parseShard(bad), /--shard wants i\/n/);
  const all = readdirSync(SCENARIO_DIR).filter((f) => f.endsWith('.yaml')).sort();
  const shards = [1, 2, 3].map((i) => shardOf(all, { index: i, count: 3 }));
  t.same(shards.flat().sort(), all, 'every scenario in exactly one shard');
  t.ok(shards.every((s) => s.length > 0));
});

t.test('shard i of n takes every n-th scenario, in name order (worked out by hand)', async (t) => {
  // A list of five: 1/2 takes the 1st, 3rd and 5th; 2/2 the 2nd and 4th; 3/3 the 3rd; 1/1 all.
  const five = ['a', 'b', 'c', 'd', 'e'];
  t.same(shardOf(five, { index: 1, count: 2 }), ['a', 'c', 'e']);
  t.same(shardOf(five, { index: 2, count: 2 }), ['b', 'd']);
  t.same(shardOf(five, { index: 3, count: 3 }), ['c']);
  t.same(shardOf(five, { index: 1, count: 1 }), five);
  t.same(shardOf(five, { index: 5, count: 5 }), ['e']);
  t.same(shardOf(five, { index: 6, count: 6 }), [], 'more shards than scenarios: the last ones run nothing');
  // fixtures/scenarios/ as of this writing (a new scenario changes the split: update these by hand).
  // Name order is by character: "-" sorts before ".", so smoke-netmask-pool.yaml
  // precedes smoke.yaml, dr-udp-idle.yaml dr-udp.yaml, sctp-ipv6.yaml sctp.yaml,
  // sync-ipv6.yaml and sync-v0.yaml sync.yaml, udp-idle.yaml, udp-ipv6.yaml and
  // udp-ops.yaml udp.yaml (in that order: "udp-id" < "udp-ip" < "udp-op");
  // "c" before "e": sctp.yaml secure-tcp-dr.yaml; tun-ipv6.yaml tun-sctp.yaml tun-tcp.yaml ("i" < "s" < "t").
  const byName = [
    'control-no-drop', 'dr-tcp', 'dr-udp-idle', 'dr-udp', 'ipv6', 'large-flood', 'sctp-ipv6', 'sctp', 'secure-tcp-dr', 'smoke-netmask-pool', 'smoke',
    'syn-flood-persistent', 'sync-ipv6', 'sync-v0', 'sync', 'teardown', 'tun-ipv6', 'tun-sctp', 'tun-tcp', 'udp-idle', 'udp-ipv6', 'udp-ops', 'udp',
  ].map((n) => `${n}.yaml`);
  t.equal(byName.length, 23);
  t.same(await shardScenarios('1/1'), byName, '1/1 (verify --suite all): every scenario, in name order');
  // 23 names in 3 shards: positions 1, 4, ..., 22; 2, 5, ..., 23; 3, 6, ..., 21.
  t.same(await shardScenarios('1/3'), ['control-no-drop.yaml', 'dr-udp.yaml', 'sctp-ipv6.yaml', 'smoke-netmask-pool.yaml', 'sync-ipv6.yaml', 'teardown.yaml', 'tun-tcp.yaml', 'udp-ops.yaml'], 'the 1st, 4th, 7th, ...');
  t.same(await shardScenarios('2/3'), ['dr-tcp.yaml', 'ipv6.yaml', 'sctp.yaml', 'smoke.yaml', 'sync-v0.yaml', 'tun-ipv6.yaml', 'udp-idle.yaml', 'udp.yaml'], 'the 2nd, 5th, 8th, ...');
  t.same(await shardScenarios('3/3'), ['dr-udp-idle.yaml', 'large-flood.yaml', 'secure-tcp-dr.yaml', 'syn-flood-persistent.yaml', 'sync.yaml', 'tun-sctp.yaml', 'udp-ipv6.yaml'], 'the 3rd, 6th, 9th, ...');
  t.same(await shardScenarios('1/40'), ['control-no-drop.yaml'], "1/40 (test/e2e/matrix.test.ts): item 0 alone, 40 > 23");
  await t.rejects(shardScenarios('4/3'), { kind: 'user', message: /--shard wants i\/n with 1 <= i <= n, got "4\/3"/ });
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
