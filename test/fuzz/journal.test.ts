// The journal: lines appended read back in order; a last line cut short left
// out; the latest record of a case wins.
import t from 'tap';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { appendJournal, kernelName, latestByCase, mutantMismatch, readJournal, sameKernel } from '../../src/fuzz/journal.ts';
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

t.test('mutantMismatch: one kernel a campaign; the message names --mutant', async (t) => {
  const a = { id: 'tcp-no-assure', sha256: 'a'.repeat(64) };
  const a2 = { id: 'tcp-no-assure', sha256: 'b'.repeat(64) };
  const u = { id: 'udp-no-assure', sha256: 'a'.repeat(64) };
  t.equal(mutantMismatch(undefined, undefined), undefined, 'the series both times');
  t.equal(mutantMismatch(a, { ...a }), undefined, 'the same id and digest');
  t.ok(sameKernel(a, { ...a }));
  t.notOk(sameKernel(a, a2));
  t.notOk(sameKernel(undefined, a));
  t.equal(
    mutantMismatch(a, u),
    `--mutant: the journal's cases ran on --mutant tcp-no-assure (patch sha256 aaaaaaaaaaaa), this campaign on --mutant udp-no-assure (patch sha256 aaaaaaaaaaaa): one campaign, one kernel; give the same --mutant or another --out`,
  );
  t.match(mutantMismatch(undefined, a), /^--mutant: the journal's cases ran on the series without --mutant, this campaign on --mutant tcp-no-assure/);
  t.match(mutantMismatch(a, undefined), /^--mutant: the journal's cases ran on --mutant tcp-no-assure .*, this campaign on the series without --mutant/);
  t.equal(mutantMismatch(a, a2), '--mutant tcp-no-assure: its patch has changed since the journal\'s cases ran (sha256 aaaaaaaaaaaa then, bbbbbbbbbbbb now): another kernel; use another --out');
  t.equal(kernelName(undefined), 'the series without --mutant');
});
