// UDP in the one table simulator: hand-checkable cases (HZ=250; see
// test/model/sim.test.ts for TCP's and test/model/timer-wheel.test.ts for the rounding).
import t from 'tap';
import { UDP, UDP_ASSURED_AFTER_SYNC, UDP_NORMAL, UDP_NOT_ASSURED, udp_timeouts } from '../../src/protocols/udp.ts';
import { KEEP, TODROP } from '../../src/protocols/types.ts';
import { defaultParams, type Arrivals, type ModelParams } from '../../src/model/params.ts';
import { simulate } from '../../src/model/sim.ts';
import { wheelFireJiffy } from '../../src/model/timer-wheel.ts';

const HZ = 250;
const none = { clientTimes: new Float64Array(0), clientIds: new Int32Array(0), clientSrc: new Uint32Array(0) };
const oneDatagram: Arrivals = { flood: Float64Array.of(1), ...none };
const oneClient: Arrivals = { flood: new Float64Array(0), clientTimes: Float64Array.of(1), clientIds: Int32Array.of(1), clientSrc: Uint32Array.of(0x0a010102) };
const everyJiffy = (seconds: number) => Float64Array.from({ length: seconds * HZ + 1 }, (_, j) => j / HZ);
const params = (over: Partial<ModelParams>, variant: 'base' | 'patched' = 'patched'): ModelParams => ({ ...defaultParams(variant), protocol: 'udp', ...over });
function firstJiffy(series: Int32Array, v: number): number {
  for (let j = 1; j < series.length; j++) if (series[j] === v && series[j - 1] !== v) return j;
  return -1;
}

t.test('UDP as data: one state, udp_timeouts 300 s, todrop_entry() for every entry, no half-open state', async (t) => {
  t.same({ state: UDP.flood.state, inPkts: UDP.flood.inPkts, timeout: UDP.flood.timeoutS }, { state: UDP_NORMAL, inPkts: 1, timeout: 300 });
  t.same(UDP.client.both, { state: UDP_NORMAL, inPkts: 1, timeoutS: 300, assures: true, assuredAfterSync: UDP_ASSURED_AFTER_SYNC }, 'NAT: the reply (OUTPUT) assures the template, after the request synced it');
  t.match(UDP_ASSURED_AFTER_SYNC, /handle_response\(\), which syncs nothing/);
  // udp_state_transition(): ip_vs_control_assure_ct() only if direction == IP_VS_DIR_OUTPUT (udp.c:429).
  t.same(UDP.client['input-only'], { state: UDP_NORMAL, inPkts: 1, timeoutS: 300, assures: false, notAssured: UDP_NOT_ASSURED }, 'DR/TUN: no reply through the director, no assurance');
  t.match(UDP_NOT_ASSURED, /udp_state_transition\(\) \(net\/netfilter\/ipvs\/ip_vs_proto_udp\.c:429\)/, 'the kernel function and its line');
  t.equal(UDP.unansweredMakesEntry, true);
  t.equal(UDP.dropRule[UDP_NORMAL], TODROP);
  t.equal(UDP.dropRule[0], KEEP);
});

t.test('no drops: a datagram lives udp_timeouts (300 s), its template the persistence, then expire_later', async (t) => {
  const o = simulate({ params: params({ dropEntry: 0 }), arrivals: oneDatagram, sampleTimes: everyJiffy(440), seed: 1 });
  t.equal(firstJiffy(o.series.conns, 1), 250);
  t.equal(o.series.synRecv.reduce((a, b) => Math.max(a, b), 0), 0, 'nothing half-open');
  // 75000 jiffies ahead is the wheel's level 4 (granularity 4096): 75250 fires at 77824.
  const connGone = wheelFireJiffy(250 + 300 * HZ, 250);
  t.equal(connGone, 77824);
  t.equal(firstJiffy(o.series.conns, 0), connGone, 'the connection at 250 + 75000, rounded by the wheel');
  // The template (persistence 300 s) is in the same bucket; the connection,
  // armed after it, fires first (newest first), so the template finds
  // n_control 0 and goes in the same jiffy.
  t.equal(firstJiffy(o.series.templates, 0), connGone, 'both in the same jiffy, the connection first');
});

t.test('drop_entry 3: not before 60 s idle; then dropped at a scan; patched takes the template at once, base 60 s later', async (t) => {
  for (let seed = 1; seed <= 20; seed++) {
    const p = simulate({ params: params({ tabBits: 8 }), arrivals: oneDatagram, sampleTimes: everyJiffy(200), seed });
    const gone = firstJiffy(p.series.conns, 0);
    t.ok(gone >= 250 + 60 * HZ, `patched seed ${seed}: kept while idle under 60 s (dropped at ${gone})`);
    t.equal(firstJiffy(p.series.templates, 0), gone, 'its non-assured template goes with it');
    const b = simulate({ params: params({ tabBits: 8 }, 'base'), arrivals: oneDatagram, sampleTimes: everyJiffy(260), seed });
    const bGone = firstJiffy(b.series.conns, 0);
    t.ok(bGone >= 250 + 60 * HZ, `base seed ${seed}: kept while idle under 60 s (dropped at ${bGone})`);
    // expire_now on both; the template fires first, still controlling: +60 s (expire_later), rounded.
    t.equal(firstJiffy(b.series.templates, 0), wheelFireJiffy(bGone + 60 * HZ, bGone), 'base: the template 60 s after its connection');
  }
});

t.test("a client's answered request: ASSURED (patched), and the template outlives the dropped connection; base's does not", async (t) => {
  const p = simulate({ params: params({ tabBits: 8 }), arrivals: oneClient, sampleTimes: everyJiffy(290), seed: 5 });
  t.equal(p.series.assured[2 * HZ], 1, 'the answer assures it');
  const gone = firstJiffy(p.series.conns, 0);
  t.ok(gone > 250 + 60 * HZ && gone < 200 * HZ, `the idle connection is dropped (${gone})`);
  t.equal(p.series.templates[290 * HZ], 1, 'the ASSURED template stays to its persistence');
  const b = simulate({ params: params({ tabBits: 8 }, 'base'), arrivals: oneClient, sampleTimes: everyJiffy(290), seed: 5 });
  t.equal(b.series.assured[2 * HZ], 0, 'base has no assured state');
  t.equal(b.series.templates[290 * HZ], 0, "base's template goes 60 s after its dropped connection");
});

t.test("DR/TUN (input-only): the client's template is never ASSURED and goes with its dropped connection (patched), as a flood datagram's", async (t) => {
  // udp_state_transition() assures only on IP_VS_DIR_OUTPUT, which the
  // director never sees: the same run as the NAT case above, seed 5, but the
  // template stays unassured, so ip_vs_conn_expire() takes it ("Drop CTL or
  // non-assured TPL") in the jiffy its dropped connection goes.
  const p = simulate({ params: params({ tabBits: 8, stateTable: 'input-only' }), arrivals: oneClient, sampleTimes: everyJiffy(290), seed: 5 });
  t.equal(Math.max(...p.series.assured), 0, 'never assured');
  t.equal(p.series.clientTemplates[2 * HZ], 1, "the client's template");
  const gone = firstJiffy(p.series.conns, 0);
  t.ok(gone > 250 + 60 * HZ && gone < 200 * HZ, `the idle connection is dropped (${gone})`);
  t.equal(firstJiffy(p.series.templates, 0), gone, 'its template with it');
  const nat = simulate({ params: params({ tabBits: 8 }), arrivals: oneClient, sampleTimes: everyJiffy(290), seed: 5 });
  t.equal(firstJiffy(nat.series.conns, 0), gone, "NAT's connection is dropped in the same jiffy (the same draws)");
  t.equal(nat.series.templates[290 * HZ], 1, "NAT's ASSURED template stays");
});

t.test('one-packet scheduling: no entry for the datagram, its packet counted on the template, which todrop_entry() judges (patched)', async (t) => {
  const ops = (over: Partial<ModelParams>, v: 'base' | 'patched' = 'patched') => params({ ops: true, tabBits: 8, ...over }, v);
  // (256 buckets, 8 draws a scan: a lone template is picked within 140 s of scans in ~99% of seeds.)
  let dropped = 0;
  for (let seed = 1; seed <= 10; seed++) {
    const p = simulate({ params: ops({}), arrivals: oneDatagram, sampleTimes: everyJiffy(200), seed });
    t.equal(Math.max(...p.series.conns), 0, 'never an entry for the datagram');
    t.equal(p.series.templates[2 * HZ], 1, 'its template');
    const gone = firstJiffy(p.series.templates, 0);
    if (gone > 0) {
      t.ok(gone >= 250 + 60 * HZ, `patched seed ${seed}: in_pkts 1, dropped once idle 60 s (${gone})`);
      dropped++;
    }
    const b = simulate({ params: ops({}, 'base'), arrivals: oneDatagram, sampleTimes: everyJiffy(200), seed });
    t.equal(b.series.templates[200 * HZ], 1, "base: templates are never the scan's");
  }
  t.ok(dropped >= 8, `patched: ${dropped} of 10 seeds dropped it within 200 s`);
  // Nine datagrams from one source (a second apart): in_pkts 9, outside todrop_rate[]: kept to its timeout.
  const nine: Arrivals = { flood: Float64Array.from({ length: 9 }, (_, i) => 1 + i), floodSrc: new Uint32Array(9).fill(0xc6336401), ...none };
  const n = simulate({ params: ops({}), arrivals: nine, sampleTimes: everyJiffy(250), seed: 2 });
  t.equal(n.series.templates[250 * HZ], 1, 'in_pkts 9: never dropped by the scans');
});

t.test('udp_timeouts: the kernel table (ip_vs_proto_udp.c, linux 6.1), seconds', async (t) => {
  // udp_timeouts[]: NORMAL 5*60*HZ, LAST 2*HZ.
  t.same(udp_timeouts, { NORMAL: 300, LAST: 2 });
  t.equal(UDP.timeouts, udp_timeouts);
});

t.test('UDP frame: header and a 12-byte payload, IP protocol 17', async (t) => {
  t.same({ ipProto: UDP.frame.ipProto, length: UDP.frame.length }, { ipProto: 17, length: 20 });
  const out = Buffer.alloc(20);
  UDP.frame.write(out, 0, { sport: 1000, dport: 53, seq: 0, pseudo: 0 });
  t.same([out.readUInt16BE(0), out.readUInt16BE(2), out.readUInt16BE(4)], [1000, 53, 20], 'ports and the length');
  t.equal(out.subarray(8).toString(), 'ipvs-verify\n');
});

t.test('UDP frame: a computed checksum of 0 goes as 0xffff (RFC 768; over IPv6 a 0 would be dropped, RFC 8200 8.1)', async (t) => {
  // By hand: the payload "ipvs-verify\n" is the words 6970 7673 2d76 6572 6966
  // 790a (0xdfe3, 0x10d59, 0x172cb, 0x1dc31, 0x2553b running), summing to
  // 0x2553b; with ports 0 and the length 0x14, 0x2554f, which folds to
  // 0x554f + 2 = 0x5551. A pseudo-header sum of 0xffff - 0x5551 = 0xaaae makes
  // the whole sum 0xffff, whose complement is 0.
  const out = Buffer.alloc(20);
  UDP.frame.write(out, 0, { sport: 0, dport: 0, seq: 0, pseudo: 0xaaae });
  t.equal(out.readUInt16BE(6), 0xffff, 'sent as all ones');
  UDP.frame.write(out, 0, { sport: 0, dport: 0, seq: 0, pseudo: 0xaaad });
  t.equal(out.readUInt16BE(6), 0x0001, 'one less in the sum: the complement of 0xfffe');
});

t.test('UDP in a scenario: one-packet scheduling allowed; IPv4 and IPv6', async (t) => {
  t.same(UDP.constraints({ service: { ops: true } }), []);
  t.same(UDP.constraints({ service: { family: 'ipv6' } }), [], 'the guest runs UDP6 servers and clients');
});

t.test("guest: the server over IPv6 takes datagrams from the clients' networks alone (socat range), IPv4's has none (rp_filter)", async (t) => {
  // CLIENT_NETS.ipv6 is fd00:1::/32; socat writes an IPv6 range as [ADDR]/BITS.
  const v6 = UDP.guest.server({ family: 'ipv6', port: 80, www: '/w' });
  t.same(v6.argv, ['socat', 'UDP6-RECVFROM:80,range=[fd00:1::]/32,fork', 'SYSTEM:read -r request; exec cat /w/id8']);
  const dr6 = UDP.guest.server({ family: 'ipv6', port: 53, bind: 'fd00::100', www: '/w' });
  t.equal(dr6.argv[1], 'UDP6-RECVFROM:53,bind=[fd00::100],range=[fd00:1::]/32,fork', 'bound to the VIP under DR');
  t.same(UDP.guest.server({ family: 'ipv4', port: 80, www: '/w' }).argv, ['socat', 'UDP4-RECVFROM:80,fork', 'SYSTEM:read -r request; exec cat /w/id8'], 'IPv4 unchanged');
  t.same(UDP.guest.client({ family: 'ipv6', vip: 'fd00::100', port: 53 }).argv.at(-1), 'UDP6:[fd00::100]:53,readbytes=8');
  t.same(UDP.guest.serverSysctls, [{ key: 'net.ipv4.conf.all.rp_filter', value: 1 }], "IPv4's filter, harmless in an IPv6 guest (IPv4 is there, unused)");
});

t.test('guest: the client log read on the host, as agent.sh udp_sent() read it (and IPv6 too)', async (t) => {
  // socat 1.7.4's -d -d notices, copied from a run of the guest's client on the host.
  const log = [
    '2026/12/03 08:13:05 socat[364] N reading from and writing to stdio',
    '2026/12/03 08:13:05 socat[364] N opening connection to AF=2 10.0.0.100:53',
    '2026/12/03 08:13:05 socat[364] N successfully connected from local address AF=2 10.1.1.2:55933',
    '2026/12/03 08:13:05 socat[364] N starting data transfer loop with FDs [0,1] and [5,5]',
  ].join('\n');
  t.same(UDP.guest.parseClientLog(log), { sent: true, port: 55933 });
  t.same(UDP.guest.parseClientLog(log.split('\n').slice(0, 3).join('\n')), { sent: false, port: 55933 }, 'connected, not sent');
  t.same(UDP.guest.parseClientLog(''), { sent: false }, 'nothing logged: not sent, no port');
  const v6 = '2026/12/03 08:11:45 socat[1] N successfully connected from local address AF=10 [fd00:0001:0001:0000:0000:0000:0000:0002]:51531\n';
  t.same(UDP.guest.parseClientLog(v6), { sent: false, port: 51531 });
});
