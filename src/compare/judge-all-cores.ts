// The judgement with its Monte Carlos on every core: the pure planner
// (modelRequests) says what to simulate, the workers run it, judge decides.
import { freshBatches, judge, modelRequests, withBatch, type Fresh, type JudgeInput, type Judged, type ModelKey } from './verdict.ts';
import type { MonteCarlo } from '../model/monte-carlo.ts';
import type { Variant } from '../model/params.ts';
import { monteCarloParallel, monteCarloValuesParallel } from '../model/pool.ts';

export type Models = Partial<Record<ModelKey, MonteCarlo>>;

/** The Monte Carlos a judgement needs (a run against each variant's model), `threads` at a time (default: every core). */
export async function modelsOnAllCores(input: JudgeInput, threads?: number, offMain = false): Promise<Models> {
  const models: Models = {};
  for (const [key, request] of Object.entries(modelRequests(input)) as [ModelKey, Parameters<typeof monteCarloParallel>[0]][]) {
    models[key] = await monteCarloParallel(request, threads, offMain);
  }
  return models;
}

/**
 * One variant's Monte Carlos (its run against both models), in worker threads:
 * each depends on that run alone, so they can start while another variant's
 * guest still runs.
 */
export function modelsOfVariant(input: JudgeInput, v: Variant, threads: number): Promise<Models> {
  const run = input.runs[v];
  return run ? modelsOnAllCores({ ...input, runs: { [v]: run } }, threads, true) : Promise.resolve({});
}

/** Judges with the variants' models already under way (`early`, modelsOfVariant) and makes the rest on every core. */
export async function judgeOnAllCores(input: JudgeInput, early: Partial<Record<Variant, Promise<Models>>> = {}): Promise<Judged> {
  const made = Object.assign({}, ...(await Promise.all(Object.values(early)))) as Models;
  const rest = Object.fromEntries(Object.entries(input.runs).filter(([v]) => !(v in early)));
  return settle(input, { ...made, ...(Object.keys(rest).length > 0 ? await modelsOnAllCores({ ...input, runs: rest }) : {}) });
}

/**
 * The judgement, with further runs of a model drawn, batch after batch, while
 * its kernel misses by more than every run so far (freshBatches() plans them):
 * only then does a variant disagree.
 */
async function settle(input: JudgeInput, models: Models): Promise<Judged> {
  const fresh: Fresh = {};
  let judged = judge(input, models);
  for (let batches = freshBatches(input, judged.verdict, fresh); batches.length > 0; batches = freshBatches(input, judged.verdict, fresh)) {
    for (const b of batches) fresh[b.key] = withBatch(fresh[b.key], b.count, await monteCarloValuesParallel(b.request, b.first, b.count));
    judged = judge(input, models, fresh);
  }
  return judged;
}
