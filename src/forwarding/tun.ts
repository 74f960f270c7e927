// Pure: tunnelling (ipvsadm -i, IP_VS_CONN_F_TUNNEL): the director wraps the
// client's packet in an IP header to the RIP (ip_vs_tunnel_xmit(),
// ip_vs_tunnel_xmit_v6(); outer source from its route to the RIP, here on the
// shared segment), the real server unwraps it on its namespace's fallback
// tunnel device and answers the client directly from the VIP (./segment.ts).
//
// IPv6, read in linux-6.1.192 (file:line there):
// - What the director sends. ipvsadm adds an IPv6 real server over netlink,
//   whose parser zeroes the dest and sets tun_type only when the attribute is
//   given (ip_vs_ctl.c:3477, 3510-3511): 0 is IP_VS_CONN_F_TUNNEL_TYPE_IPIP
//   (include/uapi/linux/ip_vs.h:123), ipvsadm's default. ip_vs_tunnel_xmit_v6()
//   (ip_vs_xmit.c:1311) adds a UDP/GUE or GRE header only for those types
//   (1353-1372, 1406-1418); for IPIP it pushes one IPv6 header, next header
//   IPPROTO_IPV6 for an IPv6 packet (ip_vs_prepare_tunneled_skb(), 1001;
//   header 1420-1435): IPv6 in IPv6 (41), sent at LOCAL_OUT (1442). Outer
//   source: the address the route's device picks for the RIP (464-466), the
//   director's segment address; MTU the route's less 40 (575).
// - What takes it on the real server: ip6_tunnel's ip6ip6 handler
//   (ip6_tunnel.c:982, behind tunnel6's IPPROTO_IPV6 protocol,
//   net/ipv6/tunnel6.c:259; no taker: ICMPv6 port unreachable, 151).
//   ipxip6_rcv() (ip6_tunnel.c:931) looks a tunnel up by the outer addresses
//   (943) and falls back to the namespace's ip6tnl0 only while it is UP
//   (ip6_tnl_lookup(), 168-170). ip6tnl0 is made in every namespace by
//   ip6_tnl_init_net() (2247, 2259) unless net.core.fb_tunnels_only_for_init_net
//   is set (net_has_fallback_tunnels(), include/linux/netdevice.h:658-668; 0
//   by default, the guest leaves it). Its mode is ip6ip6 only, not "any":
//   ip6_fb_tnl_dev_init() sets proto IPPROTO_IPV6 (ip6_tunnel.c:1945), and
//   ipxip6_rcv() drops another inner protocol on it (946-948). Its endpoints
//   are ::, so ip6_tnl_link_config() gives it per-packet capabilities
//   (1480, 755-756): ip6_tnl_rcv_ctl() (771-797) takes a packet whose outer
//   destination (the RIP) is a local, non-tentative address and whose outer
//   source (the director) is not local (787-793). Unwrapped, the packet's
//   device becomes ip6tnl0 (__ip6_tnl_rcv(), 843) and it is received again
//   (gro_cells_receive(), 888) by ipv6_rcv(), which wants an inet6_dev there
//   (ip6_input.c:165-171; addrconf gives one to every device of MTU >= 1280 at
//   registration, addrconf.c:3608-3613; ip6tnl0's is 1452).
// - No reverse-path check: IPv6 has no rp_filter (none in net/ipv6/), and
//   ip6_route_input() binds the lookup to the receiving device only for
//   link-local and multicast destinations (route.c:2333-2334), so the VIP
//   (local on any device) takes the client's packet from ip6tnl0. No netfilter
//   rpfilter match is configured. ip6tnl0 is IFF_NOARP (1850): no DAD there.
// - IPv4 scenarios boot with ipv6.disable=1: ip6_tunnel_init() then registers
//   nothing (2319), no ip6tnl0 appears, and their plan is IPv4's as before.
import type { Family } from '../scenario/family.ts';
import { vipHostAddress } from '../guest/plan/vip.ts';
import { deviceAddress } from '../guest/plan/links.ts';
import type { IpCommand, Sysctl } from '../guest/plan/types.ts';
import { GATEWAY, gatewaySysctls, segment, segmentRealServer } from './segment.ts';
import type { ForwardingMethod, TopologyContext } from './types.ts';

/**
 * The fallback devices: ipip's tunl0 (ipip_init_net(): IPIP from any source to
 * a local address) and ip6_tunnel's ip6tnl0 (ip6_tnl_init_net(): IPv6 in IPv6,
 * likewise).
 */
const TUNNEL: Record<Family, string> = { ipv4: 'tunl0', ipv6: 'ip6tnl0' };

/**
 * The device up (ip_tunnel_lookup() and ip6_tnl_lookup() take the fallback
 * device only when up) with the VIP on it: the unwrapped packet (source: the
 * client) is delivered locally. IPv4 needs the address on tunl0 itself,
 * without which any rp_filter drops it (__fib_validate_source(): no_addr ->
 * last_resort); IPv6 would deliver to the VIP on lo too, and keeps it on the
 * tunnel device as IPv4 does.
 */
const unwrapOn = (ctx: TopologyContext, ns: string): IpCommand[] => [
  { ns, line: `link set ${TUNNEL[ctx.family]} up` },
  deviceAddress(ctx.family, ns, vipHostAddress(ctx.family), TUNNEL[ctx.family]),
];

/**
 * IPv4: loose reverse-path filtering on tunl0 (2; the kernel takes the larger
 * of `all` and the device's, so UDP's strict `all` (1) makes 2 too): the
 * client, routed via gw on another device, passes (strict would drop it, the
 * route not being via tunl0); the flood's spoofed sources, unroutable, are
 * dropped at the door, as UDP's strict filter does under NAT. IPv6 has no
 * reverse-path filter: nothing to set.
 */
const rpFilter = (f: Family, servers: string[]): Sysctl[] =>
  f === 'ipv6' ? [] : servers.map((ns) => ({ ns, key: `net.ipv4.conf.${TUNNEL.ipv4}.rp_filter`, value: 2 }));

export const TUN: ForwardingMethod = {
  name: 'tun',
  ipvsFlag: '-i',
  realServer: segmentRealServer,
  topology: (ctx) => ({
    ip: [...segment(ctx), ...ctx.servers.flatMap((ns) => unwrapOn(ctx, ns))],
    sysctls: [...gatewaySysctls(ctx.family), ...rpFilter(ctx.family, ctx.servers)],
    clientGateway: GATEWAY,
  }),
  // The director sees the client's half only (./no-output.ts).
  stateTable: 'input-only',
};
