// The mutant catalogue (fixtures/mutants/): one patch a plausible bug of the
// series, applied over the patched variant. Each file opens with header lines
// before its diff:
//   Mutant: <id>            unique, [a-z0-9-]
//   Hunk: <p.h>             the series hunk it targets (src/coverage/hunks.ts numbering)
//   Breaks: <text>          what it breaks
//   Equivalent: <text>      (optional) why no run can tell it from the patched kernel
//   Expect: <text>          (optional) which scenario and band or claim should kill it
import { readdir, readFile } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { userError } from '../errors.ts';
import { parseSeriesText, type SeriesPatch } from '../series/read.ts';

export const MUTANTS_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '../../fixtures/mutants');

export interface MutantInfo {
  id: string;
  hunk: string;
  breaks: string;
  equivalent?: string;
  expect?: string;
  /** The file's name in the catalogue. */
  file: string;
}

export interface Mutant extends MutantInfo {
  patch: SeriesPatch;
}

const ID = /^[a-z0-9][a-z0-9-]*$/;
const HUNK = /^(\d+)\.(\d+)$/;

/** The header's `Key: value` lines, up to the first blank line or the diff. */
function headerOf(text: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const line of text.split('\n')) {
    if (line.trim() === '' || line.startsWith('diff --git ') || line.startsWith('--- ')) break;
    const m = /^([A-Za-z]+):\s*(.*)$/.exec(line);
    if (m) out.set(m[1]!.toLowerCase(), m[2]!.trim());
  }
  return out;
}

/** One catalogue file: its header and its diff, as the series reader parses it. */
export function parseMutant(text: string, file: string): Mutant {
  const h = headerOf(text);
  const need = (k: string) => {
    const v = h.get(k);
    if (!v) throw userError(`${file}: no "${k[0]!.toUpperCase()}${k.slice(1)}:" header line`);
    return v;
  };
  const id = need('mutant');
  if (!ID.test(id)) throw userError(`${file}: mutant id "${id}" is not lower-case letters, digits and dashes`);
  const hunk = need('hunk');
  if (!HUNK.test(hunk)) throw userError(`${file}: hunk "${hunk}" is not <patch>.<hunk>, e.g. 2.6`);
  const breaks = need('breaks');
  const patches = parseSeriesText(text, file);
  if (patches.length !== 1) throw userError(`${file}: expected one diff, found ${patches.length}`);
  const patch = { ...patches[0]!, subject: `mutant ${id}: ${breaks}` };
  const eq = h.get('equivalent');
  const ex = h.get('expect');
  return { id, hunk, breaks, ...(eq ? { equivalent: eq } : {}), ...(ex ? { expect: ex } : {}), file, patch };
}

/** Catalogue order: by patch and hunk number, then id. */
export function byHunk(a: MutantInfo, b: MutantInfo): number {
  const [ap, ah] = a.hunk.split('.').map(Number);
  const [bp, bh] = b.hunk.split('.').map(Number);
  return ap! - bp! || ah! - bh! || a.id.localeCompare(b.id);
}

export async function readCatalogue(dir = MUTANTS_DIR): Promise<Mutant[]> {
  const names = (await readdir(dir).catch((e: Error) => { throw userError(`cannot read the mutant catalogue ${dir}: ${e.message}`); }))
    .filter((f) => f.endsWith('.patch'))
    .sort();
  if (names.length === 0) throw userError(`${dir}: no mutant (*.patch) in the catalogue`);
  const out: Mutant[] = [];
  const seen = new Map<string, string>();
  for (const f of names) {
    const m = parseMutant(await readFile(join(dir, f), 'utf8'), basename(f));
    const twin = seen.get(m.id);
    if (twin) throw userError(`mutant id "${m.id}" is used by both ${twin} and ${f}`);
    seen.set(m.id, f);
    out.push(m);
  }
  return out.sort(byHunk);
}

/** What a record keeps of a mutant (not its diff). */
export const infoOf = ({ patch: _patch, ...info }: Mutant): MutantInfo => info;
