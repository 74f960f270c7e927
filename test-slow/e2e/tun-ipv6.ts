// End to end (the full set: npm run test:full): tunnelling over IPv6. The
// director wraps each client packet in IPv6 (ip_vs_tunnel_xmit_v6(): IPv6 in
// IPv6), the real servers unwrap it on ip6tnl0 (CONFIG_IPV6_TUNNEL) and answer
// past the director. As tun-tcp (test/e2e/forwarding.test.ts) on IPv6 entries:
// TCP on its INPUT-ONLY rows (FIN_WAIT, never TIME_WAIT), no packet in the
// director's output direction, the clients answered, their templates ASSURED
// by their ACKs in patched.
import t from 'tap';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { execa } from 'execa';
import { describeCheck, type BandCheck } from '../../src/compare/bands.ts';
import { parseResults, samplesOf, type ParsedResults } from '../../src/record/results.ts';

const ROOT = new URL('../..', import.meta.url).pathname;
// compare/verdict.ts's CHECKED_SERIES, written out: a loop over no check would pass.
const CHECKED = ['conns', 'synRecv', 'templates', 'assured'];
/** A template of the IPv6 service: %pI6 client, port 0, the VIP fd00::100 on port 80 (0050), a real server on fd00:2:0::/64. */
const TEMPLATE = /^TCP [0-9a-f]{4}(:[0-9a-f]{4}){7} 0000 fd00(:0000){6}:0100 0050 fd00:0002:0000:0000:0000:0000:0000:001[12] /;

/** The director's IPVS out-packet total over its per-CPU rows (OutPkts, the third column of /proc/net/ip_vs_stats_percpu). */
function directorOutPkts(p: ParsedResults): number | undefined {
  const e = p.records.find((r) => r.type === 'event' && r.name === 'director-totals') as { percpu?: string[] } | undefined;
  return e?.percpu?.reduce((n, row) => n + parseInt(row.trim().split(/\s+/)[3]!, 16), 0);
}

t.test('verify: tun-ipv6, TCP over IPv6-in-IPv6 tunnelling: FIN_WAIT, no answer through the director, templates ASSURED', async (t) => {
  const out = join(ROOT, 'runs', `e2e-tun-ipv6-${Date.now()}`);
  const r = await execa('node', ['bin/ipvs-verify.js', 'verify', '--scenario', 'fixtures/scenarios/tun-ipv6.yaml', '--out', out], { cwd: ROOT, reject: false, all: true });
  t.equal(r.exitCode, 0, `verify exits 0\n${r.all?.slice(-3000)}`);
  const result = JSON.parse(readFileSync(join(out, 'result.json'), 'utf8'));
  for (const v of ['base', 'patched']) {
    t.same((result.verdict.variants[v].checks as BandCheck[]).map((c) => c.series), CHECKED, `${v}: the series checked`);
    for (const c of result.verdict.variants[v].checks as BandCheck[]) t.ok(c.agrees, `${v}: ${describeCheck(c)} of samples in band`);
  }
  const claims = result.verdict.claims as { id: string; outcome: string; reason: string }[];
  const outcome = Object.fromEntries(claims.map((c) => [c.id, c.outcome]));
  t.same(outcome, { C1: 'pass', C2: 'pass', C3: 'pass', C4: 'inconclusive', C5: 'inconclusive', C6: 'inconclusive' }, JSON.stringify(claims.map((c) => c.reason)));
  const meta = JSON.parse(readFileSync(join(out, 'metadata.json'), 'utf8'));
  for (const v of ['base', 'patched'] as const) {
    const run = parseResults(readFileSync(join(out, `results-${v}.jsonl`), 'utf8'));
    t.equal(directorOutPkts(run), 0, `${v}: no answer crossed the director`);
    const s = meta.variants[v].summary;
    t.equal(s.floodSent, 1000, `${v}: the replay sent the whole plan`);
    t.ok(s.clientHandshakes.ok >= 10, `${v}: the clients' requests answered past the director (${s.clientHandshakes.ok}, ${s.clientHandshakes.failed} not)`);
    const samples = samplesOf(run);
    t.ok(samples.some((x) => (x.conns.FIN_WAIT ?? 0) > 0), `${v}: closed client connections in FIN_WAIT (INPUT-ONLY rows)`);
    t.notOk(samples.some((x) => (x.conns.TIME_WAIT ?? 0) > 0), `${v}: none in TIME_WAIT (NAT's)`);
    const lines = run.records.filter((x) => x.type === 'template' && !x.node && !x.view);
    t.ok(lines.length > 0 && lines.every((x) => TEMPLATE.test((x as { line: string }).line)), `${v}: IPv6 templates to the real servers in /proc (${lines.length})`);
  }
  t.equal(meta.variants.patched.summary.finalClientTemplatesByState.ASSURED, 2, "patched: both clients' templates ASSURED by their ACK");
});
