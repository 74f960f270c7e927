// The table's list of buckets with a chain, checked by hand against the
// chains each step leaves (hash() pushes a chain's head, unhash() unlinks).
import t from 'tap';
import { Table } from '../../src/model/table.ts';

const chains = (T: Table) => [...T.occupied.subarray(0, T.occupiedCount)].sort((a, b) => a - b);

t.test('the buckets with a chain: added on a chain\'s first entry, removed with its last, cleared by reset', async (t) => {
  const T = new Table(8, 16);
  t.same(chains(T), []);
  T.hash(0, 5);
  T.hash(1, 5);
  T.hash(2, 9);
  t.same(chains(T), [5, 9], 'two entries in bucket 5 make one chain');
  T.unhash(0);
  t.same(chains(T), [5, 9], "bucket 5 still has entry 1");
  T.unhash(1);
  t.same(chains(T), [9], 'its last entry gone: bucket 5 leaves the list');
  T.hash(3, 5);
  t.same(chains(T), [5, 9], 'and comes back with a new one');
  T.size = 4;
  t.ok(T.reset(8, 16));
  t.same(chains(T), [], 'reset: no chain');
  t.same([...T.heads], new Array(16).fill(-1), 'every head empty');
  T.hash(0, 9);
  t.same(chains(T), [9], 'the list works after a reset');
});
