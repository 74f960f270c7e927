// The campaign's journal: one JSON line a finished case, appended as each
// ends, so an interrupted campaign resumes where it stopped (--resume) and a
// report can be made from it at any time.
import { appendFile, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { CaseRecord } from './case-record.ts';
import { userError } from '../errors.ts';

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
