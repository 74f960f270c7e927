import t from 'tap';
import { parseResults } from '../../src/record/results.ts';
import { defenseWorkRuns, defenseWorkTimes } from '../../src/record/defense-work.ts';

const defenseWorkRunsOf = (text: string) => defenseWorkRuns(parseResults(text));

const ev = (first: number, times: number[], work = '00000000deadbeef') =>
  JSON.stringify({ type: 'event', name: 'defense-work', t: 170.2, work, first, times });

t.test("the director's defense work runs, from the agent's chunks in any order", async (t) => {
  const text = [
    '{"type":"event","name":"agent-start","t":3.6}',
    ev(2, [9.1325, 10.1565]),
    ev(0, [7.0845, 8.1085]),
    '{"type":"event","name":"defense-work-end","t":170.3,"work":"00000000deadbeef","overrun":0}',
  ].join('\n');
  t.same(defenseWorkTimes(parseResults(text)), [7.0845, 8.1085, 9.1325, 10.1565]);
});

t.test('none, or any doubt about them: undefined (the model then times the scans itself)', async (t) => {
  const of = (...lines: string[]) => defenseWorkTimes(parseResults(lines.join('\n')));
  t.equal(of('{"type":"event","name":"agent-start","t":3.6}'), undefined, 'an older agent or a kernel without tracing');
  t.equal(of(ev(0, [7, 8]), ev(3, [10])), undefined, 'a chunk missing');
  t.equal(of(ev(0, [7, 8]), ev(2, [9], 'ffff')), undefined, "another namespace's work");
  t.equal(of(ev(0, [8, 7])), undefined, 'out of order');
  t.equal(of(ev(0, [])), undefined, 'no run at all');
});

// Newer agents (vm/trace.sh) send each run's end beside its start: `ends`, null where the trace has none.
const ended = (first: number, times: number[], ends: unknown) => JSON.stringify({ type: 'event', name: 'defense-work', t: 170.2, work: 'w', first, times, ends });

t.test('the runs with their ends; the starts exactly as without them', async (t) => {
  const text = [ended(2, [9.17, 13.04], [12.01, null]), ended(0, [7.05, 8.1], [7.052, 8.103])].join('\n');
  const p = parseResults(text);
  t.same(defenseWorkTimes(p), [7.05, 8.1, 9.17, 13.04], 'the starts, in chunk order');
  // Each end paired with the start at its index; the last still running when read (null): no end.
  t.same(defenseWorkRunsOf(text), [{ start: 7.05, end: 7.052 }, { start: 8.1, end: 8.103 }, { start: 9.17, end: 12.01 }, { start: 13.04 }]);
});

t.test('ends that do not fit are dropped, never the starts', async (t) => {
  // An end before its start, a string: those runs have no end; the others keep theirs.
  t.same(defenseWorkRunsOf(ended(0, [7, 8, 9], [6.9, '8.2', 9.01])), [{ start: 7 }, { start: 8 }, { start: 9, end: 9.01 }]);
  // Two ends for three starts, or not an array: the chunk has no ends at all.
  t.same(defenseWorkRunsOf(ended(0, [7, 8, 9], [7.1, 8.1])), [{ start: 7 }, { start: 8 }, { start: 9 }]);
  t.same(defenseWorkRunsOf(ended(0, [7, 8], 'x')), [{ start: 7 }, { start: 8 }]);
  // An older agent's chunk (no ends): the starts alone.
  t.same(defenseWorkRunsOf(ev(0, [7, 8])), [{ start: 7 }, { start: 8 }]);
  // Undefined exactly where defenseWorkTimes is: a chunk missing.
  t.equal(defenseWorkRunsOf([ended(0, [7], [7.1]), ended(2, [9], [9.1])].join('\n')), undefined);
});
