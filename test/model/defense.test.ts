import t from 'tap';
import { Todrop } from '../../src/model/defense.ts';

t.test('todrop_entry(): one in in_pkts of the candidates, counters shared, nothing outside 1..8', async (t) => {
  const d = new Todrop();
  const picks = (inPkts: number, n: number) => Array.from({ length: n }, () => d.pick(inPkts));
  // The kernel's static counters start at 0: the first candidate of each class is dropped.
  t.same(picks(1, 3), [true, true, true], 'in_pkts 1: every one');
  t.same(picks(3, 7), [true, false, false, true, false, false, true], 'in_pkts 3: one in three');
  t.same(picks(8, 9), [true, false, false, false, false, false, false, false, true]);
  t.same(picks(0, 3), [false, false, false], 'in_pkts 0: todrop_rate[0] is 0, never');
  t.same(picks(9, 3), [false, false, false], 'in_pkts above 8: never');
  t.same(picks(-1, 2), [false, false]);
});
