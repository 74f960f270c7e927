// Pure: a forwarding method (ipvsadm -m, -g, -i) as the guest's plan and the
// model meet it. One module a method (./nat.ts), one line in ./index.ts.
import type { Family } from '../scenario/family.ts';
import type { Protocol } from '../protocols/index.ts';
import type { StateTable } from '../protocols/types.ts';
import type { IpCommand, Sysctl } from '../guest/plan/types.ts';

// What the director sees of a flow ('both' | 'input-only'): the protocols'
// client outcomes are by it, so it is defined beside them.
export type { StateTable };

/** What the rest of the topology gives a method to build its part on. */
export interface TopologyContext {
  family: Family;
  /** The director's namespace (the VIP is on it already). */
  director: string;
  /** The real servers' namespaces, made already (real server i is servers[i - 1]). */
  servers: string[];
  vip: string;
}

/** A method's part of the topology: added after the common part, in its order. */
export interface TopologyPart {
  /** ip commands (links, addresses, routes; namespaces of its own too, e.g. DR's bridge or a router). */
  ip: IpCommand[];
  /** Sysctls (NAT: the director forwards; DR, TUN: the real servers' ARP and rp_filter settings). */
  sysctls: Sysctl[];
}

/**
 * Direct routing (-g) and tunnelling (-i) are to be one file each beside
 * ./nat.ts (ip_vs_dr_xmit(), ip_vs_tunnel_xmit()). Their topology() then
 * owns what NAT's does not need: the VIP on each real server (lo, a dummy or
 * tunl0), arp_ignore/arp_announce (DR) and rp_filter 0 (TUN), one L2 segment
 * for director and real servers (DR: a bridge namespace), and a way back to
 * the clients that bypasses the director (its own router namespace); no
 * ip_forward. realServer() gives the service's port, and the protocols'
 * ServerArgs gain the VIP to bind (an SCTP server bound to the wildcard
 * advertises every local address in its INIT ACK). stateTable(): TCP and
 * SCTP 'input-only' (IP_VS_CONN_F_NOOUTPUT), and UDP 'input-only' too: it
 * has one table, but no reply passes the director, so udp_state_transition()
 * never assures its template (its 'both' would model NAT's assured ones).
 */
export interface ForwardingMethod {
  name: string;
  /** ipvsadm's flag on each real server: -a ... -r RIP:PORT FLAG. */
  ipvsFlag: string;
  /**
   * Where real server i (1-based) takes the service's packets, as ipvsadm -a
   * -r writes it, and the port its server listens on (NAT rewrites the port;
   * DR and TUN leave it as the client sent it, so there it is the service's).
   */
  realServer(f: Family, i: number, servicePort: number): { address: string; port: number };
  topology(ctx: TopologyContext): TopologyPart;
  /**
   * What the director sees of protocol p's flows: the model's stateTable
   * (src/observe/arrivals.ts paramsFor()), by which the protocol module's
   * client outcome is chosen.
   */
  stateTable(p: Protocol): StateTable;
}
