// The guest's fixed addresses, the one source for the guest's plan
// (src/guest/plan/), the flood's frames and the host's reading of the
// connection table.
import { parseIpv4, formatIpv4, maskBits } from '../flood/addr.ts';
import { parseIpv6, formatIpv6Full, maskIpv6, type Ipv6 } from '../flood/addr6.ts';
import type { Family } from './family.ts';

/** The virtual service, on the director's dummy0. */
export const VIP = '10.0.0.100';
/** IPv6 scenarios: IPv4's 10.A.B.C is fd00:A:B::C throughout (hostAddress()). */
export const VIP6 = 'fd00::100';
export const vipOf = (f: Family) => (f === 'ipv6' ? VIP6 : VIP);
/** The attacker's veth end and the director's: the flood's frames go from one to the other. */
export const ATTACKER_MAC = '02:00:0a:00:03:02';
export const DIRECTOR_MAC = '02:00:0a:00:03:01';

/**
 * The topology's addresses by family: 10.A.B.C, or fd00:A:B::C (A, B and C
 * written as they are, so their digits read as hex in IPv6). A is the network
 * (0 the director's attacker side, 1 the clients', 2 the real servers', 9 the
 * sync link), B the link's number, C the end (1 the director's side).
 */
export const hostAddress = (f: Family, a: number, b: number, c: number) => (f === 'ipv6' ? `fd00:${a}:${b}::${c}` : `10.${a}.${b}.${c}`);
/** A link's prefix length (no duplicate address detection to wait for in IPv6: see the plan). */
export const LINK_PREFIX: Record<Family, number> = { ipv4: 24, ipv6: 64 };
/** The VIP's: a host route. */
export const HOST_PREFIX: Record<Family, number> = { ipv4: 32, ipv6: 128 };
/** Every legitimate client's network (network 1). */
export const CLIENT_NETS: Record<Family, string> = { ipv4: '10.1.0.0/16', ipv6: 'fd00:1::/32' };
/** An address with a port, as ipvsadm, socat and URLs write it. */
export const withPort = (f: Family, addr: string, port: number) => (f === 'ipv6' ? `[${addr}]:${port}` : `${addr}:${port}`);

/** Legitimate client i (1-based) is 10.1.i.2. */
export const clientAddress = (i: number) => parseIpv4(hostAddress('ipv4', 1, i, 2))!;
/** Client i's IPv6 address, fd00:1:i::2. */
export const clientAddress6 = (i: number): Ipv6 => parseIpv6(hostAddress('ipv6', 1, i, 2))!;

/**
 * The address of client i's template as /proc/net/ip_vs_conn prints it: the
 * client's address under the service's prefix (ip_vs_sched_persist() masks it),
 * dotted for IPv4 (the parser's form), eight groups for IPv6 (%pI6).
 */
export const clientTemplateAddr = (client: number, prefix: number, family: Family = 'ipv4') =>
  family === 'ipv6' ? formatIpv6Full(maskIpv6(clientAddress6(client), prefix)) : formatIpv4((clientAddress(client) & maskBits(prefix)) >>> 0);
