// Pure: does a judged run of a mutant kill it? The mutant is built as the
// patched variant and held against the patched model (verify --variant
// patched). It is killed when its kernel leaves the model's band on a checked
// series (the variant disagrees), or when a claim FAILs; a run where the
// kernel agrees and every claim PASSes or is INCONCLUSIVE lets it survive (an
// INCONCLUSIVE claim could not see the difference, so it kills nothing).
import type { Verdict } from '../compare/verdict.ts';
import { VerifyError } from '../errors.ts';

export interface KillDecision {
  outcome: 'killed' | 'survived';
  /** What killed it: a series whose band the kernel left ("templates band"), a claim ("C3"). */
  by: string[];
  /** One line: why. */
  note: string;
}

export function killDecision(v: Verdict, variant: 'base' | 'patched' = 'patched'): KillDecision {
  const x = v.variants[variant];
  if (!x) throw new VerifyError('internal', `the mutant's run has no ${variant} verdict`);
  const left = x.agrees ? [] : x.checks.filter((c) => !c.agrees);
  const failed = v.claims.filter((c) => c.outcome === 'fail');
  const by = [...left.map((c) => `${c.series} band`), ...failed.map((c) => c.id)];
  if (by.length === 0) {
    const judged = v.claims.filter((c) => c.outcome === 'pass').map((c) => c.id);
    return { outcome: 'survived', by, note: `agrees with the ${variant} model; ${judged.length > 0 ? `${judged.join(', ')} PASS` : 'no claim judged'}` };
  }
  const parts = [
    ...left.map((c) => `${c.series} ${(100 * c.fraction).toFixed(0)}% in band`),
    ...failed.map((c) => `${c.id} FAIL: ${c.reason}`),
  ];
  return { outcome: 'killed', by, note: parts.join('; ') };
}
