// Pure: a forwarding method (ipvsadm -m, -g, -i) as the guest's plan and the
// model meet it. One module a method (./nat.ts), one line in ./index.ts.
import type { Family } from '../scenario/family.ts';
import type { StateTable } from '../protocols/types.ts';
import type { IpCommand, Sysctl } from '../guest/plan/types.ts';
import type { ScenarioProblem } from '../scenario/problem.ts';

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
  /**
   * The namespace the clients' links end in, their router (made by this part):
   * DR's and TUN's answers must reach the clients past the director. Absent:
   * the director (NAT, which routes both directions).
   */
  clientGateway?: string;
}

/** Where real server i takes the service's packets, and where its server listens. */
export interface RealServer {
  /** Its address as ipvsadm -a -r writes it (the RIP). */
  address: string;
  /** Its server's port (ipvsadm -r's too). */
  port: number;
  /**
   * The local address its server binds (DR, TUN: the VIP, which the real
   * server holds and answers from); absent: every address (NAT).
   */
  bind?: string;
}

/** The scenario keys a method's checks read (a view of Scenario). */
export interface ForwardingView {
  service: { family?: Family };
}

/**
 * A forwarding method: NAT (./nat.ts, ip_vs_nat_xmit()), direct routing
 * (./dr.ts, ip_vs_dr_xmit()) and tunnelling (./tun.ts, ip_vs_tunnel_xmit()).
 * DR and TUN share one L2 segment of director, real servers and the clients'
 * router (./segment.ts), so the answers (source VIP) go from the real servers
 * to the clients past the director; no ip_forward on the director.
 * stateTable: under DR and TUN 'input-only' for every protocol: TCP and SCTP
 * take their INPUT-ONLY rows (IP_VS_CONN_F_NOOUTPUT); UDP has one table, but
 * no reply passes the director, so udp_state_transition() never assures its
 * template.
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
  realServer(f: Family, i: number, servicePort: number): RealServer;
  topology(ctx: TopologyContext): TopologyPart;
  /**
   * What the director sees of every protocol's flows: the model's stateTable
   * (src/observe/arrivals.ts paramsFor()), by which the protocol module's
   * client outcome is chosen. 'input-only' (DR, TUN) also says the real
   * servers answer the clients past the director, so the director's IPVS must
   * see no packet in its output direction (handle_response()); the run is
   * checked for it (./no-output.ts repliesBypassDirector(),
   * src/record/director-output.ts). 'both': the director routes the answers (NAT).
   */
  stateTable: StateTable;
  /** What the method cannot do in a scenario (src/scenario/load.ts); absent: nothing. */
  constraints?(s: ForwardingView): ScenarioProblem[];
}
