// The journal: lines appended read back in order; a last line cut short left
// out; the latest record of a case wins.
import t from 'tap';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { appendJournal, latestByCase, readJournal } from '../../src/fuzz/journal.ts';
import type { CaseRecord } from '../../src/fuzz/case-record.ts';

const rec = (index: number, hash: string): CaseRecord => ({ index, fuzzSeed: 1, seed: 100 + index, hash, outcome: 'pass', first: { variants: {}, claims: [], wallSeconds: 1 }, dir: `fuzz-000${index}`, wallSeconds: 1 });

t.test('append, read, cut line, latest', async (t) => {
  const dir = t.testdir();
  t.same(await readJournal(dir), [], 'no journal: no case');
  await appendJournal(dir, rec(1, 'a'));
  await appendJournal(dir, rec(0, 'b'));
  await appendJournal(dir, rec(1, 'c'));
  const all = await readJournal(dir);
  t.same(all.map((r) => r.hash), ['a', 'b', 'c']);
  t.same(latestByCase(all).map((r) => [r.index, r.hash]), [[0, 'b'], [1, 'c']]);
  await writeFile(join(dir, 'journal.jsonl'), `${JSON.stringify(rec(0, 'b'))}\n{"index": 1, "fuzz`);
  t.same((await readJournal(dir)).map((r) => r.hash), ['b'], 'the cut last line left out');
});
