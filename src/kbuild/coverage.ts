// The gcov flavour of a variant's tree: GCOV_PROFILE := y in the Makefile of
// each directory whose C files the series touches, written into the scratch
// work tree like the series itself (never into the user's tree). Headers are
// counted in the objects that include them.
import { readFile } from 'node:fs/promises';
import type { Variants } from '../series/apply.ts';
import type { Variant } from '../model/params.ts';
import { dirname, join } from 'node:path';
import { userError } from '../errors.ts';

const GCOV_LINE = '\n# ipvs-verify --coverage\nGCOV_PROFILE := y\n';

/** Pure: the directories to instrument, from the files the series touches. */
const gcovDirs = (touched: string[]): string[] => [...new Set(touched.filter((f) => f.endsWith('.c')).map((f) => dirname(f)))].sort();

/** The gcov flavour of a series: the files it touches, the directories to instrument, their Makefiles. */
export async function gcovFlavour(sourceDir: string, touched: string[]) {
  return { touched, dirs: gcovDirs(touched), makefiles: await coverageMakefiles(sourceDir, touched) };
}

/** Each instrumented directory's Makefile, as the source has it plus GCOV_PROFILE := y. */
async function coverageMakefiles(sourceDir: string, touched: string[]): Promise<Map<string, Buffer>> {
  const out = new Map<string, Buffer>();
  for (const d of gcovDirs(touched)) {
    const path = join(d, 'Makefile');
    const text = await readFile(join(sourceDir, path), 'utf8').catch(() => undefined);
    if (text === undefined) throw userError(`--coverage: ${path} not found in the source: cannot instrument ${d}`);
    out.set(path, Buffer.from(text + GCOV_LINE));
  }
  return out;
}

/** The touched files' texts as each variant has them: its own copy where the series changes it, else the source's. */
export async function variantTexts(sourceDir: string, derived: Pick<Variants, Variant>, touched: string[]): Promise<Map<string, { base: string | null; patched: string | null }>> {
  const text = async (m: Map<string, Buffer | null>, f: string) => {
    const b = m.has(f) ? m.get(f)! : await readFile(join(sourceDir, f)).catch(() => null);
    return b === null ? null : b.toString('utf8');
  };
  const out = new Map<string, { base: string | null; patched: string | null }>();
  for (const f of touched) out.set(f, { base: await text(derived.base, f), patched: await text(derived.patched, f) });
  return out;
}
