// Pure: direct routing (ipvsadm -g, IP_VS_CONN_F_DROUTE): the director sends
// the client's packet unchanged to the real server's MAC on their shared
// segment (ip_vs_dr_xmit(), a route to the RIP with FLOWI_FLAG_KNOWN_NH:
// IP destination still the VIP), so each real server holds the VIP itself and
// answers the client directly (./segment.ts).
import type { Family } from '../scenario/family.ts';
import { vipHostAddress } from '../guest/plan/vip.ts';
import { deviceAddress } from '../guest/plan/links.ts';
import type { Sysctl } from '../guest/plan/types.ts';
import { GATEWAY, gatewaySysctls, segment, segmentRealServer } from './segment.ts';
import type { ForwardingMethod } from './types.ts';

/**
 * ARP on a real server (IPv4): arp_ignore=1 answers only for addresses of the
 * receiving device (arp.c arp_ignore()), so not for the VIP on lo;
 * arp_announce=2 never takes the VIP as an ARP request's source
 * (arp_solicit()). `all`, as the kernel takes the larger of all and the
 * device's. IPv6's neighbour discovery answers only for the receiving device's
 * addresses already (ndisc_recv_ns(): ipv6_get_ifaddr(..., dev, 1)).
 */
const arpSysctls = (f: Family, servers: string[]): Sysctl[] =>
  f === 'ipv6'
    ? []
    : servers.flatMap((ns) => [
        { ns, key: 'net.ipv4.conf.all.arp_ignore', value: 1 },
        { ns, key: 'net.ipv4.conf.all.arp_announce', value: 2 },
      ]);

export const DR: ForwardingMethod = {
  name: 'dr',
  ipvsFlag: '-g',
  realServer: segmentRealServer,
  topology: (ctx) => ({
    ip: [...segment(ctx), ...ctx.servers.map((ns) => deviceAddress(ctx.family, ns, vipHostAddress(ctx.family), 'lo'))],
    sysctls: [...gatewaySysctls(ctx.family), ...arpSysctls(ctx.family, ctx.servers)],
    clientGateway: GATEWAY,
  }),
  // The director sees the client's half only (./no-output.ts).
  stateTable: 'input-only',
};
