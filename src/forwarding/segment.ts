// Pure: the topology DR and TUN share (ipvs-dr-tun.md §5). The director, the
// real servers and the clients' router (gw) are ports of one bridge, in a
// namespace of its own (lan: no IPVS service there, so nothing of IPVS sees
// the frames it switches). The clients link to gw, which routes the VIP to
// the director; a real server routes the clients' networks to gw, so its
// answers (source VIP) reach the clients without crossing the director: a
// reply through it would be martian there (its own VIP as source) or, if it
// forwarded it, would turn on IPVS's output state tracking (handle_response()).
import type { Family } from '../scenario/family.ts';
import { CLIENT_NETS, hostAddress, vipOf } from '../scenario/topology.ts';
import { bridge, bridgePort, namespace, route } from '../guest/plan/links.ts';
import type { IpCommand, Sysctl } from '../guest/plan/types.ts';
import type { RealServer, TopologyContext } from './types.ts';
import { forwardingSysctls } from './routing.ts';

/** The bridge's namespace and device. */
const LAN = 'lan';
const BRIDGE = { ns: LAN, dev: 'br0' };
/** The clients' router: their links end there. */
export const GATEWAY = 'gw';

/** The segment's addresses: network 2, link 0; the director .1, gw .254, real server i .(10 + i). */
const segmentAddress = (f: Family, c: number) => hostAddress(f, 2, 0, c);
const DIRECTOR_END = 1;
const GATEWAY_END = 254;
const realServerAddress = (f: Family, i: number) => segmentAddress(f, 10 + i);

/** The bridge, the director's and gw's ports, gw's route of the VIP to the director. */
function core(ctx: TopologyContext): IpCommand[] {
  const f = ctx.family;
  return [
    ...namespace(LAN),
    ...bridge(BRIDGE.ns, BRIDGE.dev),
    ...namespace(GATEWAY),
    ...bridgePort(f, 'vdir', BRIDGE, { ns: ctx.director, addr: segmentAddress(f, DIRECTOR_END) }),
    ...bridgePort(f, 'vgw', BRIDGE, { ns: GATEWAY, addr: segmentAddress(f, GATEWAY_END) }),
    // The clients' requests: gw -> the director (IPVS takes them at LOCAL_IN).
    route(GATEWAY, ctx.vip, segmentAddress(f, DIRECTOR_END)),
  ];
}

/** Real server i's port of the bridge (vrsIb, its RIP) and its route back to the clients. */
function serverPort(ctx: TopologyContext, i: number): IpCommand[] {
  const f = ctx.family;
  const ns = ctx.servers[i - 1]!;
  return [
    ...bridgePort(f, `vrs${i}`, BRIDGE, { ns, addr: realServerAddress(f, i) }),
    // Only the legitimate clients' networks are routable from a real server,
    // via gw: answers to the flood's spoofed sources die here, as under NAT.
    route(ns, CLIENT_NETS[f], segmentAddress(f, GATEWAY_END)),
  ];
}

/** The segment: the bridge, gw, the director's and each real server's port (the VIP on the servers is the method's). */
export const segment = (ctx: TopologyContext): IpCommand[] => [...core(ctx), ...ctx.servers.flatMap((_, k) => serverPort(ctx, k + 1))];

/** gw forwards between the clients and the segment; the director does not (DR and TUN transmit at LOCAL_OUT). */
export const gatewaySysctls = (f: Family): Sysctl[] => forwardingSysctls(GATEWAY, f);

/**
 * Where real server i takes the service's packets under DR and TUN: its RIP on
 * the segment, the service's own port (ip_vs_dr_xmit() and ip_vs_tunnel_xmit()
 * rewrite no port), its server bound to the VIP.
 */
export const segmentRealServer = (f: Family, i: number, servicePort: number): RealServer => ({ address: realServerAddress(f, i), port: servicePort, bind: vipOf(f) });
