// The judgement with its Monte Carlos on every core: the pure planner
// (modelRequests) says what to simulate, the workers run it, judge decides.
import { judge, modelRequests, type JudgeInput, type Judged, type ModelKey } from '../compare/verdict.ts';
import type { MonteCarlo } from '../model/monte-carlo.ts';
import { monteCarloParallel } from './monte-carlo.ts';

/** The Monte Carlos a judgement needs (a run against each variant's model). */
export async function modelsOnAllCores(input: JudgeInput): Promise<Partial<Record<ModelKey, MonteCarlo>>> {
  const models: Partial<Record<ModelKey, MonteCarlo>> = {};
  for (const [key, request] of Object.entries(modelRequests(input)) as [ModelKey, Parameters<typeof monteCarloParallel>[0]][]) {
    models[key] = await monteCarloParallel(request);
  }
  return models;
}

export async function judgeOnAllCores(input: JudgeInput): Promise<Judged> {
  return judge(input, await modelsOnAllCores(input));
}
