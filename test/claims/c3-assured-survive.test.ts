// C3 on hand-made models: the patched model's runs end with one ASSURED template, base's with none.
import t from 'tap';
import { C3 } from '../../src/claims/c3-assured-survive.ts';
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


t.test("C3: clients' templates by their masked address; judged where the models separate", async (t) => {
  const tt = [1, 2];
  const patched = fakeMc(tt, { assured: runsOf(2, () => 1) });
  const base = fakeMc(tt, { assured: runsOf(2, () => 0) });
  const m = measured(2, () => 0);
  const c3 = (s: Partial<VariantSummary>, model = patched, other = base) => C3.judge({ ...ctx(m, model, other), modelVariant: 'patched', summary: summary(s) });
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
