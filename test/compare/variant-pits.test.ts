import t from 'tap';
import { claimPits, seriesPits } from '../../src/compare/variant-pits.ts';
import type { BandCheck } from '../../src/compare/bands.ts';
import type { Claim } from '../../src/claims/types.ts';

const check = (series: BandCheck['series'], runs: Partial<BandCheck['runs']>): BandCheck =>
  ({ series, samples: 10, inside: 10, fraction: 1, area: 0, agrees: true, runs: { count: 1000, lowestFraction: 1, largestArea: 0, wider: 1000, equal: 1000, underAgreement: 0, ...runs } }) as BandCheck;

t.test("a series' miss-area PIT: runs below are those not as wide, ties those equal", async (t) => {
  // In band (area 0) with 990 runs in band and 10 out: no run below, 990 ties: rank 0..990, PIT at most 990.5 / 1001.
  // Out by more than 995 runs, less than the other 5 (wider 5, equal 0): 995 below, rank 995, PIT 995.5 / 1001.
  const pits = seriesPits([check('templates', { wider: 1000, equal: 990 }), check('conns', { wider: 5, equal: 0 }), check('assured', { count: 0, wider: 0, equal: 0 })], 1, 'base', 7);
  t.same(Object.keys(pits).sort(), ['conns', 'templates'], 'a check whose runs were not measured has none');
  t.same({ ...pits.templates, pit: undefined }, { below: 0, ties: 990, runs: 1000, pit: undefined });
  t.ok(pits.templates!.pit > 0 && pits.templates!.pit <= 990.5 / 1001);
  t.same(pits.conns, { below: 995, ties: 0, runs: 1000, pit: 995.5 / 1001 });
  t.same(seriesPits([check('templates', { wider: 1000, equal: 990 })], 1, 'base', 7), { templates: pits.templates }, 'the same seed and run, the same draw');
  // Another run (salt) of the same ties draws its own rank: 20 runs, 20 ranks of 991 (all distinct but with probability ~0.8).
  const drawn = Array.from({ length: 20 }, (_, salt) => seriesPits([check('templates', { wider: 1000, equal: 990 })], 1, 'base', salt).templates!.pit);
  t.equal(drawn.length, 20);
  t.ok(new Set(drawn).size >= 18, `distinct PITs: ${new Set(drawn).size}`);
});

t.test("claims' PITs per carrying variant, their ranks taken off the claims", async (t) => {
  const claim = (id: Claim['id'], variant: Claim['variant'], rank?: Claim['rank']): Claim => ({ id, variant, title: '', outcome: 'pass', reason: '', numbers: {}, ...(rank ? { rank } : {}) });
  const claims = [claim('C1', 'base', { below: 10, ties: 0, runs: 99 }), claim('C2', 'patched', { below: 99, ties: 0, runs: 99 }), claim('C3', 'base'), claim('C4', 'both', { below: 0, ties: 0, runs: 9 })];
  const pits = claimPits(claims, 1, { base: 3, patched: 4 });
  t.same(pits, { base: { C1: { below: 10, ties: 0, runs: 99, pit: 0.105 } }, patched: { C2: { below: 99, ties: 0, runs: 99, pit: 0.995 } } });
  t.equal(claims.length, 4);
  t.ok(claims.every((c) => !('rank' in c)), 'the claim table keeps no rank');
});
