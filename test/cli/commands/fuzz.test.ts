// fuzz's options turned into verify's (no kernel is touched): without --mutant
// both variants of the series; with it, exactly what `mutants` asks verify for
// (the patched variant alone, the catalogue's patch over the series) and the
// tag the journal keeps, the digest that of the patch's diff.
import t from 'tap';
import { verifyOptionsOf } from '../../../src/cli/commands/fuzz.ts';
import { mutantById, mutantVerifyOptions, patchDigest } from '../../../src/mutants/variant.ts';

const base = { accel: 'tcg', warp: true, modelRuns: 1000 };

t.test('without --mutant: no variants chosen (verify runs both), no mutant, no tag', async (t) => {
  const o = await verifyOptionsOf(base);
  t.equal(o.variants, undefined);
  t.equal(o.mutant, undefined);
  t.equal(o.mutantTag, undefined);
  t.equal(o.modelRuns, 1000);
});

t.test("--mutant: mutants' own verify options, and the tag", async (t) => {
  const o = await verifyOptionsOf({ ...base, mutant: 'assure-ct-inverted' });
  const m = await mutantById('assure-ct-inverted');
  t.same(o.variants, ['patched']);
  t.same({ variants: o.variants, mutant: o.mutant }, mutantVerifyOptions(m));
  t.match(o.mutant!.diff, /\+\tif \(ct && \(ct->state & IP_VS_CTPL_S_ASSURED\) &&/, 'the inverted test of ip_vs_control_assure_ct()');
  t.same(o.mutantTag, { id: 'assure-ct-inverted', sha256: patchDigest(m.patch) });
  t.equal(o.accel, 'tcg');
});
