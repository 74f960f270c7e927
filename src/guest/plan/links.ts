// Pure: the topology's building blocks as `ip` commands (queued by namespace,
// run as one `ip -batch` each: under TCG an ip process costs ~35 ms of guest
// time, most of the setup's when each command had its own).
import type { Family } from '../../scenario/family.ts';
import { LINK_PREFIX } from '../../scenario/topology.ts';
import { INIT_NS, type IpCommand } from './types.ts';

/** IPv6: no duplicate address detection to wait for on the guest's links. */
const nodad = (f: Family) => (f === 'ipv6' ? ' nodad' : '');

/** A network namespace with its loopback up. */
export const namespace = (ns: string): IpCommand[] => [
  { ns: INIT_NS, line: `netns add ${ns}` },
  { ns, line: 'link set lo up' },
];

export interface End {
  ns: string;
  addr: string;
  /** The end's MAC address, if fixed (the flood's frames are addressed to them). */
  mac?: string;
}

/** A link's end: its address on the link's prefix, then up. */
const end = (f: Family, e: End, dev: string): IpCommand[] => [
  { ns: e.ns, line: `addr add ${e.addr}/${LINK_PREFIX[f]} dev ${dev}${nodad(f)}` },
  { ns: e.ns, line: `link set ${dev} up` },
];

/** A veth pair NAMEa (in a) / NAMEb (in b), each end with its address on the link's prefix. */
export function veth(f: Family, name: string, a: End, b: End): IpCommand[] {
  const mac = (e: End) => (e.mac ? ` address ${e.mac}` : '');
  return [
    { ns: INIT_NS, line: `link add ${name}a${mac(a)} netns ${a.ns} type veth peer name ${name}b${mac(b)} netns ${b.ns}` },
    ...end(f, a, `${name}a`),
    ...end(f, b, `${name}b`),
  ];
}

/** A bridge device DEV in namespace ns (no spanning tree: its ports forward at once). */
export const bridge = (ns: string, dev: string): IpCommand[] => [
  { ns, line: `link add ${dev} type bridge` },
  { ns, line: `link set ${dev} up` },
];

/** A veth pair NAMEa (a port of the bridge, no address) / NAMEb (in e's namespace, with e's address). */
export function bridgePort(f: Family, name: string, br: { ns: string; dev: string }, e: End): IpCommand[] {
  return [
    { ns: INIT_NS, line: `link add ${name}a netns ${br.ns} type veth peer name ${name}b netns ${e.ns}` },
    { ns: br.ns, line: `link set ${name}a master ${br.dev}` },
    { ns: br.ns, line: `link set ${name}a up` },
    ...end(f, e, `${name}b`),
  ];
}

/** An address on a dummy device (a director's VIP: IPVS takes packets for a local address). */
export const dummyAddress = (f: Family, ns: string, addrWithPrefix: string): IpCommand[] => [
  { ns, line: 'link add dummy0 type dummy' },
  { ns, line: `addr add ${addrWithPrefix} dev dummy0${nodad(f)}` },
  { ns, line: 'link set dummy0 up' },
];

export const route = (ns: string, to: string, via: string): IpCommand => ({ ns, line: `route add ${to} via ${via}` });

/** An address of a device already there (a real server's VIP on lo or tunl0). */
export const deviceAddress = (f: Family, ns: string, addrWithPrefix: string, dev: string): IpCommand => ({ ns, line: `addr add ${addrWithPrefix} dev ${dev}${nodad(f)}` });
