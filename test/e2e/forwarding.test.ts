// End to end, the forwarding methods other than NAT: direct routing (ipvsadm
// -g) and IP-in-IP tunnelling (-i), where the real servers answer the clients
// past the director. The director must see no packet in its output direction
// (the run is failed as infrastructure otherwise: src/record/director-output.ts).
// Under DR a UDP client's template is never ASSURED (udp_state_transition()
// assures only on IP_VS_DIR_OUTPUT): C3 is NOT DELIVERED, and verify exits 0.
// Under TUN, TCP follows its INPUT-ONLY rows: the clients' closed connections
// sit in FIN_WAIT, not NAT's TIME_WAIT, and their templates are ASSURED.
import t, { type Test } from 'tap';
import { samplesOf, type ParsedResults } from '../../src/record/results.ts';
import { verifiedRun } from '../../test-support/verified-run.ts';

/** verifiedRun(), with each variant's results parsed up front. */
async function verified(t: Test, scenario: string) {
  const run = await verifiedRun(t, scenario);
  return { ...run, runs: { base: run.records('base'), patched: run.records('patched') } as Record<'base' | 'patched', ParsedResults> };
}

/** The director's IPVS out-packet total, summed over its per-CPU rows (OutPkts, the third column of /proc/net/ip_vs_stats_percpu). */
function directorOutPkts(p: ParsedResults): number | undefined {
  const e = p.records.find((r) => r.type === 'event' && r.name === 'director-totals') as { percpu?: string[] } | undefined;
  return e?.percpu?.reduce((n, row) => n + parseInt(row.trim().split(/\s+/)[3]!, 16), 0);
}

t.test('verify: UDP under direct routing: C3 NOT DELIVERED by the series, exit 0', async (t) => {
  const { all, outcome, reasons, runs, meta } = await verified(t, 'dr-udp');
  t.same(outcome, { C1: 'pass', C2: 'pass', C3: 'not-delivered', C4: 'inconclusive', C5: 'inconclusive', C6: 'inconclusive' }, reasons);
  t.match(reasons, /udp_state_transition\(\)/, 'the kernel function named');
  t.match(all, /the series does not deliver C3 in this configuration/);
  for (const v of ['base', 'patched'] as const) {
    t.equal(directorOutPkts(runs[v]), 0, `${v}: no answer crossed the director`);
    t.ok(meta.variants[v].summary.clientHandshakes.ok >= 10, `${v}: the clients' requests answered (past the director)`);
    t.equal(meta.variants[v].summary.finalClientTemplatesByState.ASSURED ?? 0, 0, `${v}: no client's template ASSURED`);
  }
});

t.test('verify: TCP under IP-in-IP tunnelling: FIN_WAIT for closed connections, templates ASSURED', async (t) => {
  const { outcome, reasons, runs, meta } = await verified(t, 'tun-tcp');
  t.same(outcome, { C1: 'pass', C2: 'pass', C3: 'pass', C4: 'inconclusive', C5: 'inconclusive', C6: 'inconclusive' }, reasons);
  for (const v of ['base', 'patched'] as const) {
    t.equal(directorOutPkts(runs[v]), 0, `${v}: no answer crossed the director`);
    const samples = samplesOf(runs[v]);
    t.ok(samples.some((x) => (x.conns.FIN_WAIT ?? 0) > 0), `${v}: closed client connections in FIN_WAIT (INPUT-ONLY rows)`);
    t.notOk(samples.some((x) => (x.conns.TIME_WAIT ?? 0) > 0), `${v}: none in TIME_WAIT (NAT's)`);
  }
  t.equal(meta.variants.patched.summary.finalClientTemplatesByState.ASSURED, 2, "patched: both clients' templates ASSURED by their ACK");
});
