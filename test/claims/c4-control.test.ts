// C4, the control: judged where neither model drops an entry, read off the
// models' own parameters (update_defense_level(): drop_entry 0, or 1 or 2 with
// memory to spare); each kernel's templates then against the one band.
import t from 'tap';
import { C4 } from '../../src/claims/c4-control.ts';
import { defaultParams } from '../../src/model/params.ts';
import type { BandCheck } from '../../src/compare/bands.ts';
import type { JudgedRun, PairContext, RunModels } from '../../src/claims/types.ts';
import type { Scenario } from '../../src/scenario/schema.ts';

type Mode = 0 | 1 | 2 | 3;
const scenario = (d: Mode) => ({ sysctl: { drop_entry: d, amemthresh: 1024 } }) as Scenario;
/** One run's models, as modelRequests() makes them: the run's variant's and the other's, one memory reading. */
const runModels = (own: 'base' | 'patched', dropEntry: Mode, memoryLow = false): RunModels => ({
  own: { ...defaultParams(own), dropEntry, memoryLow },
  other: { ...defaultParams(own === 'base' ? 'patched' : 'base'), dropEntry, memoryLow },
});
const both = (d: Mode, low: { base?: boolean; patched?: boolean } = {}) => ({ base: runModels('base', d, low.base), patched: runModels('patched', d, low.patched) });

t.test('C4 applies wherever both runs\' models drop nothing', async (t) => {
  t.equal(C4.carriedBy, 'pair');
  t.equal(C4.appliesTo(scenario(0), both(0)), true, 'drop_entry 0');
  t.equal(C4.appliesTo(scenario(0), both(0, { base: true, patched: true })), true, 'drop_entry 0 drops nothing even with memory low');
  t.equal(C4.appliesTo(scenario(2), both(2)), true, 'drop_entry 2 with memory to spare behaves as a control');
  t.equal(C4.appliesTo(scenario(1), both(1)), true, 'drop_entry 1 likewise');
});

t.test('C4 says why it cannot be judged: which run\'s models drop, or a run missing', async (t) => {
  const always = C4.appliesTo(scenario(3), both(3));
  t.match(always, /^the scenario runs drop_entry 3: the defense drops entries whatever the memory; the control needs drop_entry 0, or 1 or 2 with free memory above amemthresh$/);
  const low = C4.appliesTo(scenario(2), both(2, { patched: true }));
  t.match(low, /drop_entry 2 and free memory fell below amemthresh in patched's run: update_defense_level\(\) turned the drop on/);
  t.equal(C4.appliesTo(scenario(0), { base: runModels('base', 0) }), 'needs both variants');
  t.match(C4.appliesTo(scenario(3), { base: runModels('base', 3) }), /drop_entry 3/, 'dropping models say so before a missing run');
});

const check = (fraction: number, agrees: boolean) => ({ series: 'templates', samples: 100, inside: 100 * fraction, fraction, area: 0, runs: { count: 10, lowestFraction: 0.9, largestArea: 1, wider: 0 }, agrees }) as BandCheck;
const pair = (d: Mode, b?: BandCheck, p?: BandCheck): PairContext => {
  const m = both(d);
  const run = (c: BandCheck | undefined, params: RunModels) => (c ? ({ checks: [c], params }) as unknown as JudgedRun : undefined);
  const runs: PairContext['runs'] = {};
  if (b) runs.base = run(b, m.base)!;
  if (p) runs.patched = run(p, m.patched)!;
  return { scenario: scenario(d), runs };
};

t.test("C4 judged by the bands' own rule, its reason naming the case that held", async (t) => {
  const pass = C4.judge(pair(0, check(0.99, true), check(0.9, true)));
  t.equal(pass.outcome, 'pass', "the bands' own rule decides");
  t.match(pass.reason, /^with drop_entry 0 no entry is dropped: the two variants' models are one/);
  const fail = C4.judge(pair(0, check(0.99, true), check(0.5, false)));
  t.equal(fail.outcome, 'fail');
  t.match(fail.reason, /99% of base's samples, 50% of patched's \(agrees, DISAGREES\)/);
  const spare = C4.judge(pair(2, check(1, true), check(1, true)));
  t.equal(spare.outcome, 'pass');
  t.match(spare.reason, /^with drop_entry 2 and free memory above amemthresh \(1024\) in both runs, update_defense_level\(\) leaves the drop off: /);
  t.equal(C4.judge(pair(0, check(1, true))).outcome, 'inconclusive', 'one run only');
});
