import t from 'tap';
import { parseResults } from '../../src/record/results.ts';
import { defenseWorkTimes } from '../../src/record/defense-work.ts';

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
