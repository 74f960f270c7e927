// Pure: which model a single kernel follows. git bisect sees one kernel per
// commit; the question is whether it behaves as the base or the patched model
// predicts for the series that carry the claim (templates under attack).
import { judge, type JudgeInput, type Verdict } from '../compare/verdict.ts';
import { VARIANTS, type Variant } from '../model/params.ts';
import type { Scenario } from '../scenario/schema.ts';
import type { ParsedResults } from '../record/results.ts';
import type { BisectDecision } from '../errors.ts';

/** The claim "templates are dropped under attack" lives in these series (not in the ASSURED state). */
export const BISECT_SERIES = ['conns', 'synRecv', 'templates'] as const;

export interface Classified {
  decision: BisectDecision;
  follows: Variant | 'both' | 'neither';
  fractions: Record<Variant, Record<string, number>>;
}

/** Pure: the decision, from the run judged against each model (as `base`, whatever it is). */
export function classifyFromVerdicts(verdicts: Record<Variant, Verdict>, expect: Variant): Classified {
  const fractions = {} as Record<Variant, Record<string, number>>;
  const agrees = {} as Record<Variant, boolean>;
  for (const model of VARIANTS) {
    const checks = verdicts[model].variants.base!.checks.filter((c) => (BISECT_SERIES as readonly string[]).includes(c.series));
    fractions[model] = Object.fromEntries(checks.map((c) => [c.series, Number(c.fraction.toFixed(4))]));
    agrees[model] = checks.every((c) => c.agrees);
  }
  const follows = agrees.base && agrees.patched ? 'both' : agrees.base ? 'base' : agrees.patched ? 'patched' : 'neither';
  const decision: BisectDecision = follows === expect ? 'good' : follows === 'both' || follows === 'neither' ? 'inconclusive' : 'bad';
  return { decision, follows, fractions };
}

/**
 * What to judge: the one run, against each model in turn, on the band's runs
 * alone (no further runs, which the model the kernel does not follow would
 * always draw in full): a narrow miss of the expected model is 'neither', so
 * inconclusive, and the step tries again (--repeat).
 */
export const classifyInputs = (run: ParsedResults, scenario: Scenario, seed: number, mcRuns: number, hz?: number): Record<Variant, JudgeInput> => {
  const common = { scenario, runs: { base: run }, seed, mcRuns, ...(hz === undefined ? {} : { hz: { base: hz } }) };
  return { base: { ...common, modelFor: () => 'base' }, patched: { ...common, modelFor: () => 'patched' } };
};

export function classifyKernel(run: ParsedResults, scenario: Scenario, expect: Variant, seed: number, mcRuns: number): Classified {
  const inputs = classifyInputs(run, scenario, seed, mcRuns);
  return classifyFromVerdicts({ base: judge(inputs.base).verdict, patched: judge(inputs.patched).verdict }, expect);
}
