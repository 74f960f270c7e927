// memoryState(): whether update_defense_level()'s nomem is known from a run's `avail` samples.
// Expectations by hand from the rule: low when amemthresh > max + (max - min), not low when
// amemthresh <= min - (max - min), unknown between.
import t from 'tap';
import { memoryState, readsMemory } from '../../src/observe/memory.ts';

t.test('far from the guest free memory: known either way', async (t) => {
  const avail = [112000, 114000, 111000]; // min 111000, max 114000, swing 3000
  t.same(memoryState(avail, 1024), { low: false }, 'the fixtures\' amemthresh (1024 pages): never low');
  t.same(memoryState(avail, 108000), { low: false }, '108000 <= 111000 - 3000: not low');
  t.same(memoryState(avail, 262144), { low: true }, 'above all of it: always low');
  t.same(memoryState(avail, 117001), { low: true }, '117001 > 114000 + 3000: low');
  t.same(memoryState([], 262144), { low: false }, 'no samples (older records): not low, as judged before');
});

t.test('near it: unknown, with the numbers and what to set (fuzz seed 611 case 30 on 6.1)', async (t) => {
  // Base's samples there: 108273..114835 against amemthresh 108171; none below, yet its kernel dropped.
  const base = memoryState([114835, 112667, 108273, 111810], 108171);
  t.equal(base.low, false, 'no sample below');
  t.match(base.unknown, /ran 108273\.\.114835 pages against amemthresh 108171/);
  t.match(base.unknown, /below 101711 or above 121397/);
  // Patched's: 2 samples below: the model took memory low for the whole run.
  const patched = memoryState([114535, 105730, 112085], 108171);
  t.equal(patched.low, true);
  t.ok(patched.unknown);
  // [112000, 114000]: swing 2000, so known below 110000 (inclusive) and above 116000.
  t.ok(memoryState([112000, 114000], 110001).unknown, '110001 > 112000 - 2000: unknown');
  t.notOk(memoryState([112000, 114000], 110000).unknown, '110000 <= 112000 - 2000: known, not low');
  t.ok(memoryState([112000, 114000], 116000).unknown, '116000 is not above 114000 + 2000: unknown');
});

t.test('the model reads the memory state only for drop_entry and secure_tcp 1 and 2', async (t) => {
  t.same([0, 1, 2, 3].map((d) => readsMemory({ dropEntry: d as 0 | 1 | 2 | 3 })), [false, true, true, false]);
  t.same([0, 1, 2, 3].map((s) => readsMemory({ dropEntry: 0, secureTcp: s as 0 | 1 | 2 | 3 })), [false, true, true, false]);
});
