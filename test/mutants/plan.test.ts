// planMutants(): which mutant runs on which scenario, and which mutants a shard
// takes. Expected lists worked out by hand: shard i/n takes the mutants at
// positions i-1, i-1+n, ... of the chosen ones, each on every scenario.
import t from 'tap';
import { chooseMutants, planMutants, scenarioName } from '../../src/mutants/plan.ts';
import type { Mutant } from '../../src/mutants/catalogue.ts';

const mutant = (id: string, hunk: string) => ({ id, hunk, breaks: `breaks ${id}`, file: `${id}.patch`, patch: {} }) as unknown as Mutant;
const CAT = [mutant('a', '1.3'), mutant('b', '1.11'), mutant('c', '2.1'), mutant('d', '2.6'), mutant('e', '2.7')];
const SCEN = ['/x/smoke.yaml', '/x/sync.yaml'];
const pairs = (p: ReturnType<typeof planMutants>) => p.runs.map((r) => `${r.mutant.id}@${r.scenario}`);

t.test('one shard: every mutant on every scenario, mutant by mutant', async (t) => {
  const p = planMutants(CAT, { scenarioPaths: SCEN, shard: { index: 1, count: 1 } });
  t.same(p.scenarios, ['smoke', 'sync']);
  t.same(pairs(p), ['a@smoke', 'a@sync', 'b@smoke', 'b@sync', 'c@smoke', 'c@sync', 'd@smoke', 'd@sync', 'e@smoke', 'e@sync']);
  t.same(p.runs.map((r) => r.scenarioPath).slice(0, 2), SCEN);
});

t.test('shards of 2: 1/2 takes a, c, e; 2/2 takes b, d; together each mutant once', async (t) => {
  const one = planMutants(CAT, { scenarioPaths: ['/x/smoke.yaml'], shard: { index: 1, count: 2 } });
  const two = planMutants(CAT, { scenarioPaths: ['/x/smoke.yaml'], shard: { index: 2, count: 2 } });
  t.same(one.mutants.map((m) => m.id), ['a', 'c', 'e']);
  t.same(two.mutants.map((m) => m.id), ['b', 'd']);
  t.same(pairs(two), ['b@smoke', 'd@smoke']);
  // More shards than mutants: the last ones are empty, not an error.
  t.same(planMutants(CAT, { scenarioPaths: SCEN, shard: { index: 6, count: 6 } }).runs, []);
});

t.test('--mutant picks in catalogue order whatever order it is given in; shards cut the picked ones', async (t) => {
  t.same(chooseMutants(CAT, ['d', 'a']).map((m) => m.id), ['a', 'd']);
  t.same(chooseMutants(CAT, undefined).length, 5);
  t.same(chooseMutants(CAT, []).length, 5);
  const p = planMutants(CAT, { ids: ['e', 'b', 'c'], scenarioPaths: SCEN, shard: { index: 2, count: 2 } });
  t.same(pairs(p), ['c@smoke', 'c@sync']);
});

t.test('an unknown --mutant, no scenario, or two scenarios of one name: user errors', async (t) => {
  t.throws(() => chooseMutants(CAT, ['a', 'zz']), { kind: 'user', message: /--mutant: no mutant "zz" in the catalogue \(known: a, b, c, d, e\)/ });
  t.throws(() => planMutants(CAT, { scenarioPaths: [], shard: { index: 1, count: 1 } }), { kind: 'user', message: /no scenario/ });
  t.throws(() => planMutants(CAT, { scenarioPaths: ['/x/smoke.yaml', '/y/smoke.yaml'], shard: { index: 1, count: 1 } }), { kind: 'user', message: /two scenarios are named "smoke"/ });
  t.equal(scenarioName('/a/b/udp-ops.yaml'), 'udp-ops');
});
