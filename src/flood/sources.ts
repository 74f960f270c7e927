// Pure: where the flood's spoofed SYNs come from, drawn from a seeded generator,
// so the model sees the same sources, in the same order, as the kernel.
import { unsafeUniformIntDistribution, type RandomGenerator } from 'pure-rand';
import { parseCidr, inCidr } from './addr.ts';
import type { Ipv6 } from './addr6.ts';

/**
 * uniform: all of IPv4 but what the director would never take from the wire;
 * pool: a botnet of N such hosts, each packet from one of them at random;
 * subnets: addresses drawn uniformly over the union of the listed networks.
 */
export type SourceSpec = 'uniform' | { pool: number } | { subnets: string[] };

/**
 * Never drawn: what ip_route_input_slow() drops as a martian source (0/8,
 * 127/8, multicast 224/4, 255.255.255.255), the reserved 240/4 with it, and
 * 10/8, the harness's own networks (director, clients, real servers: vm/agent.sh),
 * so a flood source is never taken for a client or a local address.
 */
const EXCLUDED = ['0.0.0.0/8', '10.0.0.0/8', '127.0.0.0/8', '224.0.0.0/3'].map((c) => parseCidr(c)!);

export const excluded = (a: number) => EXCLUDED.some((c) => inCidr(a, c));

/** Problems with a spec, for the scenario loader (the key is relative to flood.sources). */
export function sourceProblems(spec: SourceSpec): { key: string; message: string }[] {
  if (spec === 'uniform' || 'pool' in spec) return [];
  const out: { key: string; message: string }[] = [];
  spec.subnets.forEach((s, i) => {
    const c = parseCidr(s);
    if (!c) out.push({ key: `subnets.${i}`, message: `"${s}" is not an IPv4 network (a.b.c.d/n)` });
    else if (EXCLUDED.some((x) => inCidr(c.net, x) || inCidr(x.net, c)))
      out.push({ key: `subnets.${i}`, message: `"${s}" overlaps ${EXCLUDED.map((x) => `${x.net >>> 24}.0.0.0/${x.bits}`).join(', ')} (martian, reserved, or the harness's own networks)` });
  });
  return out;
}

/** A drawer of source addresses for one flood. */
export function sourceDrawer(spec: SourceSpec, rng: RandomGenerator): () => number {
  const u32 = () => rng.unsafeNext() >>> 0;
  const uniform = () => {
    for (;;) {
      const a = u32();
      if (!excluded(a)) return a;
    }
  };
  if (spec === 'uniform') return uniform;
  if ('pool' in spec) {
    const hosts = new Set<number>();
    while (hosts.size < spec.pool) hosts.add(uniform());
    const list = [...hosts];
    return () => list[unsafeUniformIntDistribution(0, list.length - 1, rng)]!;
  }
  const nets = spec.subnets.map((s) => parseCidr(s)!);
  const sizes = nets.map((n) => 2 ** (32 - n.bits));
  const total = sizes.reduce((a, b) => a + b, 0);
  return () => {
    // Uniform over the union (the listed networks do not overlap the excluded ones).
    let k = Math.floor((u32() / 2 ** 32) * total);
    for (let i = 0; i < nets.length; i++) {
      if (k < sizes[i]!) return (nets[i]!.net + k) >>> 0;
      k -= sizes[i]!;
    }
    return nets[0]!.net;
  };
}

/**
 * IPv6 sources: uniform over global unicast, 2000::/3 (none of it a source
 * ip6_rcv_core() or the routing code refuses, and none the harness's own
 * fd00::/8); pool: N such hosts. (Subnets are IPv4's: the loader says so.)
 */
export function sourceDrawer6(spec: SourceSpec, rng: RandomGenerator): () => Ipv6 {
  const u32 = () => rng.unsafeNext() >>> 0;
  const uniform = (): Ipv6 => [((u32() & 0x1fffffff) | 0x20000000) >>> 0, u32(), u32(), u32()];
  if (spec === 'uniform' || !('pool' in spec)) return uniform;
  const hosts = new Map<string, Ipv6>();
  while (hosts.size < spec.pool) {
    const a = uniform();
    hosts.set(a.join(','), a);
  }
  const list = [...hosts.values()];
  return () => list[unsafeUniformIntDistribution(0, list.length - 1, rng)]!;
}
