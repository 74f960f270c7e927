// Pure: the flood as a list of packets, made from the scenario and its seed:
// the guest replays exactly these (vm/agent.sh, tcpreplay) and the model takes
// the same list, so sources aggregate under any netmask as they do in the kernel.
import { xoroshiro128plus, unsafeUniformIntDistribution } from 'pure-rand';
import { userError } from '../errors.ts';
import { formatIpv4 } from './addr.ts';
import { sourceDrawer, sourceDrawer6, type SourceSpec } from './sources.ts';
import { formatIpv6Full } from './addr6.ts';

export interface FloodSpec {
  rate: number;
  count: number;
  seed: number;
  sources: SourceSpec;
  /** The sources' family (default ipv4). */
  family?: 'ipv4' | 'ipv6';
}

/** One SYN a row, columns as typed arrays (tens of thousands of packets). */
export interface FloodPlan {
  /** Seconds after the replay starts. */
  t: Float64Array;
  /** IPv4 sources; for an IPv6 flood, 0 (its sources are src6). */
  src: Uint32Array;
  /** IPv6 sources, four words a packet (most significant first). */
  src6?: Uint32Array;
  sport: Uint16Array;
  seq: Uint32Array;
  ipId: Uint16Array;
}

const PORT_LO = 1024;
const PORTS = 65536 - PORT_LO;

/**
 * Packet i leaves at i / rate. A source's ports start at a random one and go up
 * by one per packet, so no two SYNs share a source address and port: each is a
 * new connection to IPVS, never a retransmission onto an existing one.
 */
export function floodPlan(f: FloodSpec): FloodPlan {
  const rng = xoroshiro128plus(f.seed);
  const v6 = f.family === 'ipv6';
  const draw = v6 ? undefined : sourceDrawer(f.sources, rng);
  const draw6 = v6 ? sourceDrawer6(f.sources, rng) : undefined;
  const n = f.count;
  const plan: FloodPlan = { t: new Float64Array(n), src: new Uint32Array(n), sport: new Uint16Array(n), seq: new Uint32Array(n), ipId: new Uint16Array(n) };
  if (v6) plan.src6 = new Uint32Array(4 * n);
  const next = new Map<number | string, { port: number; used: number }>();
  for (let i = 0; i < n; i++) {
    let src: number | string;
    if (draw6) {
      const a = draw6();
      plan.src6!.set(a, 4 * i);
      src = a.join(',');
    } else {
      src = draw!();
      plan.src[i] = src;
    }
    let s = next.get(src);
    if (!s) {
      s = { port: unsafeUniformIntDistribution(0, PORTS - 1, rng), used: 0 };
      next.set(src, s);
    }
    if (++s.used > PORTS) {
      const name = typeof src === 'number' ? formatIpv4(src) : formatIpv6Full(plan.src6!.subarray(4 * i, 4 * i + 4));
      throw userError(`flood: source ${name} would send more than ${PORTS} SYNs and reuse its ports; use a larger pool or fewer SYNs`);
    }
    // Evenly spaced: the guest replays by rate (tcpreplay --pps, vm/agent.sh), not by these stamps.
    plan.t[i] = i / f.rate;
    plan.sport[i] = PORT_LO + (s.port++ % PORTS);
    plan.seq[i] = rng.unsafeNext() >>> 0;
    plan.ipId[i] = rng.unsafeNext() & 0xffff;
  }
  return plan;
}

/** Distinct sources under a prefix length: the templates the flood can make at most. */
export function distinctKeys(src: Uint32Array, bits: number): number {
  const shift = 32 - bits;
  const keys = new Set<number>();
  for (const a of src) keys.add(shift >= 32 ? 0 : a >>> shift);
  return keys.size;
}
