// The campaign's journal: one JSON line a finished case, appended as each
// ends, so an interrupted campaign resumes where it stopped (--resume) and a
// report can be made from it at any time.
import { appendFile, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { CaseRecord } from './case-record.ts';
import { userError } from '../errors.ts';
import type { MutantTag } from '../mutants/variant.ts';

export const JOURNAL = 'journal.jsonl';

/**
 * The records of a journal, in the order written. A last line cut short (the
 * campaign killed while writing it) is left out: that case runs again.
 */
export async function readJournal(dir: string): Promise<CaseRecord[]> {
  let text: string;
  try {
    text = await readFile(join(dir, JOURNAL), 'utf8');
  } catch (e) {
    if ((e as { code?: string }).code === 'ENOENT') return [];
    throw e;
  }
  const lines = text.split('\n').filter((l) => l.trim() !== '');
  const out: CaseRecord[] = [];
  lines.forEach((l, k) => {
    try {
      out.push(JSON.parse(l) as CaseRecord);
    } catch (e) {
      if (k !== lines.length - 1 || text.endsWith('\n')) throw userError(`${join(dir, JOURNAL)}:${k + 1}: not a journal line`, { cause: e });
    }
  });
  return out;
}

export async function appendJournal(dir: string, r: CaseRecord): Promise<void> {
  await appendFile(join(dir, JOURNAL), JSON.stringify(r) + '\n');
}

/** Pure: the last record of each case (a case run again after a change of arbitrary replaces its earlier line). */
export function latestByCase(records: CaseRecord[]): CaseRecord[] {
  const m = new Map<string, CaseRecord>();
  for (const r of records) m.set(`${r.fuzzSeed}/${r.index}`, r);
  return [...m.values()].sort((a, b) => a.fuzzSeed - b.fuzzSeed || a.index - b.index);
}

/** Pure: whether two records ran on one kernel: the same mutant (id and patch digest), or neither a mutant. */
export const sameKernel = (a: MutantTag | undefined, b: MutantTag | undefined): boolean => a?.id === b?.id && a?.sha256 === b?.sha256;

/** Pure: the kernel a record ran on, in words. */
export const kernelName = (m: MutantTag | undefined): string => (m ? `--mutant ${m.id} (patch sha256 ${m.sha256.slice(0, 12)})` : 'the series without --mutant');

/**
 * Pure: why a journal's cases, made with mutant `had`, cannot be resumed with
 * `now` (undefined when they can): the kernels would differ, so the campaign
 * would mix two kernels' cases in one report. A mutant whose patch changed
 * since (same id, other digest) is another kernel too.
 */
export function mutantMismatch(had: MutantTag | undefined, now: MutantTag | undefined): string | undefined {
  if (sameKernel(had, now)) return undefined;
  if (had && now && had.id === now.id) return `--mutant ${now.id}: its patch has changed since the journal's cases ran (sha256 ${had.sha256.slice(0, 12)} then, ${now.sha256.slice(0, 12)} now): another kernel; use another --out`;
  return `--mutant: the journal's cases ran on ${kernelName(had)}, this campaign on ${kernelName(now)}: one campaign, one kernel; give the same --mutant or another --out`;
}
