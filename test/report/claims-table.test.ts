// The terminal's verdict text.
import t from 'tap';
import { notDeliveredIds, verdictText } from '../../src/report/claims-table.ts';

t.test('a verdict with nothing judged says so', async (t) => {
  const claim = { id: 'C1' as const, variant: 'base' as const, title: 't', outcome: 'inconclusive' as const, reason: 'r', numbers: {} };
  const text = verdictText({ variants: {}, claims: [claim], claimsHold: true, judgeable: false });
  t.match(text, /verdict: the kernels do what the models predict\nno claim could be judged by this scenario/);
  t.notMatch(verdictText({ variants: {}, claims: [{ ...claim, outcome: 'pass' }], claimsHold: true, judgeable: true }), /no claim could be judged/);
});

t.test('NOT DELIVERED: its own label in the outcome column, the reason beneath, and a line under a verdict that stands', async (t) => {
  const why = 'udp_state_transition() (net/netfilter/ipvs/ip_vs_proto_udp.c:429) assures a template only on a packet in the OUTPUT direction';
  const c3 = { id: 'C3' as const, variant: 'patched' as const, title: 'clients keep their real server', outcome: 'not-delivered' as const, reason: `${why}. 0 of 2 ASSURED`, numbers: {}, undelivered: why };
  const c4 = { id: 'C4' as const, variant: 'both' as const, title: 'the control', outcome: 'inconclusive' as const, reason: 'r', numbers: {} };
  const text = verdictText({ variants: {}, claims: [c3, c4], claimsHold: true, judgeable: true });
  const lines = text.split('\n');
  // The column is as wide as the widest label: 'NOT DELIVERED' (13), then one space; reasons indented 2+1+8+1+13+1 = 26.
  t.equal(lines[1], 'C3 patched  NOT DELIVERED clients keep their real server');
  t.equal(lines[2], `${' '.repeat(26)}${why}. 0 of 2 ASSURED`);
  t.equal(lines[3], 'C4 both     INCONCLUSIVE  the control');
  t.match(text, /verdict: the kernels do what the models predict\nthe series does not deliver C3 in this configuration, by its own code \(NOT DELIVERED above, with the kernel function\)$/);
  t.equal(notDeliveredIds({ claims: [c3, { ...c3, id: 'C6' }, { ...c3, id: 'C6', variant: 'base' }] }), 'C3 and C6', 'each id once');
  t.notMatch(verdictText({ variants: {}, claims: [c4], claimsHold: true, judgeable: false }), /does not deliver/);
});
