// Real runs recorded by the end-to-end test (fixtures/runs/): the model of each
// variant must contain what that kernel did, and the claim table must be right.
// A deliberately wrong model (the other variant's) must fail: the check can fail.
import t from 'tap';
import { readdirSync } from 'node:fs';
import { judgeRecord } from '../../src/pipeline/judge-record.ts';
import { describeCheck } from '../../src/compare/bands.ts';

const dir = new URL('../../fixtures/runs/', import.meta.url).pathname;
const runs = readdirSync(dir).sort();
// The series each variant is held against its band on (compare/verdict.ts's CHECKED_SERIES, written out).
const CHECKED = ['conns', 'synRecv', 'templates', 'assured'];

// The runs recorded so far (one a scenario, smoke two): a lost one is noticed, new ones are welcome.
const RECORDED = ['control-1', 'default-1', 'dr-udp-1', 'ipv6-1', 'sctp-1', 'smoke-1', 'smoke-2', 'smoke-netmask-pool-1', 'sync-1', 'teardown-1', 'tun-tcp-1', 'udp-1', 'udp-ops-1'];
t.same(RECORDED.filter((r) => !runs.includes(r)), [], `none missing of the recorded runs: ${runs.join(', ')}`);

for (const run of runs) {
  t.test(run, async (t) => {
    const { verdict } = await judgeRecord(dir + run, { seed: 1, mcRuns: 1000 });
    const control = run.startsWith('control');
    // Templates that aggregate 300 sources by /16: the scenario cannot separate C1 and C2.
    const pooled = run.startsWith('smoke-netmask-pool');
    // A UDP service (fixtures/scenarios/udp.yaml): base's flood templates go 60 s after their dropped entries.
    const udp = run.startsWith('udp');
    // An SCTP service (fixtures/scenarios/sctp.yaml): base keeps a flood template for the persistence once its INIT1 entry is gone.
    const sctp = run.startsWith('sctp');
    // One-packet scheduling (fixtures/scenarios/udp-ops.yaml): base keeps every flood template; no client is answered (NAT).
    const ops = run.startsWith('udp-ops');
    // The smoke with a sync daemon feeding a backup director (fixtures/scenarios/sync.yaml): C6 judged.
    const sync = run.startsWith('sync');
    // The smoke's flood, then ip netns del with the table full (fixtures/scenarios/teardown.yaml): C5 judged on each variant.
    const teardown = run.startsWith('teardown');
    // UDP over direct routing (fixtures/scenarios/dr-udp.yaml): the answers bypass the director, so the series
    // assures no client's template (udp_state_transition()): C3 NOT DELIVERED, base's flood as over NAT.
    const drUdp = run.startsWith('dr-udp');
    // Every record holds both variants (metadata.json's variants), each checked on every series.
    t.same(Object.keys(verdict.variants).sort(), ['base', 'patched'], 'both variants judged');
    for (const v of Object.values(verdict.variants)) {
      t.same(v.checks.map((c) => c.series), CHECKED, `${v.variant}: the series checked`);
      for (const c of v.checks) {
        t.ok(c.agrees, `${v.variant} against the ${v.variant} model: ${describeCheck(c)} of samples in band`);
      }
      t.ok(v.agrees);
    }
    // Each variant-run's PITs (src/compare/variant-pits.ts): every checked series' miss area among the 1000 runs',
    // and C1's and C2's shares where the claim read one off the kernel (its numbers say so).
    for (const v of Object.values(verdict.variants)) {
      const series = Object.entries(v.pit?.series ?? {});
      t.same(series.map(([s]) => s).sort(), [...CHECKED].sort(), `${v.variant}: a miss-area PIT per checked series`);
      t.ok(series.every(([, p]) => p!.runs === 1000 && p!.pit > 0 && p!.pit < 1 && p!.below + p!.ties <= 1000), `${v.variant}: ranks among 1000 runs`);
    }
    for (const [id, v] of [['C1', 'base'], ['C2', 'patched']] as const) {
      const claim = verdict.claims.find((c) => c.id === id)!;
      const pit = verdict.variants[v]!.pit!.claims[id];
      t.equal(pit !== undefined, claim.numbers.fraction !== undefined, `${id}: a PIT where it read a share (${claim.numbers.fraction ?? 'none'})`);
      t.notOk('rank' in claim, 'the claim table keeps no rank');
    }
    const outcome = Object.fromEntries(verdict.claims.map((c) => [c.id, c.outcome]));
    if (control) {
      t.same(outcome, { C1: 'inconclusive', C2: 'inconclusive', C3: 'pass', C4: 'pass', C5: 'inconclusive', C6: 'inconclusive' });
    } else if (pooled) {
      t.match(outcome, { C1: /^(pass|inconclusive)$/, C2: /^(pass|inconclusive)$/, C3: 'pass', C4: 'inconclusive', C5: 'inconclusive', C6: 'inconclusive' });
    } else if (sync) {
      t.same(outcome, { C1: 'pass', C2: 'pass', C3: 'pass', C4: 'inconclusive', C5: 'inconclusive', C6: 'pass' });
    } else if (teardown) {
      t.same(outcome, { C1: 'pass', C2: 'pass', C3: 'pass', C4: 'inconclusive', C5: 'pass', C6: 'inconclusive' });
      t.equal(verdict.claims.filter((c) => c.id === 'C5' && c.outcome === 'pass').length, 2, 'C5 on each variant');
    } else if (ops) {
      t.same(outcome, { C1: 'pass', C2: 'pass', C3: 'inconclusive', C4: 'inconclusive', C5: 'inconclusive', C6: 'inconclusive' });
    } else if (drUdp) {
      t.same(outcome, { C1: 'pass', C2: 'pass', C3: 'not-delivered', C4: 'inconclusive', C5: 'inconclusive', C6: 'inconclusive' });
      t.match(verdict.claims.find((c) => c.id === 'C3')!.undelivered, /udp_state_transition\(\)/);
    } else if (udp || sctp) {
      t.same(outcome, { C1: 'pass', C2: 'pass', C3: 'pass', C4: 'inconclusive', C5: 'inconclusive', C6: 'inconclusive' });
      const c1 = verdict.claims.find((c) => c.id === 'C1')!;
      t.ok(Number(c1.numbers.fraction) > 0.6, `base keeps most of them 62 s after their entries were gone or droppable: ${c1.numbers.fraction}`);
    } else {
      t.same(outcome, { C1: 'pass', C2: 'pass', C3: 'pass', C4: 'inconclusive', C5: 'inconclusive', C6: 'inconclusive' });
      const c1 = verdict.claims.find((c) => c.id === 'C1')!;
      t.ok(Number(c1.numbers.fraction) > 0.08 && Number(c1.numbers.fraction) < 0.25, `base keeps ~15%: ${c1.numbers.fraction}`);
    }
    t.equal(verdict.claimsHold, true);

    const swap = (v: 'base' | 'patched') => (v === 'base' ? 'patched' : 'base') as 'base' | 'patched';
    // (Further runs, as many as the band's: a wrong model fails beyond them all the same.)
    const wrong = (await judgeRecord(dir + run, { seed: 1, mcRuns: 300, modelFor: swap, freshRuns: 300 })).verdict;
    if (control || pooled) {
      // Without drops (or with C1 and C2 not separable) the wrong model still fails the bands.
      t.equal(wrong.claimsHold, false, 'the wrong model still fails');
    } else {
      t.same(Object.keys(wrong.variants).sort(), ['base', 'patched'], 'both variants judged against the wrong model');
      for (const v of Object.values(wrong.variants)) t.notOk(v.agrees, `${v.variant} against the ${v.modelVariant} model: disagrees`);
      t.equal(wrong.claimsHold, false);
      const failed = wrong.claims.filter((c) => c.outcome === 'fail').map((c) => c.id);
      t.ok(failed.includes('C1') && failed.includes('C2'), `and C1 and C2 fail against the other model (${failed.join(', ')})`);
      if (sync) t.equal(wrong.claims.filter((c) => c.id === 'C6' && c.outcome === 'fail').length, 2, "and C6, on each variant's backup");
    }
  });
}
