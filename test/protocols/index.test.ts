// The registry is the one place a protocol is added: a fake fourth protocol,
// UDP-Lite-like, registered here by replacing src/protocols/index.ts's registry
// (tap's mockImport) with the three real lines and one more, reaches the
// scenario schema and checks, the flood's pcap and the table simulator with no
// other change. Its values are chosen to differ from UDP's, so that each
// expectation shows the fake's data in use (derived by hand below).
import t from 'tap';
import { readFileSync } from 'node:fs';
import { PROTOCOLS } from '../../src/protocols/index.ts';
import { UDP } from '../../src/protocols/udp.ts';
import type { ProtoModel, SegmentFields } from '../../src/protocols/types.ts';
import { defaultParams, type Arrivals, type ModelParams } from '../../src/model/params.ts';
import { wheelFireJiffy } from '../../src/model/timer-wheel.ts';
import { floodPlan } from '../../src/flood/plan.ts';

const HZ = 250;
/** IPPROTO_UDPLITE. */
const UDPLITE = 136;
const FAKE: ProtoModel = {
  ...UDP,
  name: 'udplite',
  // 7 s, not UDP's 300: a flood entry's life shows which table the simulator read.
  flood: { ...UDP.flood, timeoutS: 7 },
  timeouts: { NORMAL: 7 },
  // An 8-byte segment: the ports, then 0xfeed and a zero checksum field.
  frame: {
    ipProto: UDPLITE,
    length: 8,
    write: (out: Buffer, h: number, f: SegmentFields) => {
      out.writeUInt16BE(f.sport, h);
      out.writeUInt16BE(f.dport, h + 2);
      out.writeUInt16BE(0xfeed, h + 4);
    },
  },
  constraints: (s) => (s.service.ops ? [{ key: 'service.ops', message: 'service.ops: udplite has no one-packet scheduling here' }] : []),
};
const registry = { ...PROTOCOLS, udplite: FAKE };
const mocks = { '../../src/protocols/index.ts': { PROTOCOLS: registry } };
// (`'udplite' as 'udp'` below: the Protocol type is the real registry's keys, which do not list the fake.)

t.test('the real registry: tcp, udp, sctp, in the order the schema lists them', async (t) => {
  t.same(Object.keys(PROTOCOLS), ['tcp', 'udp', 'sctp']);
  t.same(Object.values(PROTOCOLS).map((p) => p.name), ['tcp', 'udp', 'sctp'], "each module's name is its key");
});

t.test('scenario: the schema takes the fake name, and its constraints are the checks', async (t) => {
  const { parseScenario } = await t.mockImport<typeof import('../../src/scenario/load.ts')>('../../src/scenario/load.ts', mocks);
  const udp = readFileSync(new URL('../../fixtures/scenarios/udp.yaml', import.meta.url), 'utf8');
  const lite = udp.replace('protocol: udp', 'protocol: udplite');
  t.equal(parseScenario(lite, 'lite.yaml').service.protocol, 'udplite', 'a registry key is a valid service.protocol');
  t.throws(() => parseScenario(lite.replace('  port: 53\n', '  ops: true\n  port: 53\n'), 'lite.yaml'), /service\.ops: udplite has no one-packet scheduling here/, "the fake's own constraint");
  t.throws(() => parseScenario(udp.replace('protocol: udp', 'protocol: dccp'), 'x.yaml'), /"service\.protocol" must be one of tcp, udp, sctp, udplite/, 'the names listed are the registry keys');
});

t.test("pcap: the fake's segment in IPv4 frames, its IP protocol number", async (t) => {
  const { floodPcap, frameLength } = await t.mockImport<typeof import('../../src/flood/pcap.ts')>('../../src/flood/pcap.ts', mocks);
  const plan = floodPlan({ rate: 100, count: 3, seed: 4, sources: 'uniform' });
  const buf = floodPcap(plan, { srcMac: '02:00:00:00:00:01', dstMac: '02:00:00:00:00:02', dst: 0x0a000064, dport: 9 }, 'udplite' as 'udp');
  // Ethernet 14 + IPv4 20 + the fake's 8 bytes; 24 bytes of file header, 16 a record.
  t.equal(frameLength('udplite' as 'udp'), 42);
  t.equal(buf.length, 24 + 3 * (16 + 42));
  for (let i = 0, o = 24 + 16; i < 3; i++, o += 16 + 42) {
    t.equal(buf[o + 14 + 9], UDPLITE, `packet ${i}: IPv4 protocol 136`);
    t.equal(buf.readUInt16BE(o + 14 + 2), 28, 'IPv4 total length: 20 + 8');
    t.equal(buf.readUInt16BE(o + 34), plan.sport[i], 'the planned source port');
    t.equal(buf.readUInt16BE(o + 36), 9);
    t.equal(buf.readUInt16BE(o + 38), 0xfeed, "the fake's own bytes");
  }
});

t.test("simulator: a flood entry lives the fake's 7 s, not UDP's 300 s", async (t) => {
  const { simulate } = await t.mockImport<typeof import('../../src/model/sim.ts')>('../../src/model/sim.ts', mocks);
  const params: ModelParams = { ...defaultParams('patched'), protocol: 'udplite' as 'udp', dropEntry: 0 };
  const arrivals: Arrivals = { flood: Float64Array.of(1), clientTimes: new Float64Array(0), clientIds: new Int32Array(0), clientSrc: new Uint32Array(0) };
  const sampleTimes = Float64Array.from({ length: 20 * HZ }, (_, j) => j / HZ);
  const o = simulate({ params, arrivals, sampleTimes, seed: 1 });
  // Arrival at jiffy 250; 7 s = 1750 jiffies later, rounded by the wheel.
  const gone = wheelFireJiffy(250 + 7 * HZ, 250);
  t.ok(gone >= 2000 && gone < 2100, `the wheel rounds 2000 up a little (${gone})`);
  t.equal(o.series.conns[250], 1, 'the datagram made its entry');
  t.equal(o.series.conns[gone - 1], 1, 'kept until its timer fires');
  t.equal(o.series.conns[gone], 0, 'gone when the fake says');
  t.equal(o.series.templates[gone], 1, 'its template stays (persistence 300 s)');
});
