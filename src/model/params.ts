// Pure: the model's parameters and inputs.
import type { Protocol } from '../scenario/schema.ts';
import type { StateTable } from '../protocols/types.ts';

/** The series reverted (base) and as shipped (patched): every list of variants is this one. */
export const VARIANTS = ['base', 'patched'] as const;
export type Variant = (typeof VARIANTS)[number];

/**
 * CONFIG_HZ of the kernels kernel-configs/ builds (00-qemu-boot.config sets
 * HZ_250): the hand-checkable default, and the HZ of a record made before runs
 * recorded their kernel's (src/observe/arrivals.ts paramsFor).
 */
export const DEFAULT_HZ = 250;

export interface ModelParams {
  variant: Variant;
  /** CONFIG_HZ of the kernel under test (read from its build's .config: src/kbuild/hz.ts). */
  hz: number;
  /** ip_vs.conn_tab_bits: the connection hash table has 2^bits buckets. */
  tabBits: number;
  /** ipvsadm -p: the template timeout, seconds. */
  persistence: number;
  /** Prefix length of ipvsadm -M: how much of the client address the template keeps. */
  netmaskBits: number;
  /** net.ipv4.vs.drop_entry. */
  dropEntry: 0 | 1 | 2 | 3;
  /** update_defense_level(): free memory below amemthresh (modes 1 and 2 act only then). */
  memoryLow: boolean;
  /** net.ipv4.vs.secure_tcp (absent: 0): TCP's tables, by update_defense_level() (./flood-states.ts). */
  secureTcp?: 0 | 1 | 2 | 3;
  /** net.ipv4.vs.sloppy_tcp and sloppy_sctp (absent: off). */
  sloppyTcp?: boolean;
  sloppySctp?: boolean;
  /** The service's protocol: which protocol module (src/protocols/) the table simulator reads, its timeouts included. */
  protocol: Protocol;
  /**
   * The state table the protocol follows under the service's forwarding method
   * (its stateTable, src/forwarding/): which of the protocol's client
   * outcomes a client's exchange leaves, and whether it assures its template.
   */
  stateTable: StateTable;
  /** One-packet scheduling (ipvsadm -o): connections are never hashed, their packets count on the template. */
  ops?: boolean;
  /**
   * The director is a sync master sending protocol v0 (scenario `sync: true`,
   * sysctl.sync_version 0): ip_vs_in_hook() then leaves a one-packet
   * connection's template count to ip_vs_sync_conn(), whose v0 path
   * (ip_vs_sync_conn_v0(): "Do not sync ONE PACKET") returns before it, so an
   * OPS template's in_pkts stays 0 and todrop_entry() never takes it.
   */
  syncMasterV0?: boolean;
  /**
   * The kernel's jiffies at model time 0, modulo 2^24 (the coarsest wheel level
   * the model meets): the timer wheel rounds expiries to multiples of its
   * levels' granularity in absolute jiffies, so a 60 s timer fires on a 2.048 s
   * grid whose phase is the kernel's, not the model's (see kernelJiffiesAt).
   */
  jiffiesAtZero: number;
}

/** The wheel levels the model meets are all below 2^24 jiffies of granularity. */
const JIFFY_MODULUS = 2 ** 24;

/**
 * jiffies at guest uptime `seconds`: jiffies_64 starts at INITIAL_JIFFIES,
 * (unsigned int)(-300*HZ), so that it wraps 5 minutes after boot
 * (include/linux/jiffies.h), and ticks HZ times a second from then on. (The
 * tick starts a few jiffies after uptime 0; the model takes it as 0.)
 */
export function kernelJiffiesAt(seconds: number, hz: number): number {
  const initial = 2 ** 32 - 300 * hz;
  return (((initial + Math.round(seconds * hz)) % JIFFY_MODULUS) + JIFFY_MODULUS) % JIFFY_MODULUS;
}

export function defaultParams(variant: Variant): ModelParams {
  return {
    variant,
    hz: DEFAULT_HZ,
    tabBits: 12,
    persistence: 300,
    netmaskBits: 32,
    dropEntry: 3,
    memoryLow: false,
    protocol: 'tcp',
    stateTable: 'both',
    // A wheel aligned with model time (hand-checkable tests); runs use kernelJiffiesAt.
    jiffiesAtZero: 0,
  };
}

/**
 * What reaches IPVS, in model seconds: flood SYNs and legitimate clients'
 * connections (handshake completed, then closed, as the guest's wget does),
 * each sorted by time, with their source addresses: the template a connection
 * joins is found by its masked source, as ip_vs_sched_persist() finds it.
 */
export interface Arrivals {
  flood: Float64Array;
  /**
   * Each flood SYN's source (the flood's packet plan). Absent for records of
   * hping3's --rand-source, whose sources nobody knows: each SYN then comes
   * from a fresh random address.
   */
  floodSrc?: Uint32Array;
  clientTimes: Float64Array;
  clientIds: Int32Array;
  /** Each client connection's source address. */
  clientSrc: Uint32Array;
  /**
   * Whether the real server's answer came back (absent: all did). A UDP
   * request that got none still made its entry, but assured nothing.
   */
  clientAnswered?: Uint8Array;
  /**
   * Each client connection's key, client id * 65536 + the source port its log
   * gave (-1: not known; absent: none known). The kernel picks UDP's and SCTP's
   * ports at random, so a client's port can repeat while its earlier entry
   * lives: that request then makes no entry (SimState.reuse()).
   */
  clientConn?: Int32Array;
}

/**
 * Output series, one value per sample time. `added` and `removed` count the
 * table's entries created and freed since the previous sample: the churn that
 * a reader of /proc/net/ip_vs_conn runs into (src/compare/bands.ts).
 */
export const SERIES = ['conns', 'synRecv', 'templates', 'assured', 'floodTemplates', 'clientTemplates', 'added', 'removed'] as const;
export type SeriesName = (typeof SERIES)[number];

export interface SimOutput {
  /** Sample times, model seconds. */
  t: Float64Array;
  series: Record<SeriesName, Int32Array>;
  /** Times the scan's drop line ran over the run (SimState.dropLines): compared with gcov's count, never banded. */
  dropLines?: number;
}
