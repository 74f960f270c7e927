// The guest's fixed addresses, shared by the agent (through scenario.env), the
// flood's frames and the host's reading of the connection table.
import { parseIpv4, formatIpv4, maskBits } from '../flood/addr.ts';
import { parseIpv6, formatIpv6Full, maskIpv6, type Ipv6 } from '../flood/addr6.ts';
import type { Family } from './schema.ts';

/** The virtual service, on the director's dummy0. */
export const VIP = '10.0.0.100';
/** IPv6 scenarios: IPv4's 10.A.B.C is fd00:A:B::C throughout (vm/agent.sh addr()). */
export const VIP6 = 'fd00::100';
export const vipOf = (f: Family) => (f === 'ipv6' ? VIP6 : VIP);
/** The attacker's veth end and the director's: the flood's frames go from one to the other. */
export const ATTACKER_MAC = '02:00:0a:00:03:02';
export const DIRECTOR_MAC = '02:00:0a:00:03:01';

/** Legitimate client i (1-based) is 10.1.i.2 (vm/agent.sh setup_topology). */
export const clientAddress = (i: number) => parseIpv4(`10.1.${i}.2`)!;
/** Client i's IPv6 address, fd00:1:i::2 (as the agent writes it, i's digits read as hex). */
export const clientAddress6 = (i: number): Ipv6 => parseIpv6(`fd00:1:${i}::2`)!;

/**
 * The address of client i's template as /proc/net/ip_vs_conn prints it: the
 * client's address under the service's prefix (ip_vs_sched_persist() masks it),
 * dotted for IPv4 (the parser's form), eight groups for IPv6 (%pI6).
 */
export const clientTemplateAddr = (client: number, prefix: number, family: Family = 'ipv4') =>
  family === 'ipv6' ? formatIpv6Full(maskIpv6(clientAddress6(client), prefix)) : formatIpv4((clientAddress(client) & maskBits(prefix)) >>> 0);
