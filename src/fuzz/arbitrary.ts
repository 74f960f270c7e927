// Pure: a fast-check arbitrary of valid scenarios over the whole schema
// (src/scenario/schema.ts). Each key is drawn on its own and the draws are then
// fitted together so that every cross-key rule of src/scenario/load.ts holds by
// construction (the duration after the flood's end, the clients inside the run,
// sync protocol v0 on IPv4, one-packet scheduling on UDP, subnets on IPv4, a
// knob on its protocol): no draw is thrown away, and each key shrinks on its
// own towards the simplest scenario (tcp, ipv4, nat, /32, no clients, no
// flood, rr...), so a failure shrinks to the keys it needs.
import fc from 'fast-check';
import { PROTOCOLS, type Protocol } from '../protocols/index.ts';
import { FORWARDING, type Forwarding } from '../forwarding/index.ts';
import type { SourceSpec } from '../flood/sources.ts';
import type { Scenario } from '../scenario/schema.ts';
import type { KnobKey } from '../protocols/types.ts';

/**
 * What a drawn run may cost. The goal is 150 scenario pairs judged an hour on
 * 2 cores: under TCG guest time is warped (-icount, idle time passes without
 * waiting), so a run's wall time is mostly the packets the guest handles and
 * the model's Monte Carlo over them; a flood of at most a few thousand packets
 * and at most ~300 guest-s keep a pair to about 2 x 12 s of guest work plus the
 * judging, as the CI scenarios (smoke: 1000 SYNs, 160 s) do.
 */
export const LIMITS = {
  floodCount: 3000,
  /** The flood lasts at most this long (its rate is raised to fit). */
  floodSeconds: 120,
  floodStartMax: 30,
  /** Guest seconds observed after the flood's last packet, at least and at most. */
  afterFloodMin: 10,
  afterFloodMax: 150,
  clientsMax: 32,
  /** The clients' requests in a run, at most (the interval is raised to fit): each costs forks and an exec under TCG (src/fuzz/cost.ts). */
  clientRequests: 300,
} as const;
/** The longest drawn run: the flood's start and length plus the most observed after it. */
export const MAX_DURATION = LIMITS.floodStartMax + LIMITS.floodSeconds + LIMITS.afterFloodMax;

const SCHEDULERS = ['rr', 'wrr', 'lc', 'wlc', 'sh'] as const;
/** Ports of common services; none is the sync daemon's (8848) or a guest tool's. */
const PORTS = [80, 53, 443, 8080, 5000] as const;
// The registries' keys, the default first: constantFrom shrinks towards its first value.
const protocols = (['tcp', ...Object.keys(PROTOCOLS).filter((p) => p !== 'tcp')] as Protocol[]);
const forwardings = (['nat', ...Object.keys(FORWARDING).filter((f) => f !== 'nat')] as Forwarding[]);

/** An IPv4 network outside the excluded ranges (src/flood/sources.ts EXCLUDED): first octet 11..126 or 128..223. */
const subnet = fc.record({ k: fc.integer({ min: 0, max: 211 }), b: fc.integer({ min: 0, max: 255 }), bits: fc.integer({ min: 8, max: 28 }) }).map(({ k, b, bits }) => {
  const a = k < 116 ? 11 + k : 128 + (k - 116);
  return `${a}.${b}.0.0/${bits}`;
});

const sources: fc.Arbitrary<SourceSpec> = fc.oneof(
  fc.constant('uniform' as const),
  fc.integer({ min: 1, max: 1000 }).map((pool) => ({ pool })),
  fc.array(subnet, { minLength: 1, maxLength: 3 }).map((subnets) => ({ subnets })),
);

/** Every key's draw, unfitted. */
const draws = fc.record({
  protocol: fc.constantFrom(...protocols),
  ipv6: fc.boolean(),
  forwarding: fc.constantFrom(...forwardings),
  ops: fc.boolean(),
  port: fc.constantFrom(...PORTS),
  scheduler: fc.constantFrom(...SCHEDULERS),
  // Shrinks towards 0 bits of aggregation: /32 (IPv4), /128 (IPv6).
  netmaskShort: fc.integer({ min: 0, max: 24 }),
  persistence: fc.integer({ min: 1, max: 900 }),
  realServers: fc.integer({ min: 1, max: 8 }),
  // conn_tab_bits 8..20, the large tables a quarter as likely as the others (connTabBits below).
  connTabSlot: fc.integer({ min: 0, max: 39 }),
  dropEntry: fc.constantFrom(0, 1, 2, 3),
  // Pages of free memory below which the defense turns on (1024 by default; 262144: 1 GiB, always short).
  amemthresh: fc.integer({ min: 0, max: 262144 }),
  sync: fc.boolean(),
  syncVersion: fc.option(fc.constantFrom(1, 0), { nil: undefined }),
  floodCount: fc.integer({ min: 0, max: LIMITS.floodCount }),
  floodRate: fc.integer({ min: 1, max: 2000 }),
  floodStart: fc.integer({ min: 0, max: LIMITS.floodStartMax }),
  sources: fc.option(sources, { nil: undefined }),
  floodSeed: fc.option(fc.integer({ min: 0, max: 2 ** 31 - 1 }), { nil: undefined }),
  afterFlood: fc.integer({ min: 0, max: LIMITS.afterFloodMax - LIMITS.afterFloodMin }),
  clients: fc.integer({ min: 0, max: LIMITS.clientsMax }),
  interval: fc.integer({ min: 1, max: 30 }),
  clientsStart: fc.integer({ min: 0, max: 60 }),
  /** Where clients.stop falls between just after clients.start (0) and the end of the run (1000). */
  clientsSpan: fc.integer({ min: 0, max: 1000 }),
  teardown: fc.option(fc.boolean(), { nil: undefined }),
  // The director's knobs (absent half the time: the kernel's 0), kept where the
  // service's protocol reads them (its module's knobs, src/scenario/knobs.ts).
  secureTcp: fc.option(fc.constantFrom(0, 1, 2, 3), { nil: undefined, freq: 2 }),
  sloppyTcp: fc.option(fc.constantFrom(0, 1), { nil: undefined, freq: 2 }),
  sloppySctp: fc.option(fc.constantFrom(0, 1), { nil: undefined, freq: 2 }),
});

export type Draws = typeof draws extends fc.Arbitrary<infer T> ? T : never;

/** Drops the keys left undefined: the scenario reads as its YAML will. */
const defined = <T extends object>(o: T): T => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;

/**
 * Pure: conn_tab_bits from its slot: 8..16 four slots each (0..35), 17..20
 * one each (36..39); shrinks towards 8. Every read of /proc/net/ip_vs_conn
 * walks the table's 2^bits buckets again for each page it returns (src/fuzz/cost.ts),
 * so the guest's sampling work grows with the table while what the run tests
 * does not: with 2^17 buckets or more, thousands of entries hardly share one,
 * and ip_vs_random_dropentry() still visits 1/32 of them a second. The large
 * tables are still drawn (one case in ten), at 2/5 of the uniform draw's
 * sampling work (scripts/bench-fuzz-cost.ts).
 */
export const connTabBits = (slot: number): number => (slot < 36 ? 8 + Math.floor(slot / 4) : 17 + (slot - 36));

/** Pure: the clients' interval, raised so that they make at most LIMITS.clientRequests requests from start to stop. */
export function clientInterval(drawn: number, clients: number, start: number, stop: number): number {
  if (clients === 0) return drawn;
  // The smallest interval i with clients x ceil(span / i) <= the limit.
  const perClient = Math.max(1, Math.floor(LIMITS.clientRequests / clients));
  return Math.max(drawn, Math.ceil((stop - start) / perClient));
}

/** Pure: the draws fitted into a valid scenario (the rules of src/scenario/load.ts semanticProblems and the modules' constraints). */
export function fit(d: Draws, name = 'fuzz'): Scenario {
  // Every forwarding method (tun: IPv6 in IPv6 on ip6tnl0) and every protocol takes IPv6.
  const family = d.ipv6 ? 'ipv6' : 'ipv4';
  const sync = d.sync;
  // Sync protocol v0 carries no IPv6 entry (src/scenario/load.ts SYNC_V0_IPV4_ONLY): v1, the default, there.
  const syncVersion = family === 'ipv6' && d.syncVersion === 0 ? undefined : d.syncVersion;
  const netmask = family === 'ipv6' ? `/${128 - d.netmaskShort}` : ipv4Netmask(32 - d.netmaskShort);
  // The flood lasts at most LIMITS.floodSeconds: its rate is raised to fit.
  const rate = Math.max(d.floodRate, Math.ceil(d.floodCount / LIMITS.floodSeconds));
  const floodEnd = d.floodStart + d.floodCount / rate;
  const duration = Math.ceil(floodEnd) + LIMITS.afterFloodMin + d.afterFlood;
  const clientsStart = Math.min(d.clientsStart, duration - 1);
  const clientsStop = clientsStart + 1 + Math.floor(((duration - clientsStart - 1) * d.clientsSpan) / 1000);
  const src = family === 'ipv6' && d.sources !== undefined && d.sources !== 'uniform' && 'subnets' in d.sources ? 'uniform' : d.sources;
  return defined({
    name,
    duration,
    kernel: { conn_tab_bits: connTabBits(d.connTabSlot) },
    service: defined({
      protocol: d.protocol === 'tcp' ? undefined : d.protocol,
      family: family === 'ipv6' ? ('ipv6' as const) : undefined,
      ops: d.protocol === 'udp' && d.ops ? true : undefined,
      port: d.port,
      scheduler: d.scheduler,
      forwarding: d.forwarding,
      persistence: d.persistence,
      netmask,
      real_servers: d.realServers,
    }),
    sysctl: defined({ drop_entry: d.dropEntry, amemthresh: d.amemthresh, sync_version: sync ? syncVersion : undefined, ...knobs(d) }),
    flood: defined({ rate, count: d.floodCount, start: d.floodStart, sources: src, seed: d.floodSeed }),
    clients: { count: d.clients, interval: clientInterval(d.interval, d.clients, clientsStart, clientsStop), start: clientsStart, stop: clientsStop },
    teardown: d.teardown,
    sync: sync ? true : undefined,
  }) as Scenario;
}

/** The drawn knobs its protocol's code reads; the others left out (src/scenario/knobs.ts refuses them). */
function knobs(d: Draws): Pick<Scenario['sysctl'], KnobKey> {
  const acts = PROTOCOLS[d.protocol].knobs ?? [];
  const keep = <V>(k: KnobKey, v: V | undefined) => (acts.includes(k) ? v : undefined);
  return { secure_tcp: keep('secure_tcp', d.secureTcp), sloppy_tcp: keep('sloppy_tcp', d.sloppyTcp), sloppy_sctp: keep('sloppy_sctp', d.sloppySctp) };
}

/** Pure: a contiguous IPv4 netmask of `bits` ones, dotted. */
export function ipv4Netmask(bits: number): string {
  const m = bits === 0 ? 0 : (0xffffffff << (32 - bits)) >>> 0;
  return [24, 16, 8, 0].map((s) => (m >>> s) & 0xff).join('.');
}

/**
 * Valid scenarios over the whole schema. Unbiased: each fuzz case draws once
 * from its own seed (src/fuzz/draw.ts), and fast-check's bias towards small
 * values is strongest on a property's first run; shrinking is unchanged.
 */
export const scenarioArbitrary = (name = 'fuzz'): fc.Arbitrary<Scenario> => fc.noBias(draws.map((d) => fit(d, name)));
