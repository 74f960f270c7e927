// Hand-made claim contexts for the claim modules' tests (test/claims/): a
// summary with every figure 0 unless given, a Monte Carlo whose runs are given,
// a run whose flood is gone at t=70, and the scenario they share. Outside
// test/, so that tap does not take it for a test file.
import type { ClaimContext } from '../src/claims/types.ts';
import type { MonteCarlo } from '../src/model/monte-carlo.ts';
import type { Measured } from '../src/observe/measured.ts';
import type { VariantSummary } from '../src/observe/summary.ts';
import type { Scenario } from '../src/scenario/schema.ts';

export const summary = (over: Partial<VariantSummary>): VariantSummary => ({
  samples: 0, guestSeconds: 0, peakConns: 0, peakTemplates: 0, finalConns: 0, finalTemplates: 0,
  finalConnsByState: {}, finalTemplatesByState: {}, finalFloodTemplates: 0, finalClientTemplates: 0,
  finalClientTemplatesByState: {}, clientsAssured: 0, clientHandshakes: { ok: 0, failed: 0 }, clientsKeptServer: 0, clients: 0, damagedLines: 0,
  ...over,
});

/** A Monte Carlo whose runs are given: per series, one array of samples a run. */
export function fakeMc(t: number[], series: Partial<Record<'floodTemplates' | 'assured', number[][]>>): MonteCarlo {
  const runs = Object.values(series)[0]!.length;
  const values = Object.fromEntries(Object.entries(series).map(([k, rs]) => [k, Int32Array.from(rs.flat())]));
  return { t: Float64Array.from(t), runs, values, bands: {} } as unknown as MonteCarlo;
}

/** Measured: the flood's 1000 connections gone at t=70, samples every second to `end`. */
export function measured(end: number, flood: (t: number) => number): Measured {
  const t = Float64Array.from({ length: end }, (_, i) => i + 1);
  const synRecv = Int32Array.from(t, (x) => (x < 70 ? 100 : 0));
  return { t, series: { synRecv, floodTemplates: Int32Array.from(t, flood) }, floodCreated: 1000, lastFloodT: 10 };
}
export const scenario = { service: { persistence: 300, forwarding: 'nat' }, flood: { count: 1000, rate: 200 }, kernel: { conn_tab_bits: 12 }, sysctl: { drop_entry: 3 } } as Scenario;
export const ctx = (m: Measured, model: MonteCarlo, other: MonteCarlo, over: Partial<ClaimContext> = {}): ClaimContext =>
  ({ scenario, measured: m, summary: summary({}), model, modelVariant: 'base', other, ...over });
/** Model runs of flood templates: constant `v` in every run (with a spread of +-k). */
export const runsOf = (n: number, v: (r: number) => number) => Array.from({ length: 20 }, (_, r) => Array.from({ length: n }, () => v(r)));
