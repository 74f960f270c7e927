import t from 'tap';
import { outsideEveryRun, pitOf, rankAmong, runSalt, tieBreak } from '../../src/compare/pit.ts';

t.test('a rank: the runs below and equal to the kernel', async (t) => {
  t.same(rankAmong(3, [1, 2, 3, 3, 5]), { below: 2, ties: 2, runs: 5 });
  t.same(rankAmong(0, Float64Array.of(1, 2)), { below: 0, ties: 0, runs: 2 });
  t.same(rankAmong(9, []), { below: 0, ties: 0, runs: 0 });
});

t.test('the PIT: (rank + 0.5) / (runs + 1), the rank drawn within the ties', async (t) => {
  // Without ties the draw does nothing: below 0 of 999 is 0.5 / 1000 whatever u.
  t.equal(pitOf({ below: 0, ties: 0, runs: 999 }, 0.7).pit, 0.0005);
  t.equal(pitOf({ below: 999, ties: 0, runs: 999 }, 0.1).pit, 0.9995);
  // 2 below and 2 equal of 5: the rank is 2, 3 or 4 (a third of [0, 1) each), the PIT (rank + 0.5) / 6.
  const r = { below: 2, ties: 2, runs: 5 };
  t.same([0, 0.33, 0.34, 0.66, 0.67, 0.999].map((u) => pitOf(r, u).pit), [2.5 / 6, 2.5 / 6, 3.5 / 6, 3.5 / 6, 4.5 / 6, 4.5 / 6]);
  t.same(pitOf(r, 0.5), { below: 2, ties: 2, runs: 5, pit: 3.5 / 6 }, 'the rank kept beside it');
});

t.test('with ties, the drawn rank is uniform when the kernel is one more draw; the mid-rank is not', async (t) => {
  // Ten exchangeable values with ties; each in turn is the kernel, the other nine its runs.
  // P(rank = j) = 1/10 sum over k of [below_k <= j <= below_k + ties_k] / (ties_k + 1): 1/10 for every j
  // (e.g. a 0 as kernel: 0 below, 4 ties, rank 0..4 each 1/5; five 0s give each of 0..4 a tenth).
  const values = [0, 0, 0, 0, 0, 1, 1, 2, 3, 3];
  const p = new Array(10).fill(0);
  const mid = new Array(10).fill(0);
  values.forEach((x, k) => {
    const r = rankAmong(x, values.filter((_, i) => i !== k));
    for (let j = r.below; j <= r.below + r.ties; j++) p[j] += 1 / 10 / (r.ties + 1);
    // The mid-rank, below + ties / 2, rounded down to a rank.
    mid[Math.floor(r.below + r.ties / 2)] += 1 / 10;
  });
  t.equal(p.length, 10);
  t.ok(p.every((x) => Math.abs(x - 0.1) < 1e-12), `uniform: ${p.map((x) => x.toFixed(3)).join(' ')}`);
  t.equal(mid[2], 0.5, 'the mid-rank puts the five 0s at rank 2');
});

t.test('the tie-break draw is a function of the seed and the name', async (t) => {
  const u = tieBreak(1, 'base:C1');
  t.ok(u >= 0 && u < 1);
  t.equal(tieBreak(1, 'base:C1'), u);
  t.not(tieBreak(2, 'base:C1'), u);
  t.not(tieBreak(1, 'patched:C1'), u);
  // Spread over [0, 1): 1000 names, a tenth in each tenth give or take 4 sd of binomial(1000, 0.1) (9.5).
  const us = Array.from({ length: 1000 }, (_, i) => tieBreak(1, `base:area:${i}`));
  const bins = Array.from({ length: 10 }, (_, k) => us.filter((x) => Math.floor(x * 10) === k).length);
  t.equal(bins.reduce((a, b) => a + b, 0), 1000);
  t.ok(bins.every((n) => Math.abs(n - 100) < 38), bins.join(' '));
});

t.test("a run's salt: a hash of what it measured", async (t) => {
  const a = runSalt([Float64Array.of(1, 2.5), Int32Array.of(3, 4)]);
  t.equal(runSalt([Float64Array.of(1, 2.5), Int32Array.of(3, 4)]), a, 'the same numbers, the same salt');
  t.not(runSalt([Float64Array.of(1, 2.5), Int32Array.of(3, 5)]), a, 'one count more, another');
  t.not(runSalt([Float64Array.of(1, 2.5, 3), Int32Array.of(4)]), a, 'the same numbers split otherwise, another');
  t.ok(Number.isInteger(a) && a >= 0 && a < 2 ** 32);
});

t.test('outside every run: strictly above all, strictly below all, or neither (a tie block is not outside)', async (t) => {
  t.equal(outsideEveryRun(rankAmong(6, [1, 2, 5])), 'above', '3 of 3 below');
  t.equal(outsideEveryRun(rankAmong(0, [1, 2, 5])), 'below', 'none below, none equal');
  t.equal(outsideEveryRun(rankAmong(1, [1, 2, 5])), undefined, 'equal to the lowest run: its rank may be drawn 0, yet it is not outside');
  t.equal(outsideEveryRun(rankAmong(5, [1, 2, 5])), undefined, 'equal to the highest');
  t.equal(outsideEveryRun(rankAmong(0, [0, 0, 0])), undefined, 'all tied (a miss area 0 like every run)');
  t.equal(outsideEveryRun({ below: 0, ties: 0, runs: 0 }), undefined, 'no runs: nothing to be outside of');
});
