// C1 on hand-made models: ranges of 20 runs per model, each run a constant, so
// the ranges and distances below are read off the run values by hand.
import t from 'tap';
import { fakeMc, measured, scenario, ctx, runsOf } from '../../test-support/claim-context.ts';
import { C1 } from '../../src/claims/c1-templates-outlive.ts';



t.test('C1: judged only where base and patched models separate', async (t) => {
  const m = measured(140, (x) => (x < 70 ? 900 : 150));
  const base = fakeMc([...m.t], { floodTemplates: runsOf(140, (r) => 140 + r) });
  const patched = fakeMc([...m.t], { floodTemplates: runsOf(140, (r) => r % 3) });
  const pass = C1.judge(ctx(m, base, patched));
  t.equal(pass.outcome, 'pass', pass.reason);
  t.match(pass.reason, /15\.0% of flood templates remain 63 s after .*inside the range of the base model's runs 14\.0%\.\.15\.9% \(the other variant's: 0\.0%\.\.0\.2%\)/);
  const gone = C1.judge(ctx(measured(140, (x) => (x < 70 ? 900 : 0)), base, patched));
  t.equal(gone.outcome, 'fail');
  t.match(gone.reason, /outside the range/);
  t.notMatch(gone.reason, /inside the range/, 'a FAIL never says "inside the range"');

  // Outside base's range (14.0..15.9%) but far nearer it than patched's (0.0..0.2%):
  // a correct kernel's run a little more extreme than the model's runs.
  const low = C1.judge(ctx(measured(140, (x) => (x < 70 ? 900 : 130)), base, patched));
  t.equal(low.outcome, 'pass', low.reason);
  t.match(low.reason, /13\.0% .*outside the range of the base model's runs 14\.0%\.\.15\.9% but on its side: 1\.0 points from it, 12\.8 points from the other variant's/);
  t.equal(low.numbers.fromModel, 0.01);
  const high = C1.judge(ctx(measured(140, (x) => (x < 70 ? 900 : 400)), base, patched));
  t.equal(high.outcome, 'pass', 'more templates kept than the base model says: the bands judge that, not C1');
  // Half-way, and nearer patched's: not base's behaviour.
  const mid = C1.judge(ctx(measured(140, (x) => (x < 70 ? 900 : 40)), base, patched));
  t.equal(mid.outcome, 'fail', mid.reason);
  t.match(mid.reason, /4\.0% .*and not nearer it than the other variant's: 10\.0 points from it, 3\.8 points from the other variant's/);

  // Persistence 120 s: no flood template left in either model at C1's point.
  const none = fakeMc([...m.t], { floodTemplates: runsOf(140, () => 0) });
  const short = C1.judge(ctx(measured(140, () => 0), none, none, { scenario: { ...scenario, service: { ...scenario.service, persistence: 120 } } }));
  t.equal(short.outcome, 'inconclusive');
  t.match(short.reason, /persistence 120 s ends them first; make persistence more than 128 s/);
  t.notMatch(short.reason, /inside the range/);

  // Overlapping models (e.g. drop_entry 0: no drops in either).
  const same = fakeMc([...m.t], { floodTemplates: runsOf(140, (r) => 148 + (r % 5)) });
  const overlap = C1.judge(ctx(m, same, same));
  t.equal(overlap.outcome, 'inconclusive');
  t.match(overlap.reason, /overlap: this scenario cannot tell the variants apart/);

  t.equal(C1.judge(ctx(measured(100, () => 5), base, patched)).outcome, 'inconclusive', 'the run ends before the measuring point');
  t.match(C1.judge(ctx(measured(100, () => 5), base, patched)).reason, /make duration at least 135/);
});

t.test("C1's title names the flood of the scenario's protocol; base's run carries it", async (t) => {
  t.equal(C1.carriedBy, 'base');
  t.equal(C1.title(scenario), 'under a SYN flood, templates outlive their connections (~15% survive)');
});
