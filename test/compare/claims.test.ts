import t from 'tap';
import { decayRate, scanSurvival, claimC1, claimC2, claimC3, claimC4, floodGoneIndex, type ClaimContext } from '../../src/compare/claims.ts';
import { checkBand, windowSeconds, type BandCheck } from '../../src/compare/bands.ts';
import { measuredSeries, type Measured } from '../../src/observe/measured.ts';
import { arrivalsFromRun } from '../../src/observe/arrivals.ts';
import { floodPlan } from '../../src/flood/plan.ts';
import { floodSpecOf } from '../../src/scenario/schema.ts';
import { parseResults } from '../../src/record/results.ts';
import type { MonteCarlo } from '../../src/model/monte-carlo.ts';
import type { VariantSummary } from '../../src/observe/summary.ts';
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

t.test('decay rate and scan survival', async (t) => {
  t.ok(Math.abs(decayRate(100, 100 * Math.exp(-0.03 * 50) - 0.5 + 0.5 * Math.exp(-0.03 * 50), 50) - 0.03) < 1e-9);
  t.equal(decayRate(0, 0, 10), 0);
  // 12 bits: 4096 buckets, a scan looks at 4096/32 = 128 of them (ip_vs_random_dropentry()),
  // so an entry survives one scan with (1 - 2^-12)^128. By hand: 128 ln(1 - 2^-12) =
  // -128 (2^-12 + 2^-25 + ...) = -2^-5 - 2^-18 = -0.0312538; e^-0.0312538 = 0.9692295
  // (e^(-1/32) = 0.9692332, less 3.8e-6 of it). A minute of scans, one a second:
  // e^(-60 x 0.0312538) = e^-1.875 x e^-0.000229 = 0.1533550 x 0.999771 = 0.153320
  // (the mail's (31/32)^60 = 0.1488 is the same figure with 31/32 for e^(-1/32)).
  t.ok(Math.abs(scanSurvival(12, 1) - 0.9692295) < 1e-6, `one scan: ${scanSurvival(12, 1)}`);
  t.ok(Math.abs(scanSurvival(12, 60) - 0.153320) < 1e-6, `60 s: ${scanSurvival(12, 60)}`);
  t.ok(Math.abs(scanSurvival(12, 30, 2) - scanSurvival(12, 60)) < 1e-12, 'two scans a second for 30 s: the same 60 scans');
  // 8 bits: (1 - 2^-8)^8 = e^(8 ln(255/256)) = e^-(2^-5 + 2^-14 + 2^-21/3 + ...) = e^-0.0313112 = 0.9691739:
  // fewer, larger steps than 12 bits' (the same 1/32 of the table, drawn from fewer buckets).
  t.ok(Math.abs(scanSurvival(8, 1) - 0.9691739) < 1e-6, `8 bits, one scan: ${scanSurvival(8, 1)}`);
  t.equal(scanSurvival(12, 0), 1, 'no scan, no loss');
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
  finalClientTemplatesByState: {}, clientsAssured: 0, clientHandshakes: { ok: 0, failed: 0 }, clientsKeptServer: 0, clients: 0, damagedLines: 0,
  ...over,
});

/** A Monte Carlo whose runs are given: per series, one array of samples a run. */
function fakeMc(t: number[], series: Partial<Record<'floodTemplates' | 'assured', number[][]>>): MonteCarlo {
  const runs = Object.values(series)[0]!.length;
  const values = Object.fromEntries(Object.entries(series).map(([k, rs]) => [k, Int32Array.from(rs.flat())]));
  return { t: Float64Array.from(t), runs, values, bands: {} } as unknown as MonteCarlo;
}

/** Measured: the flood's 1000 connections gone at t=70, samples every second to `end`. */
function measured(end: number, flood: (t: number) => number): Measured {
  const t = Float64Array.from({ length: end }, (_, i) => i + 1);
  const synRecv = Int32Array.from(t, (x) => (x < 70 ? 100 : 0));
  return { t, series: { synRecv, floodTemplates: Int32Array.from(t, flood) }, floodCreated: 1000, lastFloodT: 10 };
}
const scenario = { service: { persistence: 300 }, flood: { count: 1000, rate: 200 }, kernel: { conn_tab_bits: 12 }, sysctl: { drop_entry: 3 } } as Scenario;
const ctx = (m: Measured, model: MonteCarlo, other: MonteCarlo, over: Partial<ClaimContext> = {}): ClaimContext =>
  ({ scenario, measured: m, summary: summary({}), model, modelVariant: 'base', other, ...over });
/** Model runs of flood templates: constant `v` in every run (with a spread of +-k). */
const runsOf = (n: number, v: (r: number) => number) => Array.from({ length: 20 }, (_, r) => Array.from({ length: n }, () => v(r)));

t.test('C1: judged only where base and patched models separate', async (t) => {
  const m = measured(140, (x) => (x < 70 ? 900 : 150));
  const base = fakeMc([...m.t], { floodTemplates: runsOf(140, (r) => 140 + r) });
  const patched = fakeMc([...m.t], { floodTemplates: runsOf(140, (r) => r % 3) });
  const pass = claimC1(ctx(m, base, patched));
  t.equal(pass.outcome, 'pass', pass.reason);
  t.match(pass.reason, /15\.0% of flood templates remain 63 s after .*inside the range of the base model's runs 14\.0%\.\.15\.9% \(the other variant's: 0\.0%\.\.0\.2%\)/);
  const gone = claimC1(ctx(measured(140, (x) => (x < 70 ? 900 : 0)), base, patched));
  t.equal(gone.outcome, 'fail');
  t.match(gone.reason, /outside the range/);
  t.notMatch(gone.reason, /inside the range/, 'a FAIL never says "inside the range"');

  // Outside base's range (14.0..15.9%) but far nearer it than patched's (0.0..0.2%):
  // a correct kernel's run a little more extreme than the model's runs.
  const low = claimC1(ctx(measured(140, (x) => (x < 70 ? 900 : 130)), base, patched));
  t.equal(low.outcome, 'pass', low.reason);
  t.match(low.reason, /13\.0% .*outside the range of the base model's runs 14\.0%\.\.15\.9% but on its side: 1\.0 points from it, 12\.8 points from the other variant's/);
  t.equal(low.numbers.fromModel, 0.01);
  const high = claimC1(ctx(measured(140, (x) => (x < 70 ? 900 : 400)), base, patched));
  t.equal(high.outcome, 'pass', 'more templates kept than the base model says: the bands judge that, not C1');
  // Half-way, and nearer patched's: not base's behaviour.
  const mid = claimC1(ctx(measured(140, (x) => (x < 70 ? 900 : 40)), base, patched));
  t.equal(mid.outcome, 'fail', mid.reason);
  t.match(mid.reason, /4\.0% .*and not nearer it than the other variant's: 10\.0 points from it, 3\.8 points from the other variant's/);

  // Persistence 120 s: no flood template left in either model at C1's point.
  const none = fakeMc([...m.t], { floodTemplates: runsOf(140, () => 0) });
  const short = claimC1(ctx(measured(140, () => 0), none, none, { scenario: { ...scenario, service: { ...scenario.service, persistence: 120 } } }));
  t.equal(short.outcome, 'inconclusive');
  t.match(short.reason, /persistence 120 s ends them first; make persistence more than 128 s/);
  t.notMatch(short.reason, /inside the range/);

  // Overlapping models (e.g. drop_entry 0: no drops in either).
  const same = fakeMc([...m.t], { floodTemplates: runsOf(140, (r) => 148 + (r % 5)) });
  const overlap = claimC1(ctx(m, same, same));
  t.equal(overlap.outcome, 'inconclusive');
  t.match(overlap.reason, /overlap: this scenario cannot tell the variants apart/);

  t.equal(claimC1(ctx(measured(100, () => 5), base, patched)).outcome, 'inconclusive', 'the run ends before the measuring point');
  t.match(claimC1(ctx(measured(100, () => 5), base, patched)).reason, /make duration at least 135/);
});

t.test('C2: the share left at the end, judged where the models separate', async (t) => {
  const decay = (x: number) => (x < 71 ? 200 : Math.round(200 * Math.exp(-0.04 * (x - 71))));
  const m = measured(160, decay);
  const patched = fakeMc([...m.t], { floodTemplates: Array.from({ length: 20 }, (_, r) => [...m.t].map((x) => (x < 71 ? 200 : Math.round(200 * Math.exp(-(0.03 + r * 0.001) * (x - 71)))))) });
  // Base: the templates of dropped connections go within a minute, the rest stay.
  const base = fakeMc([...m.t], { floodTemplates: runsOf(160, () => 150) });
  const c = claimC2({ ...ctx(m, patched, base), modelVariant: 'patched' });
  t.equal(c.outcome, 'pass', c.reason);
  t.match(c.reason, /0\.6% of flood templates remain at the end, 90 s after the last flood connection \(from 200 to 6: 3\.8\d%\/s; the patched model's runs \d\.\d\d\.\.\d\.\d\d%\/s\); inside the range of the patched model's runs .* \(the other variant's: 15\.0%\.\.15\.0%\)/);
  const kept = claimC2({ ...ctx(measured(160, (x) => (x < 71 ? 200 : 150)), patched, base), modelVariant: 'patched' });
  t.equal(kept.outcome, 'fail', 'templates kept: the base behaviour');
  t.notMatch(kept.reason, /inside the range/);
  // Base's templates reach their persistence timeout inside the run: both end near zero.
  const both = claimC2({ ...ctx(m, patched, patched), modelVariant: 'patched' });
  t.equal(both.outcome, 'inconclusive');
  t.match(both.reason, /overlap/);
  t.equal(claimC2({ ...ctx(measured(60, () => 10), patched, base), modelVariant: 'patched' }).outcome, 'inconclusive', 'flood connections never gone');
});

t.test('C1 and C2: models that separate the other way round (base below patched) judge nothing', async (t) => {
  // As on a /24-persistent pool flood against 150 s persistence: base's model ends with none, patched's with a few.
  const m = measured(160, (x) => (x < 70 ? 900 : 0));
  const base = fakeMc([...m.t], { floodTemplates: runsOf(160, () => 0) });
  const patched = fakeMc([...m.t], { floodTemplates: runsOf(160, (r) => 3 + (r % 4)) });
  const c1 = claimC1(ctx(m, base, patched));
  t.equal(c1.outcome, 'inconclusive', c1.reason);
  t.match(c1.reason, /0\.0% of flood templates remain .*; not judged: here the base model keeps fewer flood templates \(0\.0%\.\.0\.0%\) than the patched model \(0\.3%\.\.0\.6%\), the opposite of the claim/);
  const c2 = claimC2({ ...ctx(m, patched, base), modelVariant: 'patched' });
  t.equal(c2.outcome, 'inconclusive', c2.reason);
  t.match(c2.reason, /not judged: here the base model keeps fewer flood templates \(0\.0%\.\.0\.0%\) than the patched model/);
  // Judged against the wrong model (the recorded runs' check), the direction is still base's vs patched's.
  const swapped = claimC1({ ...ctx(m, patched, base), modelVariant: 'patched' });
  t.equal(swapped.outcome, 'inconclusive');
});

t.test("C3: clients' templates by their masked address; judged where the models separate", async (t) => {
  const tt = [1, 2];
  const patched = fakeMc(tt, { assured: runsOf(2, () => 1) });
  const base = fakeMc(tt, { assured: runsOf(2, () => 0) });
  const m = measured(2, () => 0);
  const c3 = (s: Partial<VariantSummary>, model = patched, other = base) => claimC3({ ...ctx(m, model, other), modelVariant: 'patched', summary: summary(s) });
  t.equal(c3({ clients: 2, clientsAssured: 2, clientsKeptServer: 2, finalClientTemplates: 2 }).outcome, 'pass');
  const shared = c3({ clients: 2, clientsAssured: 2, clientsKeptServer: 2, finalClientTemplates: 1 });
  t.equal(shared.outcome, 'pass');
  t.match(shared.reason, /2 of 2 clients' templates are ASSURED at the end \(2 clients share 1 template under the netmask\)/);
  t.equal(c3({ clients: 2, clientsAssured: 2, clientsKeptServer: 1 }).outcome, 'fail');
  t.equal(c3({ clients: 2, clientsAssured: 1, clientsKeptServer: 2 }).outcome, 'fail');
  t.equal(c3({ clients: 2, clientsAssured: 2, clientsKeptServer: 2 }, base, patched).outcome, 'fail', 'against the base model: ASSURED is wrong');
  t.equal(c3({}).outcome, 'inconclusive');
  t.equal(c3({ clients: 2, clientsAssured: 0, clientsKeptServer: 2 }, base, base).outcome, 'inconclusive');
});

t.test('C4 needs drop_entry 0 and both variants', async (t) => {
  const s = (d: 0 | 3) => ({ sysctl: { drop_entry: d, amemthresh: 0 } }) as Scenario;
  const check = (fraction: number, agrees: boolean) => ({ series: 'templates', samples: 100, inside: 100 * fraction, fraction, area: 0, runs: { count: 10, lowestFraction: 0.9, largestArea: 1, wider: 0 }, agrees }) as BandCheck;
  t.equal(claimC4(s(3), { base: check(1, true), patched: check(1, true) }).outcome, 'inconclusive');
  t.equal(claimC4(s(0), { base: check(1, true) }).outcome, 'inconclusive');
  t.equal(claimC4(s(0), { base: check(0.99, true), patched: check(0.9, true) }).outcome, 'pass', 'the bands\' own rule decides');
  const fail = claimC4(s(0), { base: check(0.99, true), patched: check(0.5, false) });
  t.equal(fail.outcome, 'fail');
  t.match(fail.reason, /99% of base's samples, 50% of patched's \(agrees, DISAGREES\)/);
});

t.test('a flood too small to leave templates, or none at all: C1 and C2 say why', async (t) => {
  const none = { ...measured(140, () => 0), floodCreated: 0 };
  const mc = fakeMc([...none.t], { floodTemplates: runsOf(140, () => 0) });
  for (const c of [claimC1(ctx(none, mc, mc)), claimC2({ ...ctx(none, mc, mc), modelVariant: 'patched' })]) {
    t.equal(c.outcome, 'inconclusive', c.id);
    t.match(c.reason, /the flood made no connection/);
  }
  // Three SYNs: every model run of either variant ends with none of their templates left.
  const tiny = { ...measured(140, () => 0), floodCreated: 3 };
  const c2 = claimC2({ ...ctx(tiny, mc, mc), modelVariant: 'patched' });
  t.equal(c2.outcome, 'inconclusive');
  t.match(c2.reason, /overlap: this scenario cannot tell the variants apart/);
});

t.test('a verdict with nothing judged says so', async (t) => {
  const { verdictText } = await import('../../src/report/claims-table.ts');
  const claim = { id: 'C1' as const, variant: 'base' as const, title: 't', outcome: 'inconclusive' as const, reason: 'r', numbers: {} };
  const text = verdictText({ variants: {}, claims: [claim], claimsHold: true, judgeable: false });
  t.match(text, /verdict: the kernels do what the models predict\nno claim could be judged by this scenario/);
  t.notMatch(verdictText({ variants: {}, claims: [{ ...claim, outcome: 'pass' }], claimsHold: true, judgeable: true }), /no claim could be judged/);
});
