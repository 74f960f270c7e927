// Pure: the sources the model keys templates by, flood packets' and clients'.
// IPv4: the addresses themselves; the simulator masks them with the service's
// netmask as ip_vs_sched_persist() does. IPv6: the simulator's keys are 32
// bits, so each source is masked here by the prefix length (the same masking)
// and the distinct results numbered; the simulator then compares keys whole
// (netmaskBits 32). Either way two sources share a template exactly when the
// kernel's would.
import type { FloodPlan } from '../flood/plan.ts';
import { prefixLength } from '../flood/addr.ts';
import { maskIpv6 } from '../flood/addr6.ts';
import { familyOf, type Scenario } from '../scenario/schema.ts';
import { clientAddress, clientAddress6 } from '../scenario/topology.ts';

/** The simulator's netmask: the service's for IPv4, whole keys for IPv6. */
export const modelNetmaskBits = (s: Scenario) => (familyOf(s) === 'ipv6' ? 32 : prefixLength(s.service.netmask));

/** The first `count` flood packets' keys and each client connection's (by client id). */
export function templateKeys(s: Scenario, plan: FloodPlan, count: number, clientIds: ArrayLike<number>): { floodSrc: Uint32Array; clientSrc: Uint32Array } {
  if (familyOf(s) !== 'ipv6' || !plan.src6) {
    return { floodSrc: plan.src.subarray(0, count), clientSrc: Uint32Array.from(clientIds, (c) => clientAddress(c)) };
  }
  const bits = prefixLength(s.service.netmask);
  const ids = new Map<string, number>();
  const key = (a: ArrayLike<number>) => {
    const k = maskIpv6(a, bits).join(',');
    let id = ids.get(k);
    if (id === undefined) ids.set(k, (id = ids.size + 1));
    return id;
  };
  const floodSrc = new Uint32Array(count);
  for (let i = 0; i < count; i++) floodSrc[i] = key(plan.src6.subarray(4 * i, 4 * i + 4));
  return { floodSrc, clientSrc: Uint32Array.from(clientIds, (c) => key(clientAddress6(c))) };
}
