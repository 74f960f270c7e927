// Pure: the sysctls of each namespace, in the order the agent sets them: the
// forwarding method's, the protocol's on each real server, then the
// director's defense (net/netfilter/ipvs/ip_vs_ctl.c: update_defense_level()
// reads amemthresh, drop_entry and secure_tcp) and its protocols' knobs.
import { protocolOf, type Scenario } from '../../scenario/schema.ts';
import { PROTOCOLS } from '../../protocols/index.ts';
import { DIRECTOR, numbered, serverName } from './nodes.ts';
import { KNOB_KEYS } from '../../scenario/knobs.ts';
import type { Sysctl } from './types.ts';

export function sysctlPlan(s: Scenario, method: Sysctl[]): Sysctl[] {
  const perServer = PROTOCOLS[protocolOf(s)].guest.serverSysctls;
  return [
    ...method,
    ...numbered(s.service.real_servers, serverName).flatMap((ns) => perServer.map((x) => ({ ns, ...x }))),
    { ns: DIRECTOR, key: 'net.ipv4.vs.amemthresh', value: s.sysctl.amemthresh },
    { ns: DIRECTOR, key: 'net.ipv4.vs.drop_entry', value: s.sysctl.drop_entry },
    // ip_vs_sync_conn() reads it for each connection it syncs: set before the
    // master's daemon starts, every message is of that version.
    ...(s.sysctl.sync_version === undefined ? [] : [{ ns: DIRECTOR, key: 'net.ipv4.vs.sync_version', value: s.sysctl.sync_version }]),
    // The knobs the scenario sets (absent: the kernel's 0). secure_tcp after
    // amemthresh: writing it runs update_defense_level(), which reads that.
    ...KNOB_KEYS.flatMap((k) => (s.sysctl[k] === undefined ? [] : [{ ns: DIRECTOR, key: `net.ipv4.vs.${k}`, value: s.sysctl[k] }])),
  ];
}
