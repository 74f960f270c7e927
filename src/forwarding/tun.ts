// Pure: tunnelling (ipvsadm -i, IP_VS_CONN_F_TUNNEL): the director wraps the
// client's packet in an IPIP header to the RIP (ip_vs_tunnel_xmit(); outer
// source from its route to the RIP, here on the shared segment), the real
// server unwraps it on tunl0 (the ipip fallback device every namespace gets)
// and answers the client directly from the VIP (./segment.ts).
import { vipHostAddress } from '../guest/plan/vip.ts';
import { deviceAddress } from '../guest/plan/links.ts';
import type { IpCommand, Sysctl } from '../guest/plan/types.ts';
import { inputOnly } from './no-output.ts';
import { GATEWAY, gatewaySysctls, segment, segmentRealServer } from './segment.ts';
import type { ForwardingMethod, TopologyContext } from './types.ts';

/** The ipip fallback device (ipip_init_net()): it takes IPIP from any source to a local address. */
const TUNNEL = 'tunl0';

/**
 * tunl0 up (ip_tunnel_lookup() takes the fallback device only when up) with the VIP on it: the
 * unwrapped packet (source: the client) is delivered locally, and tunl0 has
 * an IPv4 address, without which any rp_filter drops it (__fib_validate_source():
 * no_addr -> last_resort).
 */
const unwrapOn = (ctx: TopologyContext, ns: string): IpCommand[] => [
  { ns, line: `link set ${TUNNEL} up` },
  deviceAddress(ctx.family, ns, vipHostAddress(ctx.family), TUNNEL),
];

/**
 * Loose reverse-path filtering on tunl0 (2; the kernel takes the larger of
 * `all` and the device's, so UDP's strict `all` (1) makes 2 too): the client,
 * routed via gw on another device, passes (strict would drop it, the route
 * not being via tunl0); the flood's spoofed sources, unroutable, are dropped
 * at the door, as UDP's strict filter does under NAT.
 */
const rpFilter = (servers: string[]): Sysctl[] => servers.map((ns) => ({ ns, key: `net.ipv4.conf.${TUNNEL}.rp_filter`, value: 2 }));

export const TUN: ForwardingMethod = {
  name: 'tun',
  ipvsFlag: '-i',
  realServer: segmentRealServer,
  topology: (ctx) => ({
    ip: [...segment(ctx), ...ctx.servers.flatMap((ns) => unwrapOn(ctx, ns))],
    sysctls: [...gatewaySysctls(ctx.family), ...rpFilter(ctx.servers)],
    clientGateway: GATEWAY,
  }),
  stateTable: inputOnly,
  repliesBypassDirector: true,
  // IPv6 in IPv6 needs an ip6tnl device on each real server (CONFIG_IPV6_TUNNEL, not in kernel-configs/).
  constraints: (s) =>
    s.service.family === 'ipv6'
      ? [{ key: 'service.forwarding', message: 'service.forwarding tun is for IPv4 services: an IPv6 service tunnels IPv6 in IPv6, which needs an ip6tnl device on each real server (CONFIG_IPV6_TUNNEL, not in kernel-configs/); use forwarding dr or nat, or family ipv4' }]
      : [],
};
