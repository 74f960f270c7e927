// Pure: a scenario as the shell variables the guest agent (vm/agent.sh) reads.
import { protocolOf, familyOf, type Scenario } from './schema.ts';
import { vipOf, ATTACKER_MAC, DIRECTOR_MAC } from './topology.ts';

const FORWARD_FLAG = { nat: '-m' } as const;

const quote = (v: string | number) => `'${String(v).replace(/'/g, `'\\''`)}'`;

export function guestEnv(s: Scenario): string {
  const names = (prefix: string, n: number) => Array.from({ length: n }, (_, i) => `${prefix}${i + 1}`).join(' ');
  const vars: Record<string, string | number> = {
    SC_NAME: s.name,
    SC_DURATION: s.duration,
    SC_PORT: s.service.port,
    SC_SCHEDULER: s.service.scheduler,
    SC_FORWARD_FLAG: FORWARD_FLAG[s.service.forwarding],
    SC_PERSISTENCE: s.service.persistence,
    // ipvsadm -M: IPv6's is the prefix length alone.
    SC_NETMASK: s.service.netmask.replace(/^\//, ''),
    RS_NAMES: names('rs', s.service.real_servers),
    SC_DROP_ENTRY: s.sysctl.drop_entry,
    SC_AMEMTHRESH: s.sysctl.amemthresh,
    SC_FLOOD_RATE: s.flood.rate,
    SC_FLOOD_COUNT: s.flood.count,
    SC_FLOOD_START: s.flood.start,
    SC_VIP: vipOf(familyOf(s)),
    SC_FAMILY: familyOf(s),
    SC_ATTACKER_MAC: ATTACKER_MAC,
    SC_DIRECTOR_MAC: DIRECTOR_MAC,
    CLIENT_NAMES: names('client', s.clients.count),
    SC_CLIENT_INTERVAL: s.clients.interval,
    SC_CLIENT_START: s.clients.start,
    SC_CLIENT_STOP: s.clients.stop,
    SC_TEARDOWN: s.teardown ? 1 : 0,
    SC_PROTOCOL: protocolOf(s),
    SC_SYNC: s.sync ? 1 : 0,
    SC_OPS: s.service.ops ? 1 : 0,
  };
  return Object.entries(vars).map(([k, v]) => `${k}=${quote(v)}`).join('\n') + '\n';
}

/**
 * Kernel command line arguments the scenario needs. no_hash_pointers: the
 * agent tells the namespaces' defense works apart by their work_struct's
 * address in the trace (vm/agent.sh), and a guest whose random pool is never
 * ready prints every hashed pointer as "(____ptrval____)". ipv6.disable=1
 * for IPv4 scenarios: an IPv6 stack would send its own packets (duplicate
 * address detection, router and listener reports) on every link.
 */
export function scenarioCmdline(s: Scenario): string[] {
  return [`ip_vs.conn_tab_bits=${s.kernel.conn_tab_bits}`, 'no_hash_pointers', ...(familyOf(s) === 'ipv6' ? [] : ['ipv6.disable=1'])];
}
