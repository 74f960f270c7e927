// The judgement with its Monte Carlos on every core: the pure planner
// (modelRequests) says what to simulate, the workers run it, judge decides.
import { judge, modelRequests, type JudgeInput, type Judged } from '../compare/verdict.ts';
import type { MonteCarlo } from '../model/monte-carlo.ts';
import type { Variant } from '../model/params.ts';
import { monteCarloParallel } from './monte-carlo.ts';

export async function judgeOnAllCores(input: JudgeInput): Promise<Judged> {
  const models: Partial<Record<Variant, MonteCarlo>> = {};
  for (const [v, request] of Object.entries(modelRequests(input)) as [Variant, Parameters<typeof monteCarloParallel>[0]][]) {
    models[v] = await monteCarloParallel(request);
  }
  return judge(input, models);
}
