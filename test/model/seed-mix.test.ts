import t from 'tap';
import { xoroshiro128plus, type RandomGenerator } from 'pure-rand';
import { STREAMS, seededStream, splitmix64 } from '../../src/model/seed-mix.ts';

t.test('splitmix64: the reference outputs', async (t) => {
  // Vigna's splitmix64.c started at 1234567 prints these first three outputs (the widely quoted check values).
  let s = 1234567n;
  const outs: bigint[] = [];
  for (let i = 0; i < 3; i++) {
    const x = splitmix64(s);
    outs.push(x.out);
    s = x.next;
  }
  t.same(outs, [6457827717110365317n, 3203168211198807973n, 9817491932198370423n]);
});

t.test('a stream is a function of its seed and stream number alone', async (t) => {
  const draws = (g: RandomGenerator) => Array.from({ length: 4 }, () => g.unsafeNext());
  t.same(draws(seededStream(42, STREAMS.sim)), draws(seededStream(42, STREAMS.sim)), 'same seed, same draws');
  t.not(draws(seededStream(42, STREAMS.sim))[0], draws(seededStream(42, STREAMS.uncertainty))[0], "the uncertainty's stream is not the simulation's");
  t.not(draws(seededStream(42, STREAMS.sim))[0], draws(seededStream(43, STREAMS.sim))[0]);
});

/** Pearson's correlation of x[i] with x[i+1]. */
function lag1(x: number[]): number {
  const a = x.slice(0, -1);
  const b = x.slice(1);
  const mean = (v: number[]) => v.reduce((s, y) => s + y, 0) / v.length;
  const ma = mean(a);
  const mb = mean(b);
  let sab = 0;
  let saa = 0;
  let sbb = 0;
  for (let i = 0; i < a.length; i++) {
    sab += (a[i]! - ma) * (b[i]! - mb);
    saa += (a[i]! - ma) ** 2;
    sbb += (b[i]! - mb) ** 2;
  }
  return sab / Math.sqrt(saa * sbb);
}

const SEEDS = 1000;
const unit = (g: RandomGenerator) => (g.unsafeNext() >>> 0) / 2 ** 32;
// Consecutive seeds' first draws are independent uniforms if the mixing works:
// then the lag-1 correlation of 1000 of them is about normal with mean 0 and
// sd 1/sqrt(999) = 0.0316, so |r| < 0.13 (4 sd) holds but with probability
// ~6e-5 (and, the draws being fixed, it either holds for these seeds or not).
const LIMIT = 4 / Math.sqrt(SEEDS - 1);

t.test("neighbouring seeds' first draws are uncorrelated (the runs of a Monte Carlo: seed + r)", async (t) => {
  t.ok(LIMIT > 0.12 && LIMIT < 0.13);
  for (const stream of [STREAMS.sim, STREAMS.uncertainty]) {
    const first = Array.from({ length: SEEDS }, (_, r) => unit(seededStream(1 + r, stream)));
    t.equal(first.length, SEEDS);
    const r = lag1(first);
    t.ok(Math.abs(r) < LIMIT, `stream ${stream}: lag-1 correlation ${r.toFixed(4)} within ${LIMIT.toFixed(3)}`);
    // And they cover [0, 1): a tenth of them in each tenth, give or take 4 sd of a binomial(1000, 0.1) (9.5).
    const bins = Array.from({ length: 10 }, (_, k) => first.filter((u) => Math.floor(u * 10) === k).length);
    t.ok(bins.every((n) => Math.abs(n - 100) < 38), `spread over [0, 1): ${bins.join(' ')}`);
  }
  // What the check catches: unmixed, the first output is ~seed, so consecutive seeds' first draws fall on a line.
  const unmixed = Array.from({ length: SEEDS }, (_, r) => unit(xoroshiro128plus(1 + r)));
  t.ok(lag1(unmixed) > 0.99, `unmixed seeds: lag-1 correlation ${lag1(unmixed).toFixed(4)}`);
});
