// Pure: a namespace that routes between its links (NAT's director, DR's and
// TUN's clients' router): IPv4 forwarding, and IPv6's too for an IPv6 topology.
import type { Family } from '../scenario/family.ts';
import type { Sysctl } from '../guest/plan/types.ts';

export const forwardingSysctls = (ns: string, f: Family): Sysctl[] => [
  { ns, key: 'net.ipv4.ip_forward', value: 1 },
  ...(f === 'ipv6' ? [{ ns, key: 'net.ipv6.conf.all.forwarding', value: 1 }] : []),
];
