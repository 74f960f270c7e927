// End to end (the full set: npm run test:full): UDP and SCTP over IPv6, and
// the sync daemon carrying an IPv6 service's entries (protocol v1) to its
// backup over the sync link's IPv4 multicast. Each kernel must follow its own
// model; the series' UDP and SCTP hunks show on IPv6 entries as on IPv4 ones
// (test/e2e/protocols.test.ts), and C6 as in the sync scenario (test/e2e/sync.test.ts).
import t from 'tap';
import { samplesOf } from '../../src/record/results.ts';
import { verifiedRun } from '../../test-support/verified-run.ts';

/** A template line of an IPv6 service: %pI6 addresses, the VIP fd00::100 on the service port (hex). */
const v6Template = (proto: string, port: string) => new RegExp(`^${proto} [0-9a-f]{4}(:[0-9a-f]{4}){7} 0000 fd00(:0000){6}:0100 ${port} fd00:0002:`);

t.test('verify: udp-ipv6, a UDP service over IPv6 under an IPv6 UDP flood', async (t) => {
  const { meta, outcome, reasons, records } = await verifiedRun(t, 'udp-ipv6');
  t.same(outcome, { C1: 'pass', C2: 'pass', C3: 'pass', C4: 'inconclusive', C5: 'inconclusive', C6: 'inconclusive' }, reasons);
  for (const v of ['base', 'patched'] as const) {
    const s = meta.variants[v].summary;
    t.equal(s.floodSent, 1000, `${v}: the replay sent the whole plan`);
    t.ok(s.clientHandshakes.ok >= 10, `${v}: the clients' UDP6 requests answered (${s.clientHandshakes.ok}, ${s.clientHandshakes.failed} not)`);
    const samples = samplesOf(records(v));
    // The datagrams passed IPVS (their IPv6 pseudo-header checksums good) and made entries.
    t.ok(Math.max(...samples.map((x) => x.conns.UDP ?? 0)) >= 1000, `${v}: the flood's IPv6 datagrams became UDP entries`);
    const lines = records(v).records.filter((r) => r.type === 'template' && !r.node && !r.view);
    t.ok(lines.length > 0 && lines.every((r) => v6Template('UDP', '0035').test((r as { line: string }).line)), `${v}: IPv6 UDP templates in /proc`);
  }
  t.equal(meta.variants.patched.summary.finalClientTemplatesByState.ASSURED, 2, "patched: both clients' IPv6 templates ASSURED by the answers");
  t.equal(meta.variants.base.summary.finalClientTemplatesByState.ASSURED ?? 0, 0, 'base: no ASSURED state');
});

t.test('verify: sctp-ipv6, an SCTP service over IPv6 under an IPv6 INIT flood', async (t) => {
  const { meta, outcome, reasons, records } = await verifiedRun(t, 'sctp-ipv6');
  t.same(outcome, { C1: 'pass', C2: 'pass', C3: 'pass', C4: 'inconclusive', C5: 'inconclusive', C6: 'inconclusive' }, reasons);
  for (const v of ['base', 'patched'] as const) {
    const s = meta.variants[v].summary;
    t.equal(s.floodSent, 1000, `${v}: the replay sent the whole plan`);
    t.ok(s.clientHandshakes.ok >= 10, `${v}: the clients' SCTP6 associations (${s.clientHandshakes.ok}, ${s.clientHandshakes.failed} failed)`);
    const samples = samplesOf(records(v));
    // The INITs passed IPVS's CRC32c check (sctp_csum_check(), no pseudo-header) and made INIT1 entries.
    t.ok(Math.max(...samples.map((x) => x.conns.INIT1 ?? 0)) > 500, `${v}: the flood's IPv6 INITs became INIT1 entries`);
    const lines = records(v).records.filter((r) => r.type === 'template' && !r.node && !r.view);
    t.ok(lines.length > 0 && lines.every((r) => v6Template('SCTP', '0050').test((r as { line: string }).line)), `${v}: IPv6 SCTP templates in /proc`);
  }
  t.equal(meta.variants.patched.summary.finalClientTemplatesByState.ASSURED, 2, "patched: both clients' IPv6 templates ASSURED (ESTABLISHED)");
});

t.test('verify: sync-ipv6, the sync daemon carrying an IPv6 service (v1) to the backup', async (t) => {
  const { meta, claims, records } = await verifiedRun(t, 'sync-ipv6');
  for (const v of ['base', 'patched']) {
    const c6 = claims.find((c) => c.id === 'C6' && c.variant === v)!;
    t.equal(c6.outcome, 'pass', `${v}: ${c6.reason}`);
    const backup = records(v).records.filter((r) => r.type === 'template' && r.node === 'backup');
    t.ok(backup.length >= 2 && backup.every((r) => v6Template('TCP', '0050').test((r as { line: string }).line)), `${v}: the backup's templates are IPv6 ones (${backup.length})`);
  }
  const sync = (v: string) => meta.variants[v].summary.sync;
  t.same(sync('patched').clientTemplatesByState, { ASSURED: 2 }, "patched: the backup's copies (by their /64 addresses) ASSURED, as the master's");
  t.same(sync('base').clientTemplatesByState, { NONE: 2 }, 'base: NONE');
});
