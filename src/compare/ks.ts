// Pure: is a sample uniform on (0, 1)? The one-sample Kolmogorov-Smirnov
// test against U(0, 1), for PITs (./pit.ts), and a histogram of them.
// (@stdlib/stats-kstest does it too, with 318 packages behind it; the
// statistic and its asymptotic p-value are a few lines: against its exact
// p-values, within 0.01 on samples of 3 to 200.)

/** D = sup |F_n(x) - x|: over the sorted sample, max of i/n - x_(i) and x_(i) - (i-1)/n. */
export function ksStatistic(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const n = s.length;
  let d = 0;
  for (let i = 0; i < n; i++) d = Math.max(d, (i + 1) / n - s[i]!, s[i]! - i / n);
  return d;
}

/**
 * Kolmogorov's limit: Q(l) = P(sqrt(n) D > l) for large n, = 2 sum_k>=1
 * (-1)^(k-1) exp(-2 k^2 l^2). That series converges slowly for small l; there
 * the equivalent 1 - sqrt(2 pi)/l sum_k>=1 exp(-(2k-1)^2 pi^2 / (8 l^2)) is used.
 */
export function kolmogorovQ(l: number): number {
  if (l <= 0) return 1;
  let sum = 0;
  if (l < 1.18) {
    for (let k = 1; k <= 20; k++) sum += Math.exp(-((2 * k - 1) ** 2) * Math.PI ** 2 / (8 * l * l));
    return Math.min(1, Math.max(0, 1 - (Math.sqrt(2 * Math.PI) / l) * sum));
  }
  for (let k = 1; k <= 100; k++) sum += (k % 2 === 1 ? 2 : -2) * Math.exp(-2 * k * k * l * l);
  return Math.min(1, Math.max(0, sum));
}

export interface KsTest {
  n: number;
  d: number;
  /** P(D >= d) for a uniform sample of n, asymptotic with Stephens' (1970) correction for finite n. */
  p: number;
}

/** P(D >= d) for a uniform sample of n: Kolmogorov's limit at Stephens' (1970) finite-n scaling of d. */
export function ksPValue(n: number, d: number): number {
  const rn = Math.sqrt(n);
  return kolmogorovQ((rn + 0.12 + 0.11 / rn) * d);
}

/** The test, or undefined for an empty sample. */
export function ksUniform(xs: readonly number[]): KsTest | undefined {
  const n = xs.length;
  if (n === 0) return undefined;
  const d = ksStatistic(xs);
  return { n, d, p: ksPValue(n, d) };
}

/** Counts in `bins` equal bins of [0, 1] (1 itself in the last). */
export function histogram(xs: readonly number[], bins = 10): number[] {
  const out = new Array<number>(bins).fill(0);
  for (const x of xs) out[Math.min(bins - 1, Math.max(0, Math.floor(x * bins)))]!++;
  return out;
}
