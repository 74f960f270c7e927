// End to end, the forwarding methods other than NAT: direct routing (ipvsadm
// -g) and IP-in-IP tunnelling (-i), where the real servers answer the clients
// past the director. The director must see no packet in its output direction
// (the run is failed as infrastructure otherwise: src/record/director-output.ts).
// Under DR a UDP client's template is never ASSURED (udp_state_transition()
// assures only on IP_VS_DIR_OUTPUT): C3 is NOT DELIVERED, and verify exits 0.
// Under TUN, TCP follows its INPUT-ONLY rows: the clients' closed connections
// sit in FIN_WAIT, not NAT's TIME_WAIT, and their templates are ASSURED.
import t, { type Test } from 'tap';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { execa } from 'execa';
import { describeCheck, type BandCheck } from '../../src/compare/bands.ts';
import { parseResults, samplesOf, type ParsedResults } from '../../src/record/results.ts';

const ROOT = new URL('../..', import.meta.url).pathname;
// compare/verdict.ts's CHECKED_SERIES, written out: a loop over no check would pass.
const CHECKED = ['conns', 'synRecv', 'templates', 'assured'];

async function verified(t: Test, scenario: string) {
  const out = join(ROOT, 'runs', `e2e-${scenario}-${Date.now()}`);
  const r = await execa('node', ['bin/ipvs-verify.js', 'verify', '--scenario', `fixtures/scenarios/${scenario}.yaml`, '--out', out], { cwd: ROOT, reject: false, all: true });
  t.equal(r.exitCode, 0, `verify exits 0\n${r.all?.slice(-3000)}`);
  const result = JSON.parse(readFileSync(join(out, 'result.json'), 'utf8'));
  for (const v of ['base', 'patched']) {
    t.same((result.verdict.variants[v].checks as BandCheck[]).map((c) => c.series), CHECKED, `${v}: the series checked`);
    for (const c of result.verdict.variants[v].checks as BandCheck[]) t.ok(c.agrees, `${v}: ${describeCheck(c)} of samples in band`);
  }
  const outcome: Record<string, string> = Object.fromEntries(result.verdict.claims.map((c: { id: string; outcome: string }) => [c.id, c.outcome]));
  const reasons = JSON.stringify(result.verdict.claims.map((c: { reason: string }) => c.reason));
  const runs = Object.fromEntries(['base', 'patched'].map((v) => [v, parseResults(readFileSync(join(out, `results-${v}.jsonl`), 'utf8'))])) as Record<'base' | 'patched', ParsedResults>;
  return { all: r.all ?? '', outcome, reasons, runs, meta: JSON.parse(readFileSync(join(out, 'metadata.json'), 'utf8')) };
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
