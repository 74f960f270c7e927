// Pure: socat's address types carry the family's number (UDP4, SCTP6, ...).
import type { Family } from '../scenario/family.ts';

export const ipv = (f: Family) => (f === 'ipv6' ? '6' : '4');
