// How a run builds a mutant, shared by `mutants` and `fuzz --mutant`: the
// patched variant alone, its files the series plus the mutant's patch
// (src/pipeline/inputs.ts applies it over them), judged against the patched
// model; and the mutant's tag (id and patch digest) a record keeps, so that two
// records of one id made from different patches are told apart.
import { createHash } from 'node:crypto';
import type { SeriesPatch } from '../series/read.ts';
import type { VariantName } from '../pipeline/defaults.ts';
import { readCatalogue, MUTANTS_DIR, type Mutant } from './catalogue.ts';
import { chooseMutants } from './plan.ts';

/** What a record names a mutant by: its id, and the sha256 of its diff. */
export interface MutantTag {
  id: string;
  sha256: string;
}

/** The sha256 of a patch's diff (the metadata's `mutant.sha256`). */
export const patchDigest = (p: SeriesPatch): string => createHash('sha256').update(p.diff).digest('hex');

export const mutantTag = (m: Mutant): MutantTag => ({ id: m.id, sha256: patchDigest(m.patch) });

/** verify's options that make a run the mutant's: the patched variant only, the mutant over the series. */
export const mutantVerifyOptions = (m: Mutant): { variants: VariantName[]; mutant: SeriesPatch } => ({ variants: ['patched'], mutant: m.patch });

/** The catalogue's mutant `id` (a user error naming --mutant when there is none). */
export async function mutantById(id: string, catalogue = MUTANTS_DIR): Promise<Mutant> {
  return chooseMutants(await readCatalogue(catalogue), [id])[0]!;
}
