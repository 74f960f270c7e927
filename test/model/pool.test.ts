import t from 'tap';
import { monteCarlo, type McRequest } from '../../src/model/monte-carlo.ts';
import { monteCarloParallel } from '../../src/model/pool.ts';
import { judgeOnAllCores, modelsOfVariant } from '../../src/compare/judge-all-cores.ts';
import { judge } from '../../src/compare/verdict.ts';
import { defaultParams } from '../../src/model/params.ts';
import { readRecord } from '../../src/pipeline/judge-record.ts';

const flood = Float64Array.from({ length: 2000 }, (_, i) => 5 + i / 100);
const request = (runs: number): McRequest => ({
  params: defaultParams('patched'),
  arrivals: { flood, clientTimes: Float64Array.of(3, 40), clientIds: Int32Array.of(0, 1), clientSrc: Uint32Array.of(0x0a010002, 0x0a010102) },
  sampleTimes: Float64Array.from({ length: 90 }, (_, i) => i + 1),
  seed: 11,
  runs,
});

t.test('spread over threads, the result is the single thread one, run for run', async (t) => {
  for (const [runs, threads] of [
    [250, 2],
    [301, 3],
    [120, 4], // fewer runs than workers are worth: one thread
  ] as const) {
    const one = monteCarlo(request(runs));
    const many = await monteCarloParallel(request(runs), threads);
    t.equal(many.runs, runs);
    // Every series the model makes (params.ts's SERIES, written out): a loop over none would pass.
    t.same(Object.keys(one.values).sort(), ['added', 'assured', 'clientTemplates', 'conns', 'floodTemplates', 'removed', 'synRecv', 'templates']);
    for (const s of Object.keys(one.values) as (keyof typeof one.values)[]) {
      t.same(many.values[s], one.values[s], `${runs} runs on ${threads} threads: ${s} values`);
      t.same(many.bands[s], one.bands[s], `${runs} runs on ${threads} threads: ${s} bands`);
    }
  }
});

t.test('the judgement on all cores is the judgement', async (t) => {
  const rec = await readRecord(new URL('../../fixtures/runs/smoke-1', import.meta.url).pathname);
  const input = { ...rec, seed: 1, mcRuns: 400 };
  const [here, everywhere] = [judge(input), await judgeOnAllCores(input)];
  t.same(everywhere.verdict, here.verdict);
  // verify starts a variant's models while the other's guest still runs, on one worker.
  const early = { patched: modelsOfVariant(input, 'patched', 1) };
  const made = await early.patched;
  t.same(Object.keys(made).sort(), ['patched:base', 'patched:patched'], 'a variant\'s run against both models');
  const mixed = await judgeOnAllCores(input, early);
  t.same(mixed.verdict, here.verdict, 'with one variant\'s models made early');
  t.same(mixed.detail.patched!.mc.values, here.detail.patched!.mc.values);
});

t.test('offMain: one thread in a worker gives the same runs', async (t) => {
  const one = monteCarlo(request(150));
  const off = await monteCarloParallel(request(150), 1, true);
  t.same(off.values, one.values);
});
