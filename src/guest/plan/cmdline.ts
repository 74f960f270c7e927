// Pure: the kernel command line arguments a scenario needs.
import { familyOf, type Scenario } from '../../scenario/schema.ts';

/**
 * no_hash_pointers: the agent tells the namespaces' defense works apart by
 * their work_struct's address in the trace (vm/agent.sh), and a guest whose
 * random pool is never ready prints every hashed pointer as "(____ptrval____)".
 * ipv6.disable=1 for IPv4 scenarios: an IPv6 stack would send its own packets
 * (duplicate address detection, router and listener reports) on every link.
 */
export function scenarioCmdline(s: Scenario): string[] {
  return [`ip_vs.conn_tab_bits=${s.kernel.conn_tab_bits}`, 'no_hash_pointers', ...(familyOf(s) === 'ipv6' ? [] : ['ipv6.disable=1'])];
}
