// Pure: the verdict's loop over the claims: each module judged on the runs
// that carry it, or INCONCLUSIVE with its own reason where it says the
// scenario (or the models it ran with) cannot show it, or by its undelivered
// judge where it says the series cannot deliver it (NOT DELIVERED).
import { VARIANTS, type Variant } from '../model/params.ts';
import type { Claim, ClaimModule, PairContext, RunModels } from './types.ts';


/** Where a module is judged: each variant it names whose run was made, or the pair. */
function carriers(m: ClaimModule, c: PairContext): (Variant | 'both')[] {
  if (m.carriedBy === 'pair') return ['both'];
  const on = m.carriedBy === 'each-run' ? VARIANTS : [m.carriedBy];
  return on.filter((v) => c.runs[v] !== undefined);
}

function judgeOne(m: ClaimModule, on: Variant | 'both', c: PairContext): Claim {
  const head = { id: m.id, variant: on, title: m.title(c.scenario) };
  if (m.carriedBy === 'pair') {
    const models: Partial<Record<Variant, RunModels>> = {};
    for (const v of VARIANTS) if (c.runs[v]) models[v] = c.runs[v].params;
    // What the scenario cannot show is said first; then a run not held to its model.
    const unjudged = VARIANTS.map((v) => c.runs[v]?.unjudged).find((u) => u !== undefined);
    const applies = m.appliesTo(c.scenario, models);
    const why = applies === true ? unjudged : applies;
    return { ...head, ...(why === undefined ? m.judge(c) : { outcome: 'inconclusive', reason: why, numbers: {} }) };
  }
  const run = c.runs[on as Variant]!;
  const applies = m.appliesTo(c.scenario, run.params);
  if (applies !== true) return { ...head, outcome: 'inconclusive', reason: applies, numbers: {} };
  if (run.unjudged) return { ...head, outcome: 'inconclusive', reason: run.unjudged, numbers: {} };
  // Where the series cannot deliver it, the module still holds the kernel to its model.
  const why = m.undelivered?.where(c.scenario, run.params);
  if (why === undefined) return { ...head, ...m.judge(run) };
  const j = m.undelivered!.judge(run, why);
  return { ...head, ...j, ...(j.outcome === 'not-delivered' ? { undelivered: why } : {}) };
}

/** Every module's claims, in the order of their ids (a claim carried by each run: base's, then patched's). */
export function judgeClaims(modules: readonly ClaimModule[], c: PairContext): Claim[] {
  const claims = modules.flatMap((m) => carriers(m, c).map((on) => judgeOne(m, on, c)));
  const order = { base: 0, patched: 1, both: 2 } as const;
  return claims.sort((a, b) => a.id.localeCompare(b.id, 'en', { numeric: true }) || order[a.variant] - order[b.variant]);
}
