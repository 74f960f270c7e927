// A case's seed, its hash, the replay argument.
import t from 'tap';
import { caseSeed, caseName, parseReplay, scenarioAt, scenarioHash } from '../../src/fuzz/draw.ts';

t.test('caseSeed: mixed, non-negative, deterministic', async (t) => {
  const seeds = Array.from({ length: 1000 }, (_, i) => caseSeed(1, i));
  t.equal(seeds.length, 1000);
  t.equal(new Set(seeds).size, 1000, 'no two cases of a campaign share a seed');
  t.ok(seeds.every((s) => Number.isInteger(s) && s >= 0 && s < 2 ** 31));
  t.equal(caseSeed(1, 5), seeds[5]);
  // Neighbours are far apart (not consecutive integers): their differences are large.
  t.ok(Math.abs(seeds[1]! - seeds[0]!) > 1000);
  t.not(caseSeed(2, 0), caseSeed(1, 0), 'another campaign seed, other cases');
});

t.test('scenarioHash: content only, key order irrelevant', async (t) => {
  const s = scenarioAt(caseSeed(3, 0), caseName(0));
  t.equal(scenarioHash({ ...s, name: 'other' }), scenarioHash(s));
  // Every object's keys in reverse order, at every depth.
  const reverse = (v: unknown): unknown => (v !== null && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).reverse().map(([k, x]) => [k, reverse(x)])) : v);
  const reordered = reverse(s) as typeof s;
  t.not(JSON.stringify(reordered), JSON.stringify(s), 'the order differs');
  t.equal(scenarioHash(reordered), scenarioHash(s));
  t.not(scenarioHash({ ...s, duration: s.duration + 1 }), scenarioHash(s));
  t.match(scenarioHash(s), /^[0-9a-f]{16}$/);
});

t.test('parseReplay: SEED or SEED:PATH', async (t) => {
  t.same(parseReplay('123'), { seed: 123 });
  t.same(parseReplay('123:0:2:1'), { seed: 123, path: '0:2:1' });
  t.throws(() => parseReplay('abc'), /--replay wants SEED or SEED:PATH/);
  t.throws(() => parseReplay('1:'), /--replay wants/);
  t.equal(caseName(7), 'fuzz-0007');
});
