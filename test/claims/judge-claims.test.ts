// A claim is one module and one registry line: fake ones added to a copy of the
// registry are judged by the verdict's own loop (judge(), src/compare/verdict.ts),
// on a recorded run (fixtures/runs/smoke-1, TCP, drop_entry 3, both variants).
import t from 'tap';
import { judge } from '../../src/compare/verdict.ts';
import { readRecord } from '../../src/pipeline/judge-record.ts';
import { CLAIMS } from '../../src/claims/index.ts';
import { judgeClaims } from '../../src/claims/judge-claims.ts';
import type { JudgedRun, PairClaimModule, RunClaimModule } from '../../src/claims/types.ts';
import { defaultParams } from '../../src/model/params.ts';
import type { Scenario } from '../../src/scenario/schema.ts';

const rec = await readRecord(new URL('../../fixtures/runs/smoke-1', import.meta.url).pathname);

/** Carried by each run: passes when the run made samples; applies to TCP only (by the models' parameters). */
const C7: RunClaimModule = {
  id: 'C7',
  carriedBy: 'each-run',
  title: () => 'a fake claim: the run made samples',
  appliesTo: (_s, models) => (models.own.protocol === 'tcp' ? true : 'only TCP'),
  judge: (c) => ({ outcome: c.measured.t.length > 0 ? 'pass' : 'fail', reason: `${c.measured.t.length} samples, judged on the ${c.modelVariant} model`, numbers: { samples: c.measured.t.length } }),
};
/** Carried by the pair; never applies, so its own reason is the verdict's. */
const C8: PairClaimModule = {
  id: 'C8',
  carriedBy: 'pair',
  title: (s) => `a fake pair claim on drop_entry ${s.sysctl.drop_entry}`,
  appliesTo: () => 'this fake claim cannot be shown by any scenario',
  judge: () => ({ outcome: 'fail', reason: 'never reached', numbers: {} }),
};

t.test('fake claims in a copy of the registry are judged by the verdict loop', async (t) => {
  const input = { ...rec, seed: 1, mcRuns: 20, freshRuns: 0 };
  const registry = [...CLAIMS, C7, C8];
  const withFakes = judge({ ...input, claims: registry }).verdict;
  const plain = judge(input).verdict;
  t.equal(CLAIMS.length, 6, 'the registry itself is untouched');
  const fakes = withFakes.claims.filter((c) => c.id === 'C7' || c.id === 'C8');
  t.equal(fakes.length, 3, 'C7 on each run, C8 once');
  t.same(fakes.map((c) => [c.id, c.variant, c.outcome]), [['C7', 'base', 'pass'], ['C7', 'patched', 'pass'], ['C8', 'both', 'inconclusive']]);
  t.match(fakes[0]!.reason, /^\d+ samples, judged on the base model$/);
  t.match(fakes[1]!.reason, /judged on the patched model$/);
  t.same(fakes[2], { id: 'C8', variant: 'both', title: 'a fake pair claim on drop_entry 3', outcome: 'inconclusive', reason: 'this fake claim cannot be shown by any scenario', numbers: {} });
  t.same(withFakes.claims.slice(0, plain.claims.length), plain.claims, 'the real claims judged as without the fakes, and before them (by id)');
  // A failing fake fails the verdict like any claim.
  const failing: RunClaimModule = { ...C7, id: 'C9', judge: () => ({ outcome: 'fail', reason: 'fake', numbers: {} }) };
  t.equal(judge({ ...input, claims: [failing] }).verdict.claimsHold, false);
});

t.test('a claim carried by a run that was not made is not judged; a pair claim says it needs both', async (t) => {
  const input = { ...rec, runs: { patched: rec.runs.patched! }, seed: 1, mcRuns: 20, freshRuns: 0 };
  const claims = judge(input).verdict.claims;
  t.same(claims.map((c) => `${c.id} ${c.variant}`), ['C2 patched', 'C3 patched', 'C4 both', 'C5 patched', 'C6 patched']);
  t.match(claims.find((c) => c.id === 'C4')!.reason, /drop_entry 3/, "smoke-1's drop_entry 3: the models drop, said before the missing run");
});

t.test("a module's undelivered judge: asked where appliesTo() holds and where() answers; its NOT DELIVERED carries the why apart; a FAIL stays a FAIL", async (t) => {
  // Undelivered on patched's run alone (by the models' parameters), where the run's `n` is 0.
  const C10: RunClaimModule = {
    id: 'C10',
    carriedBy: 'each-run',
    title: () => 'a fake claim the series cannot deliver on patched',
    appliesTo: (s) => (s.sync ? true : 'needs sync'),
    undelivered: {
      where: (_s, models) => (models.own.variant === 'patched' ? 'fake_state_transition() never does it' : undefined),
      judge: (c, why) => (c.summary.clients === 0 ? { outcome: 'not-delivered', reason: `${why}. n = 0`, numbers: {} } : { outcome: 'fail', reason: 'n > 0', numbers: {} }),
    },
    judge: () => ({ outcome: 'pass', reason: 'judged as ever', numbers: {} }),
  };
  const run = (v: 'base' | 'patched', clients: number) =>
    ({ summary: { clients }, modelVariant: v, checks: [], params: { own: defaultParams(v), other: defaultParams(v === 'base' ? 'patched' : 'base') } }) as unknown as JudgedRun;
  const scenario = { sync: true } as Scenario;
  const claims = judgeClaims([C10], { scenario, runs: { base: run('base', 0), patched: run('patched', 0) } });
  t.same(claims.map((c) => [c.variant, c.outcome, c.reason, c.undelivered]), [
    ['base', 'pass', 'judged as ever', undefined],
    ['patched', 'not-delivered', 'fake_state_transition() never does it. n = 0', 'fake_state_transition() never does it'],
  ]);
  const failed = judgeClaims([C10], { scenario, runs: { patched: run('patched', 3) } });
  t.same(failed.map((c) => [c.outcome, c.undelivered]), [['fail', undefined]]);
  const inapplicable = judgeClaims([C10], { scenario: {} as Scenario, runs: { patched: run('patched', 0) } });
  t.same(inapplicable.map((c) => [c.outcome, c.reason]), [['inconclusive', 'needs sync']], "appliesTo() first: the scenario cannot show it");
});
