// Pure: socat's address types carry the family's number (UDP4, SCTP6, ...).
import type { Family } from '../scenario/family.ts';

export const ipv = (f: Family) => (f === 'ipv6' ? '6' : '4');

/** socat's bind option for a listening address, if any (IPv6 in brackets): ",bind=ADDR". */
export const bindOption = (f: Family, addr?: string) => (addr === undefined ? '' : `,bind=${f === 'ipv6' ? `[${addr}]` : addr}`);
