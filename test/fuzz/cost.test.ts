// The cost units a case's walls are fitted against, by hand.
import t from 'tap';
import { clientRequests, procReadVisits, runReadVisits } from '../../src/fuzz/cost.ts';

t.test('clientRequests: each client once an interval from start to stop', async (t) => {
  // 3 clients from 10 to 31 every 5 s: at 10, 15, 20, 25, 30 -> ceil(21 / 5) = 5 each, 15 in all.
  t.equal(clientRequests({ clients: { count: 3, interval: 5, start: 10, stop: 31 } }), 15);
  t.equal(clientRequests({ clients: { count: 0, interval: 5, start: 10, stop: 31 } }), 0);
  t.equal(clientRequests({ clients: { count: 4, interval: 1, start: 7, stop: 8 } }), 4);
});

t.test('procReadVisits: the buckets each page-sized read walks again, by hand', async (t) => {
  // Empty table, 2^8 buckets: one read walks them all and finds nothing (header only), then the EOF read: 256 + 256.
  t.equal(procReadVisits(0, 8, 'ipv4'), 512);
  // 116 IPv4 entries: (117 x 70) / 4096 = 2.0 -> 2 reads of 58 entries. Buckets 2^10 = 1024:
  // EOF read 1024; read 0: 1024 x 1/2 + 0; read 1: 1024 x 2/2 + 58 -> 1024 + 512 + 1024 + 58 = 2618.
  t.equal(procReadVisits(116, 10, 'ipv4'), 2618);
  // The same entries as IPv6 (160 bytes a line): ceil(117 x 160 / 4096) = 5 reads, 23.2 entries a page;
  // buckets 1024 x (1 + 2 + 3 + 4 + 5) / 5 = 3072, entries 23.2 x (0 + 1 + 2 + 3 + 4) = 232, EOF 1024: 4328.
  t.equal(Math.round(procReadVisits(116, 10, 'ipv6')), 4328);
  // A table 2^20 buckets with 1000 IPv4 entries (18 reads): about 2^20 x (19/2 + 1) = 11 M visits a sample.
  t.ok(Math.abs(procReadVisits(1000, 20, 'ipv4') / 1e6 - 11.0) < 0.1);
  t.equal(runReadVisits([0, 116], 10, 'ipv4'), procReadVisits(0, 10, 'ipv4') + 2618);
});
