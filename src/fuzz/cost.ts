// Pure: what a drawn case costs the guest beyond its idle seconds (which time
// warp skips), in the units the campaign's walls can be fitted against
// (scripts/fuzz-walls.ts): the clients' requests (each a few forks and an exec
// under TCG: 0.01 to 0.13 guest-s a request in the recorded runs) and the
// sampler's reads of /proc/net/ip_vs_conn. seq_file hands out one page per
// read(), and each read restarts ip_vs_conn_seq_start(), whose
// ip_vs_conn_array() walks the hash table from bucket 0 to the entry it is at;
// the read that finds the end walks every bucket. With R reads a sample (N
// entries, ~N/R a page) and T = 2^conn_tab_bits buckets, entries spread evenly:
// read k walks T(k+1)/R buckets and kN/R entries, the last read T more.
import type { Scenario } from '../scenario/schema.ts';

const PAGE = 4096;
/** ip_vs_conn_seq_show()'s line: ~70 bytes an IPv4 entry ("%-3s %08X %04X ..."), ~160 an IPv6 one ("%pI6" three times). */
const LINE_BYTES = { ipv4: 70, ipv6: 160 } as const;

/** The requests the clients make: each client from start to stop, one every interval. */
export function clientRequests(s: Pick<Scenario, 'clients'>): number {
  const c = s.clients;
  if (c.count === 0 || c.stop <= c.start) return 0;
  return c.count * Math.ceil((c.stop - c.start) / c.interval);
}

/** Bucket and entry visits of reading /proc/net/ip_vs_conn whole when it holds `entries` (its header line included). */
export function procReadVisits(entries: number, tabBits: number, family: keyof typeof LINE_BYTES): number {
  const reads = Math.max(1, Math.ceil(((entries + 1) * LINE_BYTES[family]) / PAGE));
  const buckets = 2 ** tabBits;
  let visits = buckets; // the read that returns nothing: ip_vs_conn_array() finds no entry past the last
  for (let k = 0; k < reads; k++) visits += (buckets * (k + 1)) / reads + (k * entries) / reads;
  return visits;
}

/** The visits of every sample of a run, from each sample's table size. */
export const runReadVisits = (entriesPerSample: readonly number[], tabBits: number, family: keyof typeof LINE_BYTES): number =>
  entriesPerSample.reduce((a, n) => a + procReadVisits(n, tabBits, family), 0);
