// What a flood packet leaves under the method's state table and the director's
// knobs, and the simulator running it. Expectations by hand from linux 6.1's
// ip_vs_ctl.c update_defense_level() (secure_tcp's case) and ip_vs_proto_tcp.c's
// tables (rows quoted in test/protocols/tcp.test.ts), HZ=250.
import t from 'tap';
import { floodStates, halfOpenName, knobsOf, secureTcpOn } from '../../src/model/flood-states.ts';
import { simulate } from '../../src/model/sim.ts';
import { defaultParams, type Arrivals, type ModelParams } from '../../src/model/params.ts';
import { wheelFireJiffy } from '../../src/model/timer-wheel.ts';
import { SYN_RECV, SYNACK } from '../../src/protocols/tcp.ts';
import { SCTP } from '../../src/protocols/sctp.ts';
import { UDP } from '../../src/protocols/udp.ts';

const HZ = 250;
const params = (over: Partial<ModelParams>, variant: 'base' | 'patched' = 'patched'): ModelParams => ({ ...defaultParams(variant), ...over });

t.test('secureTcpOn: update_defense_level(), case by case', async (t) => {
  // 0: never; 1 and 2: only while free memory is below amemthresh; 3: always.
  const on = (v: 0 | 1 | 2 | 3, memoryLow: boolean) => secureTcpOn({ secureTcp: v, memoryLow });
  t.same([on(0, false), on(1, false), on(2, false), on(3, false)], [false, false, false, true]);
  t.same([on(0, true), on(1, true), on(2, true), on(3, true)], [false, true, true, true]);
  t.equal(secureTcpOn({ memoryLow: true }), false, 'absent: the kernel default 0');
  t.same(knobsOf({ ...defaultParams('base'), secureTcp: 3, sloppyTcp: true }), { secureTcp: true, sloppyTcp: true, sloppySctp: false });
});

t.test('TCP flood: SYNACK 120 s only under secure_tcp with the INPUT-ONLY rows', async (t) => {
  const tcp = (stateTable: 'both' | 'input-only', over: Partial<ModelParams> = {}) => floodStates({ ...defaultParams('base'), protocol: 'tcp', stateTable, ...over });
  const synRecv = { flood: { state: SYN_RECV, inPkts: 1, timeoutS: 60 }, embryonic: SYN_RECV, embryonicName: 'SYN_RECV' };
  const synAck = { flood: { state: SYNACK, inPkts: 1, timeoutS: 120 }, embryonic: SYNACK, embryonicName: 'SYNACK' };
  // tcp_states_dos, INPUT-ONLY syn row, column sNO: sSA; tcp_timeouts[SYNACK] = 120*HZ.
  t.same(tcp('input-only', { secureTcp: 3 }), synAck, 'DR/TUN, secure_tcp 3');
  t.same(tcp('input-only', { secureTcp: 1, memoryLow: true }), synAck, 'DR/TUN, secure_tcp 1 with memory low');
  t.same(tcp('input-only', { secureTcp: 1 }), synRecv, 'DR/TUN, secure_tcp 1 with memory enough: tcp_states');
  // tcp_states_dos, INPUT syn row, column sNO: sSR; the SYN+ACK that would move it never passes the director.
  t.same(tcp('both', { secureTcp: 3 }), synRecv, 'NAT, secure_tcp 3: SYN_RECV as without it');
  t.same(tcp('input-only'), synRecv, 'DR/TUN without knobs');
  t.same(tcp('input-only', { sloppyTcp: true }), synRecv, 'sloppy_tcp changes no flood SYN (tcp_conn_schedule() schedules SYNs either way)');
});

t.test('SCTP and UDP floods: no knob changes them', async (t) => {
  for (const stateTable of ['both', 'input-only'] as const) {
    const sctp = floodStates({ ...defaultParams('base'), protocol: 'sctp', stateTable, secureTcp: 3, sloppySctp: true });
    t.same(sctp, { flood: SCTP.flood, embryonic: SCTP.embryonic, embryonicName: 'INIT1' }, `sctp ${stateTable}`);
    const udp = floodStates({ ...defaultParams('base'), protocol: 'udp', stateTable, secureTcp: 3 });
    t.same(udp, { flood: UDP.flood, embryonic: -1, embryonicName: '' }, `udp ${stateTable}`);
  }
});

t.test("halfOpenName: the state the synRecv series counts, as model's column header", async (t) => {
  // As the cases above: SYNACK only for TCP under secure_tcp on with the INPUT-ONLY rows (DR, TUN).
  const name = (over: Partial<ModelParams>) => halfOpenName({ ...defaultParams('base'), ...over });
  t.equal(name({ protocol: 'tcp', stateTable: 'both' }), 'SYN_RECV', 'TCP over NAT');
  t.equal(name({ protocol: 'tcp', stateTable: 'both', secureTcp: 3 }), 'SYN_RECV', 'NAT, secure_tcp 3: the INPUT syn row is tcp_states\' (sNO -> sSR)');
  t.equal(name({ protocol: 'tcp', stateTable: 'input-only' }), 'SYN_RECV', 'DR/TUN without secure_tcp');
  t.equal(name({ protocol: 'tcp', stateTable: 'input-only', secureTcp: 3 }), 'SYNACK', 'DR/TUN, secure_tcp 3: tcp_states_dos (sNO -> sSA)');
  t.equal(name({ protocol: 'tcp', stateTable: 'input-only', secureTcp: 1 }), 'SYN_RECV', 'DR/TUN, secure_tcp 1 with memory enough');
  t.equal(name({ protocol: 'sctp', stateTable: 'input-only', secureTcp: 3 }), 'INIT1');
  t.equal(name({ protocol: 'udp', stateTable: 'both' }), 'half-open (none)', 'UDP has no half-open state: the series counts nothing');
});

const oneSyn: Arrivals = { flood: Float64Array.of(1), clientTimes: new Float64Array(0), clientIds: new Int32Array(0), clientSrc: new Uint32Array(0) };
const everyJiffy = (seconds: number) => Float64Array.from({ length: seconds * HZ + 1 }, (_, j) => j / HZ);
function firstJiffy(series: Int32Array, v: number): number {
  for (let j = 1; j < series.length; j++) if (series[j] === v && series[j - 1] !== v) return j;
  return -1;
}

t.test('simulated, without scans: the SYN lives 120 s in SYNACK under DR, 60 s in SYN_RECV under NAT', async (t) => {
  // DR: 250 + 120*250 = 30250, 30000 jiffies ahead: wheel level 3 (granularity 512), fires at 60*512 = 30720.
  t.equal(wheelFireJiffy(30250, 250), 30720);
  const dr = simulate({ params: params({ dropEntry: 0, stateTable: 'input-only', secureTcp: 3 }), arrivals: oneSyn, sampleTimes: everyJiffy(130), seed: 1 });
  t.equal(firstJiffy(dr.series.synRecv, 1), 250, 'the synRecv series counts the SYNACK entry from 1 s');
  t.equal(firstJiffy(dr.series.synRecv, 0), 30720);
  t.equal(firstJiffy(dr.series.conns, 0), 30720);
  // NAT: 250 + 60*250 = 15250 fires at 30*512 = 15360 (as without secure_tcp, test/model/sim.test.ts).
  const nat = simulate({ params: params({ dropEntry: 0, stateTable: 'both', secureTcp: 3 }), arrivals: oneSyn, sampleTimes: everyJiffy(70), seed: 1 });
  t.equal(firstJiffy(nat.series.synRecv, 0), 15360);
});

t.test('simulated, with scans: a SYNACK entry is dropped always (ip_vs_random_dropentry())', async (t) => {
  // Each second a scan sees a given entry with probability 1 - (1 - 2^-12)^128 = 3.1%: over
  // 120 s, (1 - 0.031)^120 = 2.3% survive, so nearly all 30 seeds drop it before 30720.
  const drops = Array.from({ length: 30 }, (_, i) => i + 1).map(
    (seed) => firstJiffy(simulate({ params: params({ stateTable: 'input-only', secureTcp: 3 }), arrivals: oneSyn, sampleTimes: everyJiffy(125), seed }).series.conns, 0),
  );
  t.equal(drops.length, 30);
  const early = drops.filter((j) => j > 250 && j < 30720);
  t.ok(early.length >= 25, `dropped before its timeout in ${early.length} of 30`);
});
