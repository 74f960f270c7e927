import t from 'tap';
import { quantileSorted, bandsOf, monteCarlo, monteCarloDropLines } from '../../src/model/monte-carlo.ts';
import { simulate } from '../../src/model/sim.ts';
import { defaultParams } from '../../src/model/params.ts';

t.test('nearest-rank quantiles', async (t) => {
  const s = Float64Array.from({ length: 100 }, (_, i) => i + 1);
  t.equal(quantileSorted(s, 0.5), 50);
  t.equal(quantileSorted(s, 0.05), 5);
  t.equal(quantileSorted(s, 0.995), 100);
  t.equal(quantileSorted(s, 0.005), 1);
  t.ok(Number.isNaN(quantileSorted([], 0.5)));
});

t.test('bands per sample over runs', async (t) => {
  // 3 runs x 2 samples, row-major: sample 0 takes 1,2,3; sample 1 takes 30,10,20.
  const b = bandsOf(Int32Array.of(1, 30, 2, 10, 3, 20), 3, 2);
  t.same([...b.p50], [2, 20]);
  t.same([...b.p0_5], [1, 10]);
  t.same([...b.p99_5], [3, 30]);
});

t.test('monte carlo: seeds seed..seed+runs-1, bands ordered', async (t) => {
  const arrivals = { flood: Float64Array.from({ length: 500 }, (_, i) => 1 + i / 100), clientTimes: new Float64Array(0), clientIds: new Int32Array(0), clientSrc: new Uint32Array(0) };
  const sampleTimes = Float64Array.from({ length: 90 }, (_, i) => i + 1);
  const mc = monteCarlo({ params: defaultParams('patched'), arrivals, sampleTimes, seed: 5, runs: 50 });
  t.equal(mc.runs, 50);
  for (let i = 0; i < 90; i++) {
    const b = mc.bands.templates;
    if (!(b.p0_5[i]! <= b.p5[i]! && b.p5[i]! <= b.p50[i]! && b.p50[i]! <= b.p95[i]! && b.p95[i]! <= b.p99_5[i]!)) {
      t.fail(`band out of order at ${i}`);
      return;
    }
  }
  t.ok(mc.bands.templates.p99_5[60]! > mc.bands.templates.p0_5[60]!, 'the runs differ');
  const again = monteCarlo({ params: defaultParams('patched'), arrivals, sampleTimes, seed: 5, runs: 50 });
  t.same(again.values.templates, mc.values.templates, 'reproducible');
  // Run r is seed 5 + r: the 49 runs from seed 6 are the last 49 of these (values are runs x samples, row-major).
  t.equal(mc.values.templates.length, 50 * 90);
  const shifted = monteCarlo({ params: defaultParams('patched'), arrivals, sampleTimes, seed: 6, runs: 49 });
  t.same(shifted.values.templates, mc.values.templates.subarray(90), 'seeds 6..54 are runs 1..49');
});

t.test("drop lines: the same runs' counts (run r is seed + first + r), as simulate gives them", async (t) => {
  const arrivals = { flood: Float64Array.from({ length: 500 }, (_, i) => 1 + i / 100), clientTimes: new Float64Array(0), clientIds: new Int32Array(0), clientSrc: new Uint32Array(0) };
  const sampleTimes = Float64Array.from({ length: 90 }, (_, i) => i + 1);
  const req = { params: defaultParams('base'), arrivals, sampleTimes, seed: 5, runs: 4 };
  const counts = monteCarloDropLines(req, 2, 3);
  t.equal(counts.length, 3);
  for (let r = 0; r < 3; r++) t.equal(counts[r], simulate({ ...req, seed: 7 + r }).dropLines, `run ${r} is seed ${7 + r}`);
  // 500 SYN_RECV connections for 60 s under 128 draws a second of 4096 buckets: hundreds dropped.
  t.ok(counts.every((n) => n > 100), `${[...counts].join(', ')}`);
});
