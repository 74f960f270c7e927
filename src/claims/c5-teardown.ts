// Pure: claim C5, carried by each variant's run: the teardown control. When a
// namespace's IPVS goes away (`ip netns del`), ip_vs_conn_flush() deletes every
// entry of that namespace, controlled ones before their templates
// (net/netfilter/ipvs/ip_vs_conn.c), and the entries are freed after an RCU
// grace period. Both variants run the same flush; a port of the series that
// left a template's n_control or its timer in a state the flush cannot undo
// would leak entries or warn here. No model is needed: every entry must go,
// whatever the variant.
import type { ClaimContext, Judgement, RunClaimModule } from './types.ts';
import { inconclusive } from './separation.ts';

function judge(c: ClaimContext): Judgement {
  const t = c.summary.teardown;
  if (!t) return inconclusive('the guest made no teardown report');
  const numbers = { entries: t.entries, objectsBefore: t.objectsBefore, objectsAfter: t.objectsAfter, seconds: t.seconds, warnings: t.warnings };
  if (t.objectsBefore < 0) return inconclusive('the kernel lists no ip_vs_conn slab cache in /proc/slabinfo: the entries cannot be counted', numbers);
  if (t.entries === 0) return inconclusive('the table was empty when the namespace went: nothing to flush (end the scenario while entries remain)', numbers);
  if (t.warnings > 0) {
    return { outcome: 'fail', reason: `the kernel warned ${t.warnings} time(s) after the namespace went: ${t.firstWarning ?? '(no text)'}`, numbers };
  }
  if (t.objectsAfter > 0) {
    return {
      outcome: 'fail',
      reason: `${t.objectsAfter} ip_vs_conn object(s) still allocated ${t.seconds.toFixed(1)} s after the namespace went (its table held ${t.entries} entries; ${t.objectsBefore} objects before)`,
      numbers,
    };
  }
  return { outcome: 'pass', reason: `the table's ${t.entries} entries were freed within ${t.seconds.toFixed(1)} s (ip_vs_conn objects ${t.objectsBefore} -> 0), no kernel warning`, numbers };
}

export const C5: RunClaimModule = {
  id: 'C5',
  carriedBy: 'each-run',
  title: () => "when the director's namespace goes, every connection entry is freed (ip_vs_conn_flush)",
  appliesTo: (s) => s.teardown ? true : "the scenario keeps the director's namespace to the end; teardown: true deletes it with the table full",
  judge,
};
