// Per protocol: when the flood is gone, and how the claims name it.
import t from 'tap';
import { floodGoneIndex, floodWords } from '../../src/claims/flood-words.ts';
import { measuredSeries } from '../../src/observe/measured.ts';
import { parseResults } from '../../src/record/results.ts';
import type { Measured } from '../../src/observe/measured.ts';
import type { Scenario } from '../../src/scenario/schema.ts';
import { parseScenario } from '../../src/scenario/load.ts';
import { readFileSync } from 'node:fs';

const sample = (t: number, syn: number, tpl: number, conns: number, fresh?: number) =>
  JSON.stringify({ type: 'sample', t, conns: syn ? { SYN_RECV: syn } : {}, templates: tpl ? { NONE: tpl } : {}, ...(fresh === undefined ? {} : { fresh }), stats: { conns: conns.toString(16) } });

const run = [
  JSON.stringify({ type: 'event', name: 'flood-start', t: 2.5 }),
  sample(2.0, 0, 0, 0, 0),
  sample(3.0, 40, 40, 0, 40),
  sample(4.0, 100, 100, 40, 60),
  JSON.stringify({ type: 'client', client: 1, t: 4.2, ok: true, rs: 'rs1' }),
  sample(5.1, 90, 101, 101, 0),
  JSON.stringify({ type: 'event', name: 'flood-end', t: 5.5 }),
  sample(6.0, 0, 30, 101, 0),
].join('\n');

t.test('TCP: the flood is gone at the first sample after its end with no SYN_RECV left', async (t) => {
  // Samples at 2, 3, 4, 5.1 and 6 s, flood-end at 5.5 s; SYN_RECV 90 at 5.1 s, 0 at 6 s: index 4.
  t.equal(floodGoneIndex(measuredSeries(parseResults(run))), 4);
  const held = { t: Float64Array.of(1, 2, 3), series: { synRecv: Int32Array.of(5, 5, 5) }, lastFloodT: 1 } as unknown as Measured;
  t.equal(floodGoneIndex(held, 'sctp'), -1, 'half-open connections to the end (INIT1 for SCTP): never');
});

t.test("UDP: the flood is gone when its last entry has been idle todrop_entry()'s 60 s", async (t) => {
  // Last flood packet at 10 s: the first sample at or after 70 s is index 7 (samples every 10 s from 0).
  const m = { t: Float64Array.from({ length: 10 }, (_, i) => 10 * i), series: {}, lastFloodT: 10 } as unknown as Measured;
  t.equal(floodGoneIndex(m, 'udp'), 7);
  t.equal(floodGoneIndex({ ...m, lastFloodT: 85 }, 'udp'), -1, 'the run ends first');
});

t.test("the flood's words by protocol", async (t) => {
  const s = (protocol: string, ops?: boolean) => ({ service: { protocol, forwarding: 'nat', ...(ops ? { ops } : {}) }, sysctl: {} }) as unknown as Scenario;
  t.same(floodWords(s('tcp')).life, { name: 'SYN_RECV', s: 60 }, 'tcp_timeouts[SYN_RECV]');
  t.equal(floodWords(s('tcp')).attack, 'a SYN flood');
  t.same(floodWords(s('sctp')).life, { name: 'INIT1', s: 4 }, 'sctp_timeouts[INIT1]: (0 + 3 + 1) s');
  t.equal(floodWords(s('udp')).attack, 'a UDP flood');
  t.equal(floodWords(s('udp', true)).attack, 'a UDP flood on a one-packet-scheduled service');
  t.match(floodWords(s('udp', true)).outlive, /the defense takes no template without the series/);
});

t.test("secure_tcp's flood: SYNACK 120 s over DR, SYN_RECV 60 s over NAT (tcp_states_dos)", async (t) => {
  const dr = parseScenario(readFileSync(new URL('../../fixtures/scenarios/secure-tcp-dr.yaml', import.meta.url), 'utf8'), 'secure-tcp-dr.yaml');
  t.same(floodWords(dr).life, { name: 'SYNACK', s: 120 }, 'INPUT-ONLY syn row: sNO -> sSA; tcp_timeouts[SYNACK]');
  // (31/32)^120 = 0.022.
  t.match(floodWords(dr).outlive, /~2% survive/);
  const nat = { ...dr, service: { ...dr.service, forwarding: 'nat' as const } };
  t.same(floodWords(nat).life, { name: 'SYN_RECV', s: 60 }, 'INPUT syn row: sNO -> sSR');
});
