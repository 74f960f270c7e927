// Pure: socat's address types carry the family's number (UDP4, SCTP6, ...).
import type { Family } from '../scenario/family.ts';

export const ipv = (f: Family) => (f === 'ipv6' ? '6' : '4');

/** socat's bind option for a listening address, if any (IPv6 in brackets): ",bind=ADDR". */
export const bindOption = (f: Family, addr?: string) => (addr === undefined ? '' : `,bind=${f === 'ipv6' ? `[${addr}]` : addr}`);

/**
 * socat -d -d's notice on connecting: "successfully connected from local
 * address AF=2 10.1.1.2:40000" (AF=10 [fd00:...]:40000 over IPv6): the port
 * the kernel picked for the client, if the log has it.
 */
export function localPort(log: string): { port?: number } {
  const m = /successfully connected from local address AF=\d+ (?:[0-9.]+|\[[0-9a-fA-F:]+\]):(\d+)/.exec(log);
  return m ? { port: Number(m[1]) } : {};
}
