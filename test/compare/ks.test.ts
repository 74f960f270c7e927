import t from 'tap';
import { histogram, kolmogorovQ, ksPValue, ksStatistic, ksUniform } from '../../src/compare/ks.ts';

t.test('the KS statistic of a small sample, by hand', async (t) => {
  // 0.1, 0.4, 0.7: i/n - x_(i) = 0.233, 0.267, 0.3; x_(i) - (i-1)/n = 0.1, 0.067, 0.033: D = 0.3.
  t.ok(Math.abs(ksStatistic([0.7, 0.1, 0.4]) - 0.3) < 1e-12);
  // One point at 0.5: the empirical CDF jumps 0 -> 1 there, 0.5 from the diagonal on both sides.
  t.equal(ksStatistic([0.5]), 0.5);
  // The midpoints of n bins are as uniform as n points get: D = 1/(2n).
  t.ok(Math.abs(ksStatistic(Array.from({ length: 10 }, (_, i) => (i + 0.5) / 10)) - 0.05) < 1e-12);
  // All at 0: D = 1.
  t.equal(ksStatistic([0, 0, 0]), 1);
});

t.test("Kolmogorov's limit at the tables' critical values", async (t) => {
  // Asymptotic critical values of sqrt(n) D (e.g. Smirnov 1948's table): 1.2238 at 10%, 1.3581 at 5%, 1.6276 at 1%.
  t.ok(Math.abs(kolmogorovQ(1.2238) - 0.1) < 1e-4, `${kolmogorovQ(1.2238)}`);
  t.ok(Math.abs(kolmogorovQ(1.3581) - 0.05) < 1e-4, `${kolmogorovQ(1.3581)}`);
  t.ok(Math.abs(kolmogorovQ(1.6276) - 0.01) < 1e-4, `${kolmogorovQ(1.6276)}`);
  // Both series agree where they meet (1.18), and the small-l one goes to 1: Q(0.5) = 0.9639 (the table's 0.96394).
  t.ok(Math.abs(kolmogorovQ(1.1799) - kolmogorovQ(1.1801)) < 1e-3);
  t.ok(Math.abs(kolmogorovQ(0.5) - 0.96394) < 1e-4, `${kolmogorovQ(0.5)}`);
  t.equal(kolmogorovQ(0), 1);
});

t.test('the p-value for a known D and n: the small-sample tables', async (t) => {
  // Exact two-sided critical values (Miller 1956): at 5%, n = 10: D = 0.409, n = 20: 0.294; at 1%, n = 20: 0.352.
  t.ok(Math.abs(ksPValue(10, 0.409) - 0.05) < 0.003, `n 10, D 0.409: p ${ksPValue(10, 0.409)}`);
  t.ok(Math.abs(ksPValue(20, 0.294) - 0.05) < 0.003, `n 20, D 0.294: p ${ksPValue(20, 0.294)}`);
  t.ok(Math.abs(ksPValue(20, 0.352) - 0.01) < 0.002, `n 20, D 0.352: p ${ksPValue(20, 0.352)}`);
  // The test on a sample whose D is 0.409 by construction: x_(i) = (i - 1)/10 + 0.409, capped at 1, so
  // x_(i) - (i - 1)/n is 0.409 at most and i/n - x_(i) at most 0.1 - 0.409 < 0.
  const xs = Array.from({ length: 10 }, (_, i) => Math.min(1, i / 10 + 0.409));
  const test = ksUniform(xs)!;
  t.equal(test.n, 10);
  t.ok(Math.abs(test.d - 0.409) < 1e-12, `D ${test.d}`);
  t.equal(test.p, ksPValue(10, test.d));
  t.equal(ksUniform([]), undefined);
});

t.test('a histogram of ten bins over [0, 1]', async (t) => {
  t.same(histogram([0, 0.05, 0.1, 0.55, 0.99, 1]), [2, 1, 0, 0, 0, 1, 0, 0, 0, 2]);
  t.same(histogram([0.3, 0.6], 2), [1, 1]);
});
