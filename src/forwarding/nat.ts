// Pure: NAT forwarding (ipvsadm -m, IP_VS_CONN_F_MASQ): the director rewrites
// the destination on the way in (ip_vs_nat_xmit()) and the source of the
// answers on the way back (handle_response()), so it routes both directions.
import type { Family } from '../scenario/family.ts';
import { CLIENT_NETS, hostAddress } from '../scenario/topology.ts';
import { route, veth } from '../guest/plan/links.ts';
import type { IpCommand } from '../guest/plan/types.ts';
import type { ForwardingMethod, TopologyContext } from './types.ts';
import { forwardingSysctls } from './routing.ts';

/** The real servers listen on this port whatever the service's (NAT rewrites it). */
const SERVER_PORT = 80;

/** Real server i's link to the director (network 2, link i). */
function serverLink(ctx: TopologyContext, i: number): IpCommand[] {
  const f = ctx.family;
  const ns = ctx.servers[i - 1]!;
  return [
    ...veth(f, `vrs${i}`, { ns: ctx.director, addr: hostAddress(f, 2, i, 1) }, { ns, addr: hostAddress(f, 2, i, 2) }),
    // Only the legitimate clients' networks are routable from a real server:
    // answers to the flood's spoofed sources die here, so its entries stay in
    // their first state (SYN_RECV) for the kernel's full timeout.
    route(ns, CLIENT_NETS[f], hostAddress(f, 2, i, 1)),
  ];
}

export const NAT: ForwardingMethod = {
  name: 'nat',
  ipvsFlag: '-m',
  realServer: (f: Family, i: number) => ({ address: hostAddress(f, 2, i, 2), port: SERVER_PORT }),
  topology: (ctx) => ({
    ip: ctx.servers.flatMap((_, k) => serverLink(ctx, k + 1)),
    // The director routes between the clients' links and the real servers'.
    sysctls: forwardingSysctls(ctx.director, ctx.family),
  }),
  // Both directions pass the director: every protocol's full table.
  stateTable: 'both',
};
