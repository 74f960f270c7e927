import t from 'tap';
import { readFileSync } from 'node:fs';
import { arrivalsAlong, arrivalsFromRun, floodProgress } from '../../src/observe/arrivals.ts';
import { parseResults } from '../../src/record/results.ts';
import { parseScenario } from '../../src/scenario/load.ts';
import { defaultParams } from '../../src/model/params.ts';
import { simulate } from '../../src/model/sim.ts';
import { floodPlan } from '../../src/flood/plan.ts';
import { floodSpecOf, type Scenario } from '../../src/scenario/schema.ts';
import { VerifyError, exitCodeFor, EXIT } from '../../src/errors.ts';
import { FORWARDING } from '../../src/forwarding/index.ts';

const loadScenarioSync = () => {
  const path = new URL('../../fixtures/scenarios/smoke.yaml', import.meta.url).pathname;
  return parseScenario(readFileSync(path, 'utf8'), path);
};

t.test("a replay's progress counts: arrivals follow the curve, not the sampler", async (t) => {
  // tcpreplay fell behind after its first second: 200, then 100 a second.
  const lines = [
    { type: 'event', name: 'flood-start', t: 9.8, generator: 'pcap' },
    { type: 'event', name: 'flood-progress', t: 11.1, sent: 200, elapsed: 1.0 },
    { type: 'event', name: 'flood-progress', t: 12.1, sent: 300, elapsed: 2.0 },
    { type: 'event', name: 'flood-progress', t: 13.1, sent: 400, elapsed: 3.0 },
    { type: 'event', name: 'flood-end', t: 13.2, sent: 400 },
  ].map((x) => JSON.stringify(x));
  const curve = floodProgress(parseResults(lines.join('\n')));
  t.same(curve, [{ t: 10.1, sent: 0 }, { t: 11.1, sent: 200 }, { t: 12.1, sent: 300 }, { t: 13.1, sent: 400 }], 'begins its own elapsed second before its first count');
  const a = arrivalsAlong(curve, 400, 10);
  t.equal(a.length, 400);
  const inWindow = (lo: number, hi: number) => [...a].filter((x) => x > lo && x <= hi).length;
  t.equal(inWindow(0.1 - 1e-9, 1.1), 200, '200 in the first second of the replay');
  t.equal(inWindow(1.1, 2.1), 100);
  t.equal(inWindow(2.1, 3.1), 100);
  t.ok(Math.abs(a[0]! - (0.1 + 0.5 / 200)) < 1e-9, 'evenly along each segment');
  t.ok([...a].every((x, i) => i === 0 || x >= a[i - 1]!), 'in order');
});

t.test("clients' requests: the answered ones; for UDP the unanswered too, as entries that assure nothing", async (t) => {
  const smoke = loadScenarioSync();
  const lines = [
    { type: 'sample', t: 5, conns: {}, templates: {}, stats: {} },
    { type: 'client', client: 1, t: 6, done: 6.2, ok: true, rs: 'rs1' },
    { type: 'client', client: 2, t: 7, done: 12, ok: false, error: 'timeout' },
    { type: 'client', client: 1, t: 11, done: 11.3, ok: true, rs: 'rs1' },
    // socat never reached its transfer loop: no datagram, no entry.
    { type: 'client', client: 2, t: 13, done: 18, ok: false, error: '', sent: false },
    { type: 'client', client: 2, t: 19, done: 23, ok: false, error: '', sent: true, port: 40000 },
    // The same client's port again: given with its key, the model's to say whether the earlier entry takes it.
    { type: 'client', client: 2, t: 25, done: 25.1, ok: true, rs: 'rs2', sent: true, port: 40000 },
    { type: 'client', client: 1, t: 26, done: 26.1, ok: true, rs: 'rs1', sent: true, port: 40000 },
    { type: 'sample', t: 6, conns: {}, templates: {}, stats: {} },
  ].map((x) => JSON.stringify(x));
  const run = parseResults(lines.join('\n'));
  const tcp = arrivalsFromRun(run, smoke);
  t.same([...tcp.arrivals.clientTimes], [2, 7, 21, 22], 'TCP: the answered requests (a failed wget may have made nothing)');
  t.equal(tcp.arrivals.clientAnswered, undefined);
  const udp = arrivalsFromRun(run, { ...smoke, service: { ...smoke.service, protocol: 'udp' } });
  t.same([...udp.arrivals.clientTimes], [2, 3, 7, 15, 21, 22], 'UDP: every request sent, answered or not; not the one never sent');
  t.same([...udp.arrivals.clientAnswered!], [1, 0, 1, 0, 1, 1]);
  // Keys by hand: client * 65536 + port; -1 where the log gave none.
  t.same([...udp.arrivals.clientConn!], [-1, -1, -1, 2 * 65536 + 40000, 2 * 65536 + 40000, 1 * 65536 + 40000], 'each request keyed by client and port: two of client 2 share one');
  t.same([...tcp.arrivals.clientConn!], [-1, -1, 2 * 65536 + 40000, 1 * 65536 + 40000], 'TCP: the answered ones, keyed where the record has a port (wget logs none)');
  // In the table: an unanswered client's entry is there, its template not ASSURED.
  const params = { ...defaultParams('patched'), protocol: 'udp' as const, dropEntry: 0 as const };
  const only = (answered: number) => ({ flood: new Float64Array(0), clientTimes: Float64Array.of(1), clientIds: Int32Array.of(1), clientSrc: Uint32Array.of(0x0a010102), clientAnswered: Uint8Array.of(answered) });
  const run0 = simulate({ params, arrivals: only(0), sampleTimes: Float64Array.of(2), seed: 1 });
  const run1 = simulate({ params, arrivals: only(1), sampleTimes: Float64Array.of(2), seed: 1 });
  t.same([run0.series.conns[0], run0.series.templates[0], run0.series.assured[0]], [1, 1, 0], 'unanswered: an entry, a template, not ASSURED');
  t.same([run1.series.conns[0], run1.series.templates[0], run1.series.assured[0]], [1, 1, 1], 'answered: ASSURED');
});

// A small run record: flood 2.5..5.5 s, one client at 4.2 s.
const sampleLine = (t: number, syn: number, tpl: number, conns: number, fresh?: number) =>
  JSON.stringify({ type: 'sample', t, conns: syn ? { SYN_RECV: syn } : {}, templates: tpl ? { NONE: tpl } : {}, ...(fresh === undefined ? {} : { fresh }), stats: { conns: conns.toString(16) } });

const run = [
  JSON.stringify({ type: 'event', name: 'flood-start', t: 2.5 }),
  sampleLine(2.0, 0, 0, 0, 0),
  sampleLine(3.0, 40, 40, 0, 40),
  sampleLine(4.0, 100, 100, 40, 60),
  JSON.stringify({ type: 'client', client: 1, t: 4.2, ok: true, rs: 'rs1' }),
  sampleLine(5.1, 90, 101, 101, 0),
  JSON.stringify({ type: 'event', name: 'flood-end', t: 5.5 }),
  sampleLine(6.0, 0, 30, 101, 0),
].join('\n');

t.test('arrivals from a run follow the fresh SYN_RECV counts', async (t) => {
  const a = arrivalsFromRun(parseResults(run));
  t.equal(a.origin, 1);
  t.equal(a.arrivals.flood.length, 100);
  const inFirst = [...a.arrivals.flood].filter((x) => x > 1 && x <= 2).length; // guest 2..3
  t.equal(inFirst, 40, '40 of 100 in the interval where 40 fresh ones were seen');
  t.same([...a.arrivals.clientTimes].map((x) => Number(x.toFixed(2))), [3.2]);
  t.same([...a.sampleTimes], [1, 2, 3, 4.1, 5]);
});

t.test('without fresh counts the flood is spread over the hping3 run', async (t) => {
  const old = run.replace(/,"fresh":\d+/g, '');
  const a = arrivalsFromRun(parseResults(old));
  const f = [...a.arrivals.flood];
  t.ok(f[0]! > 1.5 - 0.1 && f.at(-1)! < 4.5 + 0.01, 'between flood-start and flood-end (model time)');
});

t.test("a replayed packet plan: the flood counted by what was sent, from the plan's sources in order", async (t) => {
  const pcapRun = run
    .replace('"name":"flood-start","t":2.5}', '"name":"flood-start","t":2.5,"generator":"pcap"}')
    .replace('"name":"flood-end","t":5.5}', '"name":"flood-end","t":5.5,"sent":97}');
  const s = { service: {}, flood: { rate: 200, count: 120, start: 1, seed: 4, sources: { pool: 30 } } } as unknown as Scenario;
  const a = arrivalsFromRun(parseResults(pcapRun), s);
  t.equal(a.arrivals.flood.length, 97, 'the counter said 100, the replay sent 97');
  t.same([...a.arrivals.floodSrc!], [...floodPlan(floodSpecOf(s)).src.subarray(0, 97)]);
  t.same([...a.arrivals.clientSrc], [0x0a010102], 'client 1 is 10.1.1.2');
  t.equal(arrivalsFromRun(parseResults(run), s).arrivals.floodSrc, undefined, "hping3's records: sources unknown");
});

t.test("a run with fewer than two samples is the kernel run's fault (exit 125), not a harness bug", async (t) => {
  // One sample line only (the guest stopped early): nothing to drive the model with.
  const one = parseResults(JSON.stringify({ type: 'sample', t: 5, conns: 0, templates: 0 }) + '\n');
  let caught: unknown;
  try {
    arrivalsFromRun(one, loadScenarioSync());
  } catch (e) {
    caught = e;
  }
  t.ok(caught instanceof VerifyError, 'a VerifyError');
  t.equal((caught as VerifyError).kind, 'kernel');
  t.equal(exitCodeFor(caught), EXIT.skip);
  t.match((caught as Error).message, /at least two samples/);
});

t.test("paramsFor: the model's state table is the forwarding method's for the protocol (a fake input-only method, as DR's)", async (t) => {
  // A fake method registered by replacing the registry (as test/forwarding/index.test.ts does):
  // NAT's in all but its state table, 'input-only', so a read of it shows against NAT's 'both'.
  const fake = { ...FORWARDING.nat, name: 'fake', stateTable: 'input-only' as const };
  const registry = { ...FORWARDING, fake };
  const mocks = { '../../src/forwarding/index.ts': { FORWARDING: registry, forwardingOf: (s: { service: { forwarding: string } }) => registry[s.service.forwarding as 'nat'] } };
  const { paramsFor } = await t.mockImport<typeof import('../../src/observe/arrivals.ts')>('../../src/observe/arrivals.ts', mocks);
  const smoke = loadScenarioSync();
  const over = (protocol: 'tcp' | 'udp', forwarding: string): Scenario => ({ ...smoke, service: { ...smoke.service, protocol, forwarding: forwarding as 'nat' } });
  t.equal(paramsFor(over('udp', 'fake'), 'patched').stateTable, 'input-only');
  t.equal(paramsFor(over('tcp', 'fake'), 'patched').stateTable, 'input-only', 'every protocol alike');
  t.equal(paramsFor(over('tcp', 'nat'), 'patched').stateTable, 'both');
  t.equal(paramsFor(over('udp', 'nat'), 'patched').stateTable, 'both', 'NAT: both directions');
  // And the model reads it: one UDP client under the fake method is never assured, under NAT it is.
  const one = { flood: new Float64Array(0), clientTimes: Float64Array.of(1), clientIds: Int32Array.of(1), clientSrc: Uint32Array.of(0x0a010102) };
  const assuredAt2 = (s: Scenario) => simulate({ params: paramsFor(s, 'patched'), arrivals: one, sampleTimes: Float64Array.of(2), seed: 1 }).series.assured[0];
  t.equal(assuredAt2(over('udp', 'fake')), 0);
  t.equal(assuredAt2(over('udp', 'nat')), 1);
});
