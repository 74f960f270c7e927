// Pure: the guest's namespaces and links as `ip` commands, in two stages. The
// director's namespace is made first, by itself, and the agent pauses after
// it: every namespace has its own IPVS defense work, told apart in the trace
// only by the order they first run (vm/agent.sh trace_start), and the timer
// wheel keeps the order of timers more than 8 jiffies apart (50 ms here).
import { familyOf, type Scenario } from '../../scenario/schema.ts';
import { ATTACKER_MAC, DIRECTOR_MAC, hostAddress, vipOf } from '../../scenario/topology.ts';
import { forwardingOf } from '../../forwarding/index.ts';
import { namespace, route, veth } from './links.ts';
import { ATTACKER, DIRECTOR, clientName, numbered, serverName } from './nodes.ts';
import { syncTopology } from './sync.ts';
import type { IpCommand, Sysctl } from './types.ts';
import { vipOn } from './vip.ts';

/** The attacker's link: the flood is replayed on its end, ATTACKER_LINK + "a". */
export const ATTACKER_LINK = 'vatt';
/** Seconds between the two stages. */
export const DIRECTOR_PAUSE = 0.05;

export interface TopologyPlan {
  /** ip commands, stage by stage. */
  stages: IpCommand[][];
  /** The forwarding method's sysctls. */
  sysctls: Sysctl[];
}

export function topologyPlan(s: Scenario): TopologyPlan {
  const f = familyOf(s);
  const servers = numbered(s.service.real_servers, serverName);
  const clients = numbered(s.clients.count, clientName);
  const method = forwardingOf(s).topology({ family: f, director: DIRECTOR, servers, vip: vipOf(f) });
  const second: IpCommand[] = [
    ...[ATTACKER, ...servers, ...clients].flatMap(namespace),
    ...vipOn(f, DIRECTOR),
    // The flood's frames (src/flood/pcap.ts) are addressed to these MACs.
    ...veth(f, ATTACKER_LINK, { ns: ATTACKER, addr: hostAddress(f, 0, 3, 2), mac: ATTACKER_MAC }, { ns: DIRECTOR, addr: hostAddress(f, 0, 3, 1), mac: DIRECTOR_MAC }),
    route(ATTACKER, 'default', hostAddress(f, 0, 3, 1)),
    ...method.ip,
    // Client i's link ends in its router: the director (NAT) or the method's own (DR, TUN).
    ...clients.flatMap((c, k) => [
      ...veth(f, `vc${k + 1}`, { ns: c, addr: hostAddress(f, 1, k + 1, 2) }, { ns: method.clientGateway ?? DIRECTOR, addr: hostAddress(f, 1, k + 1, 1) }),
      route(c, 'default', hostAddress(f, 1, k + 1, 1)),
    ]),
    ...(s.sync ? syncTopology(f) : []),
  ];
  return { stages: [namespace(DIRECTOR), second], sysctls: method.sysctls };
}
