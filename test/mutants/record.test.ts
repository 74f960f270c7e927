// Each mutant's status, the score, and shards' records merged. Records made
// by hand; the expected numbers counted off them in the comments.
import t from 'tap';
import { everyMutantKilled, mergeMutantRecords, mutantStatus, parseMutantsRecord, score, type MutantCell, type MutantsRecord } from '../../src/mutants/record.ts';

const info = (id: string, hunk: string, equivalent?: string) => ({ id, hunk, breaks: `b ${id}`, file: `${id}.patch`, ...(equivalent ? { equivalent } : {}) });
const cell = (mutant: string, scenario: string, outcome: MutantCell['outcome'], by: string[] = []): MutantCell => ({ mutant, scenario, outcome, by, note: '', seconds: 1 });
const record = (over: Partial<MutantsRecord>): MutantsRecord => ({ tool: 'ipvs-verify', kind: 'mutants', kernelLine: '6.1', mutants: [], scenarios: [], cells: [], ...over });

t.test('status: killed by one scenario is killed; an argued-equivalent survivor is equivalent; all errors is error; no cell is not run', async (t) => {
  const cells = [cell('k', 's1', 'survived'), cell('k', 's2', 'killed', ['C3']), cell('s', 's1', 'survived'), cell('s', 's2', 'error'), cell('x', 's1', 'error'), cell('q', 's1', 'survived'), cell('w', 's1', 'killed', ['C1'])];
  t.equal(mutantStatus(info('k', '1.3'), cells), 'killed');
  t.equal(mutantStatus(info('s', '1.3'), cells), 'survived');
  t.equal(mutantStatus(info('x', '1.3'), cells), 'error');
  t.equal(mutantStatus(info('n', '1.3'), cells), 'not run');
  t.equal(mutantStatus(info('q', '1.1', 'same code'), cells), 'equivalent');
  t.equal(mutantStatus(info('w', '1.1', 'wrong argument'), cells), 'killed', 'killed wins over the argument');
});

t.test('score: killed / non-equivalent (an argued-equivalent mutant that was killed counts as non-equivalent)', async (t) => {
  // k killed, w (argued equivalent) killed, q equivalent, s survived, x error: 2 of 4 non-equivalent.
  const r = record({
    mutants: [info('k', '1.3'), info('w', '1.1', 'x'), info('q', '1.1', 'y'), info('s', '2.6'), info('x', '2.7')],
    cells: [cell('k', 's1', 'killed', ['C3']), cell('w', 's1', 'killed', ['C1']), cell('q', 's1', 'survived'), cell('s', 's1', 'survived'), cell('x', 's1', 'error')],
  });
  t.same(score(r), { killed: 2, nonEquivalent: 4, equivalent: 1, survived: ['s'], errors: ['x'], notRun: [], score: 0.5 });
  t.equal(everyMutantKilled(r), false);
  const done = record({ mutants: [info('k', '1.3'), info('q', '1.1', 'y')], cells: [cell('k', 's1', 'killed', ['C3']), cell('q', 's1', 'survived')] });
  t.same(score(done), { killed: 1, nonEquivalent: 1, equivalent: 1, survived: [], errors: [], notRun: [], score: 1 });
  t.equal(everyMutantKilled(done), true);
  // A partial record (the run cut short): n has no cell. Not a survivor, not killed either.
  const partial = record({ mutants: [info('k', '1.3'), info('n', '2.6')], cells: [cell('k', 's1', 'killed', ['C3'])] });
  t.same(score(partial), { killed: 1, nonEquivalent: 2, equivalent: 0, survived: [], errors: [], notRun: ['n'], score: 0.5 });
  t.equal(everyMutantKilled(partial), false, 'a mutant not run is not a kill');
});

t.test("merge: two shards' records are their union, in catalogue order; one cell twice or two lines is a user error", async (t) => {
  const one = record({ mutants: [info('c', '2.6'), info('a', '1.3')], scenarios: ['smoke'], cells: [cell('a', 'smoke', 'killed', ['C3']), cell('c', 'smoke', 'survived')] });
  const two = record({ mutants: [info('b', '1.11')], scenarios: ['sync', 'smoke'], cells: [cell('b', 'smoke', 'survived'), cell('b', 'sync', 'killed', ['C6'])] });
  const m = mergeMutantRecords([one, two]);
  t.same(m.mutants.map((x) => x.id), ['a', 'b', 'c'], 'by hunk: 1.3, 1.11, 2.6');
  t.same(m.scenarios, ['smoke', 'sync']);
  t.equal(m.cells.length, 4);
  t.equal(m.kernelLine, '6.1');
  t.same(score(m).killed, 2);
  t.throws(() => mergeMutantRecords([one, one]), { kind: 'user', message: /mutant a on scenario smoke is in two of the records/ });
  t.throws(() => mergeMutantRecords([one, { ...two, kernelLine: '6.12' }]), { kind: 'user', message: /different kernel lines \(6\.1, 6\.12\)/ });
  t.throws(() => mergeMutantRecords([]), { kind: 'user', message: /no mutants record to merge/ });
});

t.test('parseMutantsRecord: JSON of a mutants record, else a user error naming the file', async (t) => {
  const r = record({ mutants: [info('a', '1.3')] });
  t.same(parseMutantsRecord(JSON.stringify(r), 'f.json'), r);
  t.throws(() => parseMutantsRecord('{', 'f.json'), { kind: 'user', message: /f\.json: not JSON/ });
  t.throws(() => parseMutantsRecord('{"kind":"verify"}', 'f.json'), { kind: 'user', message: /f\.json: not a mutants record/ });
});
