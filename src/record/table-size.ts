// The connection table's size as the kernel made it. 6.1 takes conn_tab_bits as
// asked (8..20); 6.12's ip_vs_conn_init() also clamps it by the machine's memory
// (max_avail from totalram_pages()), so the model must take the size the kernel
// reports, never the one the scenario asked for.
import type { ParsedResults } from './results.ts';
import { kernelError } from '../errors.ts';

/**
 * From a console log ("IPVS: Connection hash table configured (size=4096,
 * memory=32Kbytes)", ip_vs_conn_init()) or /proc/net/ip_vs's first line
 * ("IP Virtual Server version 1.2.1 (size=4096)"): the number of buckets.
 */
export function tableSizeFromText(text: string): number | undefined {
  const m = /Connection hash table configured \(size=(\d+)/.exec(text) ?? /IP Virtual Server version [\d.]+ \(size=(\d+)\)/.exec(text);
  return m ? Number(m[1]) : undefined;
}

/** What the guest agent read from /proc/net/ip_vs once IPVS was set up (older records: undefined). */
export function reportedTableSize(run: ParsedResults): number | undefined {
  for (const r of run.records) {
    if (r.type === 'event' && r.name === 'ready' && typeof r.tabSize === 'number' && r.tabSize > 0) return r.tabSize;
  }
  return undefined;
}

/** A bucket count as bits: the kernel's table is a power of two (ip_vs_conn_tab_size = 1 << bits). */
export function tableBits(size: number): number {
  const bits = Math.log2(size);
  if (!Number.isInteger(bits) || bits < 1) throw kernelError(`the kernel reported a connection table of ${size} buckets, not a power of two`);
  return bits;
}
