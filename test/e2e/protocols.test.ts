// End to end, what is not TCP over IPv4. A persistent UDP service
// (ipvsadm -u) under a spoofed UDP flood (the harness's own datagrams, replayed
// in the guest), with clients whose requests the real servers answer (socat).
// Each kernel must follow its own model, and the series' UDP hunks must show:
// patched marks the answered clients' templates ASSURED (udp_state_transition(),
// IP_VS_DIR_OUTPUT) and drops a flood entry's template with the entry; base
// keeps it 60 s longer. The same for SCTP (--sctp-service) under spoofed INITs,
// with clients that complete the four-way handshake (set_sctp_state()). And
// the smoke scenario over IPv6: the same TCP hunks on AF_INET6 entries.
import t, { type Test } from 'tap';
import { samplesOf } from '../../src/record/results.ts';
import { verifiedRun } from '../../test-support/verified-run.ts';

/** verifiedRun() (exit 0, each variant checked on every series and in band), and verify's closing verdict line in its output. */
async function verified(t: Test, scenario: string) {
  const run = await verifiedRun(t, scenario);
  t.match(run.all, /verdict: the kernels do what the models predict[\s\S]*\nrun record: /);
  return run;
}

t.test('verify: a UDP service under a UDP flood', async (t) => {
  const { records, meta, outcome, reasons } = await verified(t, 'udp');
  t.same(outcome, { C1: 'pass', C2: 'pass', C3: 'pass', C4: 'inconclusive', C5: 'inconclusive', C6: 'inconclusive' }, reasons);
  for (const v of ['base', 'patched'] as const) {
    const s = meta.variants[v].summary;
    t.equal(s.floodSent, 1000, `${v}: the replay sent the whole plan`);
    // (An answer late under load fails a request; the model counts its entry all the same.)
    t.ok(s.clientHandshakes.ok >= 10, `${v}: the clients' requests answered (${s.clientHandshakes.ok}, ${s.clientHandshakes.failed} not)`);
    const samples = samplesOf(records(v));
    const peak = Math.max(...samples.map((x) => x.conns.UDP ?? 0));
    t.ok(peak >= 1000, `${v}: the flood's datagrams became UDP entries (${peak} at most)`);
    t.ok(samples.every((x) => Object.keys(x.conns).every((k) => k === 'UDP')), `${v}: no entry in any other state`);
  }
  const patched = meta.variants.patched.summary;
  const base = meta.variants.base.summary;
  t.equal(patched.finalClientTemplatesByState.ASSURED, 2, "patched: both clients' templates ASSURED by the answers");
  t.equal(base.finalClientTemplatesByState.ASSURED ?? 0, 0, 'base: no ASSURED state');
  t.ok(base.finalFloodTemplates > 4 * patched.finalFloodTemplates, `base keeps flood templates longer (${base.finalFloodTemplates} vs ${patched.finalFloodTemplates})`);
});

t.test('verify: an SCTP service under an INIT flood', async (t) => {
  const { records, meta, outcome, reasons } = await verified(t, 'sctp');
  t.same(outcome, { C1: 'pass', C2: 'pass', C3: 'pass', C4: 'inconclusive', C5: 'inconclusive', C6: 'inconclusive' }, reasons);
  for (const v of ['base', 'patched'] as const) {
    const s = meta.variants[v].summary;
    t.equal(s.floodSent, 1000, `${v}: the replay sent the whole plan`);
    t.ok(s.clientHandshakes.ok >= 10, `${v}: the clients' associations (${s.clientHandshakes.ok}, ${s.clientHandshakes.failed} failed)`);
    const samples = samplesOf(records(v));
    // The INITs passed IPVS's CRC32c check (sctp_csum_check()) and made INIT1 entries.
    t.ok(Math.max(...samples.map((x) => x.conns.INIT1 ?? 0)) > 500, `${v}: the flood's INITs became INIT1 entries`);
    t.ok(samples.some((x) => (x.conns.CLOSED ?? 0) > 0), `${v}: the clients' associations, shut down, in CLOSED`);
  }
  const patched = meta.variants.patched.summary;
  const base = meta.variants.base.summary;
  t.equal(patched.finalClientTemplatesByState.ASSURED, 2, "patched: both clients' templates ASSURED (ESTABLISHED)");
  t.equal(base.finalClientTemplatesByState.ASSURED ?? 0, 0, 'base: no ASSURED state');
  t.ok(base.finalFloodTemplates > 4 * patched.finalFloodTemplates, `base keeps flood templates for the persistence (${base.finalFloodTemplates} vs ${patched.finalFloodTemplates})`);
});

t.test('verify: the smoke scenario over IPv6', async (t) => {
  const { records, meta, outcome, reasons } = await verified(t, 'ipv6');
  t.same(outcome, { C1: 'pass', C2: 'pass', C3: 'pass', C4: 'inconclusive', C5: 'inconclusive', C6: 'inconclusive' }, reasons);
  for (const v of ['base', 'patched'] as const) {
    const s = meta.variants[v].summary;
    t.equal(s.floodSent, 1000, `${v}: the replay sent the whole plan`);
    t.ok(s.clientHandshakes.ok >= 20, `${v}: the clients' wget over IPv6 (${s.clientHandshakes.ok}, ${s.clientHandshakes.failed} failed)`);
    const lines = records(v).records.filter((r) => r.type === 'template');
    t.ok(lines.length > 0 && lines.every((r) => /^TCP [0-9a-f]{4}(:[0-9a-f]{4}){7} 0000 fd00(:0000){6}:0100 0050 /.test((r as { line: string }).line)), `${v}: IPv6 templates in /proc (%pI6), to the IPv6 VIP`);
    const samples = samplesOf(records(v));
    t.ok(Math.max(...samples.map((x) => x.conns.SYN_RECV ?? 0)) > 500, `${v}: the flood's IPv6 SYNs became SYN_RECV entries`);
  }
  t.equal(meta.variants.patched.summary.finalClientTemplatesByState.ASSURED, 2, "patched: both clients' IPv6 templates ASSURED");
});
