import t from 'tap';
import { KeyIndex } from '../../src/model/key-index.ts';

t.test('KeyIndex answers as a Map does, keys up to 2^32 - 1', async (t) => {
  const k = new KeyIndex(1000);
  const oracle = new Map<number, number>();
  let x = 12345;
  const wrong: string[] = [];
  for (let i = 0; i < 3000; i++) {
    // Keys from a small range (repeats, overwrites) and from the whole uint32 range.
    x = (Math.imul(x, 1103515245) + 12345) >>> 0;
    const key = i % 3 === 0 ? x % 700 : x;
    if (oracle.size < 1000 || oracle.has(key)) {
      k.set(key, i);
      oracle.set(key, i);
    }
    const probe = i % 2 ? key : (key ^ 0x80000000) >>> 0;
    if (k.get(probe) !== (oracle.get(probe) ?? -1)) wrong.push(`key ${probe}: ${k.get(probe)}, not ${oracle.get(probe) ?? -1}`);
  }
  t.same(wrong, [], '3,000 lookups, each as the Map has it');
  t.equal(k.get(0xffffffff), oracle.get(0xffffffff) ?? -1);
  t.equal(k.get(0), oracle.get(0) ?? -1);
});

t.test('reset empties it, and says when it has no room', async (t) => {
  const k = new KeyIndex(4);
  k.set(7, 1);
  k.set(2 ** 31 + 7, 2);
  t.equal(k.get(7), 1);
  t.equal(k.get(2 ** 31 + 7), 2);
  t.ok(k.reset(4));
  t.equal(k.get(7), -1);
  t.equal(k.get(2 ** 31 + 7), -1);
  t.notOk(k.reset(100), 'room for 8 keys at most (half full)');
});
