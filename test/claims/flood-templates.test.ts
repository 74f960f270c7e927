// What C1 and C2 share (src/claims/flood-templates.ts): no judgement against
// models that lie the other way round, and none without the flood made and gone.
import t from 'tap';
import { C1 } from '../../src/claims/c1-templates-outlive.ts';
import { C2 } from '../../src/claims/c2-templates-dropped.ts';
import type { ClaimContext } from '../../src/claims/types.ts';
import type { MonteCarlo } from '../../src/model/monte-carlo.ts';
import type { Measured } from '../../src/observe/measured.ts';
import type { VariantSummary } from '../../src/observe/summary.ts';
import type { Scenario } from '../../src/scenario/schema.ts';

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


t.test('C1 and C2: models that separate the other way round (base below patched) judge nothing', async (t) => {
  // As on a /24-persistent pool flood against 150 s persistence: base's model ends with none, patched's with a few.
  const m = measured(160, (x) => (x < 70 ? 900 : 0));
  const base = fakeMc([...m.t], { floodTemplates: runsOf(160, () => 0) });
  const patched = fakeMc([...m.t], { floodTemplates: runsOf(160, (r) => 3 + (r % 4)) });
  const c1 = C1.judge(ctx(m, base, patched));
  t.equal(c1.outcome, 'inconclusive', c1.reason);
  t.match(c1.reason, /0\.0% of flood templates remain .*; not judged: here the base model keeps fewer flood templates \(0\.0%\.\.0\.0%\) than the patched model \(0\.3%\.\.0\.6%\), the opposite of the claim/);
  const c2 = C2.judge({ ...ctx(m, patched, base), modelVariant: 'patched' });
  t.equal(c2.outcome, 'inconclusive', c2.reason);
  t.match(c2.reason, /not judged: here the base model keeps fewer flood templates \(0\.0%\.\.0\.0%\) than the patched model/);
  // Judged against the wrong model (the recorded runs' check), the direction is still base's vs patched's.
  const swapped = C1.judge({ ...ctx(m, patched, base), modelVariant: 'patched' });
  t.equal(swapped.outcome, 'inconclusive');
});

t.test('a flood too small to leave templates, or none at all: C1 and C2 say why', async (t) => {
  const none = { ...measured(140, () => 0), floodCreated: 0 };
  const mc = fakeMc([...none.t], { floodTemplates: runsOf(140, () => 0) });
  const both = { C1: C1.judge(ctx(none, mc, mc)), C2: C2.judge({ ...ctx(none, mc, mc), modelVariant: 'patched' }) };
  for (const [id, c] of Object.entries(both)) {
    t.equal(c.outcome, 'inconclusive', id);
    t.match(c.reason, /the flood made no connection/);
  }
  // Three SYNs: every model run of either variant ends with none of their templates left.
  const tiny = { ...measured(140, () => 0), floodCreated: 3 };
  const c2 = C2.judge({ ...ctx(tiny, mc, mc), modelVariant: 'patched' });
  t.equal(c2.outcome, 'inconclusive');
  t.match(c2.reason, /overlap: this scenario cannot tell the variants apart/);
});
