// The mutants' table (mutants.md) from a hand-made record: each line expected
// as written by hand from the record below.
import t from 'tap';
import { mutantsMarkdown, scoreLine } from '../../src/mutants/table.ts';
import type { MutantsRecord } from '../../src/mutants/record.ts';

const r: MutantsRecord = {
  tool: 'ipvs-verify',
  kind: 'mutants',
  kernelLine: '6.1',
  mutants: [
    { id: 'assured-bit-value', hunk: '1.1', breaks: 'the bit moves', equivalent: 'every user names the constant', file: 'a.patch' },
    { id: 'tcp-no-assure', hunk: '1.11', breaks: 'no assure | TCP', file: 'b.patch' },
    { id: 'sync-v0-state-zero', hunk: '1.13', breaks: 'v0 forces 0', expect: 'a v0 sync scenario', file: 'c.patch' },
    { id: 'scan-fraction-16', hunk: '2.6', breaks: 'scans 1/16', file: 'd.patch' },
  ],
  scenarios: ['smoke', 'sync'],
  cells: [
    { mutant: 'assured-bit-value', scenario: 'smoke', outcome: 'survived', by: [], note: '', seconds: 1 },
    { mutant: 'tcp-no-assure', scenario: 'smoke', outcome: 'killed', by: ['assured band', 'C3'], note: '', seconds: 1 },
    { mutant: 'tcp-no-assure', scenario: 'sync', outcome: 'survived', by: [], note: '', seconds: 1 },
    { mutant: 'sync-v0-state-zero', scenario: 'smoke', outcome: 'survived', by: [], note: '', seconds: 1 },
    { mutant: 'sync-v0-state-zero', scenario: 'sync', outcome: 'survived', by: [], note: '', seconds: 1 },
    { mutant: 'scan-fraction-16', scenario: 'smoke', outcome: 'error', by: [], note: 'build: kernel build failed\nlog...', seconds: 1 },
  ],
};

t.test('score line: 1 killed of 3 non-equivalent (33%), 1 equivalent, 1 survived, 1 error', async (t) => {
  t.equal(scoreLine(r), 'mutation score on 6.1: 1/3 killed (33%), 1 equivalent, 1 survived, 1 error(s)');  // A record cut short: a fourth mutant with no cell is counted apart, not among the survivors.
  const cut = { ...r, mutants: [...r.mutants, { id: 'no-cell', hunk: '2.6', file: 'x.patch', breaks: 'b' }] };
  t.equal(scoreLine(cut), 'mutation score on 6.1: 1/4 killed (25%), 1 equivalent, 1 survived, 1 error(s), 1 not run');
});

t.test('the table: a row a mutant, a column a scenario, then survivors, equivalents and errors', async (t) => {
  const lines = mutantsMarkdown(r).split('\n');
  t.same(lines.slice(0, 10), [
    '# Mutants on 6.1',
    '',
    'mutation score on 6.1: 1/3 killed (33%), 1 equivalent, 1 survived, 1 error(s)',
    '',
    '| mutant | hunk | status | smoke | sync |',
    '| --- | --- | --- | --- | --- |',
    '| assured-bit-value | 1.1 | equivalent | survived |  |',
    '| tcp-no-assure | 1.11 | killed | killed: assured band, C3 | survived |',
    '| sync-v0-state-zero | 1.13 | survived | survived | survived |',
    '| scan-fraction-16 | 2.6 | error | error |  |',
  ]);
  const text = lines.join('\n');
  t.match(text, '## Survivors (no scenario killed them; add one that does, or argue them equivalent)\n\n- sync-v0-state-zero (1.13): v0 forces 0; expected: a v0 sync scenario\n');
  t.match(text, '## Equivalent\n\n- assured-bit-value (1.1): every user names the constant\n');
  t.match(text, '## Errors\n\n- scan-fraction-16 on smoke: build: kernel build failed\n');
  t.notMatch(text, 'Argued equivalent, but killed');
});

t.test('a pipe in a cell is escaped, and an argued-equivalent mutant that was killed is listed as such', async (t) => {
  const killedEq: MutantsRecord = { ...r, mutants: [{ ...r.mutants[0]!, breaks: 'a | b' }], cells: [{ mutant: 'assured-bit-value', scenario: 'smoke', outcome: 'killed', by: ['C6'], note: '', seconds: 1 }] };
  const text = mutantsMarkdown(killedEq);
  t.match(text, '| assured-bit-value | 1.1 | killed | killed: C6 |  |');
  t.match(text, '## Argued equivalent, but killed (the argument is wrong)\n\n- assured-bit-value (1.1)');
  // With no cells at all (a run cut before its first), tcp-no-assure is listed as not run, its pipe escaped.
  t.match(mutantsMarkdown({ ...r, cells: [] }), '## Not run (no scenario ran them: the record is partial)\n\n- tcp-no-assure (1.11): no assure \\| TCP');
});
