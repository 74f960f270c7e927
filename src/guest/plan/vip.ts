// Pure: where the VIP lives: on a dummy device of the director (IPVS takes
// the packets addressed to a local address, ip_vs_in_hook() at LOCAL_IN) and,
// with scenario `sync: true`, of the backup, which must own it too to take the
// service over.
import type { Family } from '../../scenario/family.ts';
import { HOST_PREFIX, vipOf } from '../../scenario/topology.ts';
import { dummyAddress } from './links.ts';
import type { IpCommand } from './types.ts';

/** The VIP as a host address (a /32 or a /128), as `ip addr add` takes it. */
export const vipHostAddress = (f: Family) => `${vipOf(f)}/${HOST_PREFIX[f]}`;

export const vipOn = (f: Family, ns: string): IpCommand[] => dummyAddress(f, ns, vipHostAddress(f));
