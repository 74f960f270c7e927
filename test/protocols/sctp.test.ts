// SCTP in the one table simulator: hand-checkable cases (HZ=250; see
// test/model/sim.test.ts for TCP's and test/model/timer-wheel.test.ts for the rounding).
import t from 'tap';
import { SCTP, INIT1, ESTABLISHED, CLOSED, sctp_timeouts } from '../../src/protocols/sctp.ts';
import { DROP, KEEP, TODROP } from '../../src/protocols/types.ts';
import { defaultParams, type Arrivals, type ModelParams } from '../../src/model/params.ts';
import { simulate } from '../../src/model/sim.ts';
import { wheelFireJiffy } from '../../src/model/timer-wheel.ts';

const HZ = 250;
const none = { clientTimes: new Float64Array(0), clientIds: new Int32Array(0), clientSrc: new Uint32Array(0) };
const oneInit: Arrivals = { flood: Float64Array.of(1), ...none };
const oneClient: Arrivals = { flood: new Float64Array(0), clientTimes: Float64Array.of(1), clientIds: Int32Array.of(1), clientSrc: Uint32Array.of(0x0a010102) };
const everyJiffy = (seconds: number) => Float64Array.from({ length: seconds * HZ + 1 }, (_, j) => j / HZ);
const params = (over: Partial<ModelParams>, variant: 'base' | 'patched' = 'patched'): ModelParams => ({ ...defaultParams(variant), protocol: 'sctp', ...over });
function firstJiffy(series: Int32Array, v: number): number {
  for (let j = 1; j < series.length; j++) if (series[j] === v && series[j - 1] !== v) return j;
  return -1;
}

t.test('SCTP as data: INIT1 4 s and always dropped, ESTABLISHED through todrop_entry(), a closed association kept 61 s', async (t) => {
  t.same({ state: SCTP.flood.state, inPkts: SCTP.flood.inPkts, timeout: SCTP.flood.timeoutS }, { state: INIT1, inPkts: 1, timeout: 4 });
  // NAT (COOKIE ACK out -> ESTABLISHED) and DR/TUN (COOKIE ECHO in ->
  // ESTABLISHED) both assure; the client's SHUTDOWN ACK leaves CLOSED, 61 s;
  // socat's 4 packets in (INIT, COOKIE ECHO, SACK, SHUTDOWN ACK) either way.
  t.same(SCTP.client.both, { state: CLOSED, inPkts: 4, timeoutS: 61, assures: true });
  t.same(SCTP.client['input-only'], { state: CLOSED, inPkts: 4, timeoutS: 61, assures: true });
  t.equal(SCTP.unansweredMakesEntry, false);
  t.same([SCTP.dropRule[0], SCTP.dropRule[INIT1], SCTP.dropRule[ESTABLISHED], SCTP.dropRule[CLOSED]], [KEEP, DROP, TODROP, KEEP]);
  t.equal(SCTP.embryonicName, 'INIT1', 'the half-open state as /proc names it');
});

t.test('no drops: an INIT lives sctp_timeouts[INIT1] (4 s) in the synRecv series, its template the persistence', async (t) => {
  const o = simulate({ params: params({ dropEntry: 0 }), arrivals: oneInit, sampleTimes: everyJiffy(320), seed: 1 });
  t.equal(firstJiffy(o.series.conns, 1), 250);
  t.equal(o.series.synRecv[2 * HZ], 1, 'half-open: INIT1');
  // 1000 jiffies ahead is the wheel's level 2 (granularity 64): 1250 fires at 1280.
  const connGone = wheelFireJiffy(250 + 4 * HZ, 250);
  t.equal(connGone, 1280);
  t.equal(firstJiffy(o.series.conns, 0), connGone, 'the connection 4 s on, rounded by the wheel');
  t.equal(o.series.templates[connGone], 1, 'its template stays: the connection expired by its timer, not dropped');
  t.equal(firstJiffy(o.series.templates, 0), wheelFireJiffy(250 + 300 * HZ, 250), 'the template at its persistence, rounded');
});

t.test('drop_entry 3: patched drops the template a scan finds without connections; base keeps it to its persistence', async (t) => {
  let dropped = 0;
  let kept = 0;
  // INIT1's 4 s from 1 s, as the wheel rounds it: 1280 (the test above).
  const connGone4s = wheelFireJiffy(250 + 4 * HZ, 250);
  for (let seed = 1; seed <= 10; seed++) {
    const p = simulate({ params: params({ tabBits: 8 }), arrivals: oneInit, sampleTimes: everyJiffy(250), seed });
    const connGone = firstJiffy(p.series.conns, 0);
    t.ok(connGone > 250 && connGone <= 1280, `patched seed ${seed}: the INIT1 entry goes within its 4 s (${connGone})`);
    const tplGone = firstJiffy(p.series.templates, 0);
    if (tplGone > 0) {
      t.ok(tplGone >= connGone, 'the template not before its connection');
      dropped++;
    }
    const b = simulate({ params: params({ tabBits: 8 }, 'base'), arrivals: oneInit, sampleTimes: everyJiffy(250), seed });
    const bConn = firstJiffy(b.series.conns, 0);
    if (bConn > 0 && bConn < connGone4s) {
      // A scan dropped the INIT1 entry itself: ip_vs_conn_expire_now() on it, its template then held by
      // expire_later (60 s, on the wheel's 2.048 s grid: up to 512 jiffies late) and gone after, not by a scan.
      const bTpl = firstJiffy(b.series.templates, 0);
      t.ok(bTpl >= bConn + 60 * HZ && bTpl <= bConn + 60 * HZ + 512, `base seed ${seed}: its connection dropped at ${bConn}, the template ~60 s later (${bTpl})`);
    } else {
      t.equal(b.series.templates[250 * HZ], 1, `base seed ${seed}: a template is never the scan's: kept to its persistence`);
      kept++;
    }
  }
  // (256 buckets, 8 draws a scan: a lone template is picked within 245 s of scans in ~99.9% of seeds.)
  t.ok(dropped >= 9, `patched: ${dropped} of 10 seeds dropped the template within 250 s`);
  // A scan finds the INIT1 entry within its 4 s with probability ~1 - (1 - 1/256)^(8 x 4) = 12%: ~9 of 10 seeds keep it.
  t.ok(kept >= 7, `base: ${kept} of 10 seeds kept the template to its persistence`);
});

t.test("a client's association: ASSURED (patched) and kept; its closed entry 61 s; base's template not ASSURED", async (t) => {
  const p = simulate({ params: params({ tabBits: 8 }), arrivals: oneClient, sampleTimes: everyJiffy(250), seed: 5 });
  t.equal(p.series.assured[2 * HZ], 1, 'ESTABLISHED assures it');
  t.equal(p.series.synRecv[2 * HZ], 0, 'nothing half-open');
  t.equal(firstJiffy(p.series.conns, 0), wheelFireJiffy(250 + 61 * HZ, 250), 'CLOSED: 61 s, never dropped');
  t.equal(p.series.templates[250 * HZ], 1, 'the ASSURED template stays to its persistence');
  const b = simulate({ params: params({ tabBits: 8 }, 'base'), arrivals: oneClient, sampleTimes: everyJiffy(250), seed: 5 });
  t.equal(b.series.assured[2 * HZ], 0, 'base has no assured state');
  t.equal(b.series.templates[250 * HZ], 1, 'base keeps it too (a template is never the scan’s)');
});

t.test("DR/TUN (input-only): the client's COOKIE ECHO makes ESTABLISHED and assures; its SHUTDOWN ACK leaves CLOSED, 61 s", async (t) => {
  // INPUT-ONLY rows: INIT sNO -> sI1, COOKIE ECHO sI1 -> sES (ip_vs_control_assure_ct()), SHUTDOWN ACK sES -> sCL.
  const p = simulate({ params: params({ tabBits: 8, stateTable: 'input-only' }), arrivals: oneClient, sampleTimes: everyJiffy(250), seed: 5 });
  t.equal(p.series.assured[2 * HZ], 1, 'ESTABLISHED on the client\'s own COOKIE ECHO assures it');
  t.equal(p.series.synRecv[2 * HZ], 0, 'not left in INIT1');
  t.equal(firstJiffy(p.series.conns, 0), wheelFireJiffy(250 + 61 * HZ, 250), 'CLOSED: 61 s, never dropped');
  t.equal(p.series.templates[250 * HZ], 1, 'the ASSURED template stays to its persistence');
});

t.test('sctp_timeouts: the kernel table (ip_vs_proto_sctp.c, linux 6.1), seconds', async (t) => {
  // sctp_timeouts[]: IP_VS_SCTP_MAX_RTO is (60 + 1)*HZ; INIT1 and REJECTED (0 + 3 + 1)*HZ; ESTABLISHED 15*60*HZ; NONE and LAST 2*HZ.
  t.same(sctp_timeouts, {
    NONE: 2, INIT1: 4, INIT: 61, COOKIE_SENT: 61, COOKIE_REPLIED: 61, COOKIE_WAIT: 61, COOKIE: 61, COOKIE_ECHOED: 61,
    ESTABLISHED: 900, SHUTDOWN_SENT: 61, SHUTDOWN_RECEIVED: 61, SHUTDOWN_ACK_SENT: 61, REJECTED: 4, CLOSED: 61, LAST: 2,
  });
  t.equal(SCTP.timeouts, sctp_timeouts);
});

t.test('SCTP frame: the common header and an INIT chunk, IP protocol 132', async (t) => {
  t.same({ ipProto: SCTP.frame.ipProto, length: SCTP.frame.length }, { ipProto: 132, length: 32 });
  const out = Buffer.alloc(32);
  SCTP.frame.write(out, 0, { sport: 1000, dport: 80, seq: 0, pseudo: 0 });
  t.equal(out[12], 1, 'chunk type INIT');
  t.equal(out.readUInt32BE(16), 1, 'an initiate tag of 0 is sent as 1 (RFC 9260: never 0)');
});

t.test('SCTP in a scenario: no one-packet scheduling; IPv4 and IPv6', async (t) => {
  t.same(SCTP.constraints({ service: {} }), []);
  t.same(SCTP.constraints({ service: { family: 'ipv6' } }), [], 'the guest runs SCTP6 servers and clients');
  t.same(SCTP.constraints({ service: { ops: true, family: 'ipv6' } }).map((p) => p.key), ['service.ops']);
});

t.test('SCTP frame: CRC32c over the SCTP packet alone, so the pseudo-header sum (IPv4 or IPv6) changes no byte', async (t) => {
  // RFC 9260 6.8: no pseudo-header in SCTP's checksum; the same fields give the same 32 bytes over either family.
  const a = Buffer.alloc(32);
  const b = Buffer.alloc(32);
  SCTP.frame.write(a, 0, { sport: 1000, dport: 80, seq: 0x01020304, pseudo: 0 });
  SCTP.frame.write(b, 0, { sport: 1000, dport: 80, seq: 0x01020304, pseudo: 0x12bdf });
  t.not(a.readUInt32LE(8), 0, 'a checksum was written');
  t.same(b, a);
});

t.test("guest: the client's log gives the port socat connected from (-d -d), IPv4 and IPv6", async (t) => {
  // socat 1.7.4's notice, as _xioopen_connect() prints it for TCP and SCTP
  // alike (checked over TCP on the host, whose kernel has no SCTP).
  const v4 = '2026/12/03 19:31:28 socat[26348] N successfully connected from local address AF=2 10.1.1.2:34856\n';
  const v6 = '2026/12/03 08:11:45 socat[1] N successfully connected from local address AF=10 [fd00:0001:0001:0000:0000:0000:0000:0002]:51531\n';
  t.same(SCTP.guest.parseClientLog(v4), { port: 34856 });
  t.same(SCTP.guest.parseClientLog(v6), { port: 51531 });
  t.same(SCTP.guest.parseClientLog(''), {}, 'nothing logged: no port');
  t.same(SCTP.guest.client({ family: 'ipv4', vip: '10.0.0.100', port: 80 }).argv.slice(0, 5), ['timeout', '5', 'socat', '-d', '-d']);
});
