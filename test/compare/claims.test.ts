import t from 'tap';
import { decayRate, scanSurvival, claimC3, claimC4, floodGoneIndex } from '../../src/compare/claims.ts';
import { checkBand, windowSeconds } from '../../src/compare/bands.ts';
import { measuredSeries } from '../../src/compare/measured.ts';
import { arrivalsFromRun } from '../../src/model/arrivals.ts';
import { parseResults } from '../../src/record/results.ts';
import type { MonteCarlo } from '../../src/model/monte-carlo.ts';
import type { VariantSummary } from '../../src/record/summary.ts';
import type { Scenario } from '../../src/scenario/schema.ts';

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

t.test('measured series and the flood', async (t) => {
  const m = measuredSeries(parseResults(run));
  t.same([...m.series.synRecv!], [0, 40, 100, 90, 0]);
  t.same([...m.series.clientTemplates!], [0, 0, 0, 1, 1], 'a client template from its first handshake on');
  t.same([...m.series.floodTemplates!], [0, 40, 100, 100, 29]);
  t.equal(m.floodCreated, 100, 'counter total less the client connection');
  t.equal(m.lastFloodT, 5.5);
  t.equal(floodGoneIndex(m), 4, 'the first sample after flood-end with no SYN_RECV left');
});

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

t.test('decay rate and scan survival', async (t) => {
  t.ok(Math.abs(decayRate(100, 100 * Math.exp(-0.03 * 50) - 0.5 + 0.5 * Math.exp(-0.03 * 50), 50) - 0.03) < 1e-9);
  t.equal(decayRate(0, 0, 10), 0);
  t.ok(scanSurvival(12, 0) === 1);
  t.ok(scanSurvival(8, 1) < scanSurvival(12, 1) + 1e-12);
});

t.test('band check with the window', async (t) => {
  const tt = Float64Array.of(1, 2, 3, 4);
  const mc = {
    t: tt,
    runs: 1,
    values: {},
    bands: { templates: { p0_5: Float64Array.of(0, 10, 20, 30), p5: tt, p50: tt, p95: tt, p99_5: Float64Array.of(5, 15, 25, 35) } },
  } as unknown as MonteCarlo;
  t.equal(windowSeconds(tt), 1);
  const c = checkBand('templates', Int32Array.of(3, 9, 26, 60), mc, 1);
  t.equal(c.inside, 3, '9 is inside the band of the neighbouring second; 26 too');
  t.same(c.worst, { t: 4, value: 60, lo: 20, hi: 35 });
  t.equal(checkBand('templates', Int32Array.of(3, 9, 26, 60), mc, 0).inside, 1, 'without a window only the first fits');
});

const summary = (over: Partial<VariantSummary>): VariantSummary => ({
  samples: 0, guestSeconds: 0, peakConns: 0, peakTemplates: 0, finalConns: 0, finalTemplates: 0,
  finalConnsByState: {}, finalTemplatesByState: {}, finalFloodTemplates: 0, finalClientTemplates: 0,
  finalClientTemplatesByState: {}, clientHandshakes: { ok: 0, failed: 0 }, clientsKeptServer: 0, clients: 0, damagedLines: 0,
  ...over,
});

t.test('C3: assured templates and kept servers', async (t) => {
  t.equal(claimC3(summary({ clients: 2, clientsKeptServer: 2, finalClientTemplatesByState: { ASSURED: 2 } })).outcome, 'pass');
  t.equal(claimC3(summary({ clients: 2, clientsKeptServer: 1, finalClientTemplatesByState: { ASSURED: 2 } })).outcome, 'fail');
  t.equal(claimC3(summary({ clients: 2, clientsKeptServer: 2, finalClientTemplatesByState: { NONE: 2 } })).outcome, 'fail');
  t.equal(claimC3(summary({})).outcome, 'inconclusive');
});

t.test('C4 needs drop_entry 0 and both variants', async (t) => {
  const s = (d: 0 | 3) => ({ sysctl: { drop_entry: d, amemthresh: 0 } }) as Scenario;
  t.equal(claimC4(s(3), { base: 1, patched: 1 }).outcome, 'inconclusive');
  t.equal(claimC4(s(0), { base: 1 }).outcome, 'inconclusive');
  t.equal(claimC4(s(0), { base: 0.99, patched: 0.97 }).outcome, 'pass');
  t.equal(claimC4(s(0), { base: 0.99, patched: 0.5 }).outcome, 'fail');
});
