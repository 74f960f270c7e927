// Pure: each variant-run's PITs (./pit.ts), as the verdict keeps them: one for
// each claim's number read off its model's runs too (C1's and C2's shares of
// flood templates), and one for each checked series' miss area (./bands.ts:
// the sum of a series' distances outside the band, in band widths, which the
// band check computes for the kernel and for each of the model's runs against
// the same band). The band's runs are the ranks' reference, not the further
// runs drawn when a kernel misses beyond all of them (those are drawn only
// then, so counting them would lean on the outcome). The band's runs shaped
// the band, so they miss it a little less than a new draw: a miss-area PIT
// leans high even for a correct model, most where the series often misses.
import type { BandCheck } from './bands.ts';
import { pitOf, tieBreak, type Pit } from './pit.ts';
import type { Claim, ClaimId } from '../claims/types.ts';
import type { SeriesName, Variant } from '../model/params.ts';

export interface VariantPits {
  claims: Partial<Record<ClaimId, Pit>>;
  /** Per checked series: its miss area's PIT. */
  series: Partial<Record<SeriesName, Pit>>;
}

/** The miss areas' PITs of a variant's checks (those whose model's runs were measured); `salt`: the run's (runSalt). */
export function seriesPits(checks: BandCheck[], seed: number, variant: Variant, salt: number): VariantPits['series'] {
  const out: VariantPits['series'] = {};
  for (const c of checks) {
    const n = c.runs.count;
    if (n === 0) continue;
    out[c.series] = pitOf({ below: n - c.runs.wider, ties: c.runs.equal, runs: n }, tieBreak(seed, `${variant}:${salt}:area:${c.series}`));
  }
  return out;
}

/**
 * Takes the claims' ranks off them (the claim table keeps its numbers) and
 * returns their PITs per carrying variant.
 */
export function claimPits(claims: Claim[], seed: number, salt: Partial<Record<Variant, number>>): Partial<Record<Variant, VariantPits['claims']>> {
  const out: Partial<Record<Variant, VariantPits['claims']>> = {};
  for (const c of claims) {
    const { rank } = c;
    delete c.rank;
    if (!rank || c.variant === 'both' || rank.runs === 0) continue;
    (out[c.variant] ??= {})[c.id] = pitOf(rank, tieBreak(seed, `${c.variant}:${salt[c.variant] ?? 0}:${c.id}`));
  }
  return out;
}
