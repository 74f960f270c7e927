// The mutant as a run builds it, shared by `mutants` and `fuzz --mutant`: the
// patched variant alone with the mutant's own patch; its tag's digest is the
// sha256 of the diff (checked against node's hash of the file's diff part,
// read by hand below); an unknown id is a user error naming --mutant.
import t from 'tap';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { mutantById, mutantTag, mutantVerifyOptions, patchDigest } from '../../src/mutants/variant.ts';
import { MUTANTS_DIR } from '../../src/mutants/catalogue.ts';
import { VerifyError } from '../../src/errors.ts';

t.test('mutantById: the catalogue file of that id; its verify options and tag', async (t) => {
  const m = await mutantById('tcp-no-assure');
  t.equal(m.file, '1-11-tcp-no-assure.patch');
  const o = mutantVerifyOptions(m);
  t.same(o.variants, ['patched'], 'base is not built');
  t.equal(o.mutant, m.patch, "the mutant's own patch over the series");
  // The diff part by hand: from the file's first "diff --git" line to its end.
  const text = readFileSync(join(MUTANTS_DIR, m.file), 'utf8');
  const diff = text.slice(text.indexOf('diff --git '));
  t.equal(m.patch.diff.trim(), diff.trim(), 'the patch is the diff part (the check below depends on it)');
  const digest = createHash('sha256').update(m.patch.diff).digest('hex');
  t.equal(patchDigest(m.patch), digest);
  t.match(digest, /^[0-9a-f]{64}$/);
  t.same(mutantTag(m), { id: 'tcp-no-assure', sha256: digest });
  // Another mutant, another digest.
  t.not(mutantTag(await mutantById('udp-no-assure')).sha256, digest);
});

t.test('mutantById: an unknown id is a user error naming --mutant', async (t) => {
  const e = await mutantById('no-such').catch((x: unknown) => x);
  t.ok(e instanceof VerifyError && e.kind === 'user');
  t.match((e as Error).message, /^--mutant: no mutant "no-such" in the catalogue/);
});
