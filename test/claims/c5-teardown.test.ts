// C5, judged through the verdict's loop (src/claims/judge-claims.ts): its scenario condition is C5's own appliesTo.
import t from 'tap';
import { C5 } from '../../src/claims/c5-teardown.ts';
import { judgeClaims } from '../../src/claims/judge-claims.ts';
import type { ClaimContext, JudgedRun } from '../../src/claims/types.ts';
import type { Variant } from '../../src/model/params.ts';
import type { Scenario } from '../../src/scenario/schema.ts';
import type { VariantSummary } from '../../src/observe/summary.ts';
import type { TeardownReport } from '../../src/record/teardown.ts';

const report = (over: Partial<TeardownReport> = {}): TeardownReport => ({ entries: 700, objectsBefore: 700, objectsAfter: 0, seconds: 0.01, warnings: 0, ...over });
const ctx = (teardown: boolean | undefined, r?: TeardownReport): ClaimContext =>
  ({
    scenario: { teardown } as Scenario,
    summary: (r ? { teardown: r } : {}) as VariantSummary,
    modelVariant: 'patched',
  }) as ClaimContext;
/** C5 through the verdict's loop, on variant v's run (no model is read: C5 needs none). */
const claimC5 = (v: Variant) => (c: ClaimContext) => {
  const claims = judgeClaims([C5], { scenario: c.scenario, runs: { [v]: { ...c, checks: [], params: {} } as unknown as JudgedRun } });
  return claims[0]!;
};

t.test('C5: every entry freed, no warning: PASS, on the run\'s own variant', async (t) => {
  const c = claimC5('base')(ctx(true, report()));
  t.equal(c.outcome, 'pass', c.reason);
  t.equal(c.variant, 'base', 'the run\'s variant, whichever model judges it');
  t.match(c.reason, /700 entries were freed within 0\.0 s \(ip_vs_conn objects 700 -> 0\)/);
});

t.test('C5: objects left after the flush, or a kernel warning: FAIL', async (t) => {
  const leak = claimC5('patched')(ctx(true, report({ objectsAfter: 112, seconds: 30 })));
  t.equal(leak.outcome, 'fail');
  t.match(leak.reason, /112 ip_vs_conn object\(s\) still allocated 30\.0 s after the namespace went \(its table held 700 entries; 700 objects before\)/);
  const warned = claimC5('patched')(ctx(true, report({ warnings: 1, firstWarning: 'WARNING: CPU: 0 PID: 7 at net/netfilter/ipvs/ip_vs_conn.c:1300' })));
  t.equal(warned.outcome, 'fail');
  t.match(warned.reason, /warned 1 time\(s\).*ip_vs_conn\.c:1300/);
});

t.test('C5: INCONCLUSIVE where the scenario cannot show it, with why', async (t) => {
  t.match(C5.appliesTo({} as never, {} as never), /teardown: true deletes it/, 'without teardown, its own answer');
  const off = claimC5('patched')(ctx(undefined));
  t.equal(off.outcome, 'inconclusive');
  t.match(off.reason, /teardown: true/);
  t.match(claimC5('patched')(ctx(true)).reason, /no teardown report/);
  const empty = claimC5('patched')(ctx(true, report({ entries: 0, objectsBefore: 0 })));
  t.equal(empty.outcome, 'inconclusive');
  t.match(empty.reason, /nothing to flush/);
  const uncounted = claimC5('patched')(ctx(true, report({ objectsBefore: -1, objectsAfter: -1 })));
  t.equal(uncounted.outcome, 'inconclusive');
  t.match(uncounted.reason, /no ip_vs_conn slab cache/);
});
