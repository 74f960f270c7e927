// Pure: which run a suite's report shows as the headline of each forwarding
// method. The rule: the run that tells most of the patch mail's story, i.e. the
// most of C1 (base: templates outlive their dropped connections) and C2
// (patched: they are dropped) PASS; among equals, one with a flood (count > 0);
// then the first in the order given (the suite's: scenario names).
import type { Verdict } from '../compare/verdict.ts';
import { FORWARDING, type Forwarding } from '../forwarding/index.ts';

export interface HeadlineCandidate {
  run: string;
  method: Forwarding;
  /** The scenario's flood.count. */
  flood: number;
  verdict: Pick<Verdict, 'claims'>;
}

/** The story's claims that PASS in a run (0, 1 or 2). */
export function storyScore(c: HeadlineCandidate): number {
  return c.verdict.claims.filter((x) => (x.id === 'C1' || x.id === 'C2') && x.outcome === 'pass').length;
}

/** One candidate per method present, in the registry's order (nat, dr, tun). */
export function pickHeadlines<C extends HeadlineCandidate>(candidates: C[]): C[] {
  const rank = (c: C) => 2 * storyScore(c) + (c.flood > 0 ? 1 : 0);
  const picked: C[] = [];
  for (const method of Object.keys(FORWARDING) as Forwarding[]) {
    const best = candidates.filter((c) => c.method === method).reduce<C | undefined>((a, c) => (a === undefined || rank(c) > rank(a) ? c : a), undefined);
    if (best) picked.push(best);
  }
  return picked;
}
