// The scenario file's schema: every key the guest agent understands, nothing else.
import type { JSONSchemaType } from 'ajv';
import type { SourceSpec } from '../flood/sources.ts';
import { PROTOCOLS, type Protocol } from '../protocols/index.ts';
import type { Family } from './family.ts';
import { FORWARDING, type Forwarding } from '../forwarding/index.ts';

export type { Protocol };

export interface Scenario {
  name: string;
  description?: string;
  /** Guest seconds observed from the start of the scenario. */
  duration: number;
  kernel: {
    /** ip_vs.conn_tab_bits on the kernel command line (8..20 here). */
    conn_tab_bits: number;
  };
  service: {
    /** The virtual service's protocol (default tcp): a key of the protocol registry (src/protocols/index.ts). */
    protocol?: Protocol;
    /** The service's address family (default ipv4): the whole topology is in it but the sync link (IPv4: src/guest/plan/sync.ts). */
    family?: 'ipv4' | 'ipv6';
    /** One-packet scheduling (ipvsadm -o, UDP only): each datagram scheduled alone, its entry freed at once. */
    ops?: boolean;
    port: number;
    scheduler: 'rr' | 'wrr' | 'lc' | 'wlc' | 'sh';
    /** ipvsadm -m (nat); the forwarding methods' registry (src/forwarding/) names them. */
    forwarding: Forwarding;
    /** ipvsadm -p: template timeout in seconds. */
    persistence: number;
    /** ipvsadm -M: a dotted netmask (IPv4), or a prefix length written /n (IPv6). */
    netmask: string;
    real_servers: number;
  };
  sysctl: {
    drop_entry: 0 | 1 | 2 | 3;
    amemthresh: number;
    /**
     * net.ipv4.vs.sync_version on the master (scenario `sync: true`): 1, the
     * kernel's default, or 0, the old message format the backup reads in
     * ip_vs_process_message_v0().
     */
    sync_version?: 0 | 1;
    /**
     * net.ipv4.vs.secure_tcp: 3 switches TCP to tcp_states_dos at once, 1 and 2
     * only while free memory is below amemthresh (update_defense_level()).
     */
    secure_tcp?: 0 | 1 | 2 | 3;
    /** net.ipv4.vs.sloppy_tcp: any TCP packet but a RST may make an entry (tcp_conn_schedule()). */
    sloppy_tcp?: 0 | 1;
    /** net.ipv4.vs.sloppy_sctp: any first chunk but ABORT may make an entry (sctp_conn_schedule()). */
    sloppy_sctp?: 0 | 1;
  };
  flood: {
    /** SYNs a second. */
    rate: number;
    count: number;
    /** Guest seconds after the scenario starts. */
    start: number;
    /** Where the spoofed SYNs come from (default uniform). */
    sources?: SourceSpec;
    /** Seed of the flood's packets (default 1): the same seed, the same packets. */
    seed?: number;
  };
  clients: {
    count: number;
    /** Seconds between two handshakes of one client. */
    interval: number;
    start: number;
    stop: number;
  };
  /**
   * At the end, delete the director's namespace with its table full and check
   * that ip_vs_conn_flush() frees every entry (claim C5). Default false.
   */
  teardown?: boolean;
  /**
   * A second director, `backup`, fed by IPVS's sync daemon (ipvsadm
   * --start-daemon master on the director, backup on it, over a link of their
   * own): its templates at the end say which states the sync carried (claim C6).
   * Default false.
   */
  sync?: boolean;
}

const posInt = { type: 'integer', minimum: 1 } as const;

/** uniform | {pool: N} | {subnets: [a.b.c.d/n, ...]}; typed loosely: ajv's JSONSchemaType cannot express this union. */
const SOURCES_SCHEMA = {
  oneOf: [
    { type: 'string', enum: ['uniform'] },
    { type: 'object', additionalProperties: false, required: ['pool'], properties: { pool: { type: 'integer', minimum: 1, maximum: 1000000 } } },
    {
      type: 'object',
      additionalProperties: false,
      required: ['subnets'],
      properties: { subnets: { type: 'array', minItems: 1, items: { type: 'string' } } },
    },
  ],
} as unknown as { $ref: string };

export type { Family };
/** The service's address family, its default filled in. */
export const familyOf = (s: Scenario): Family => s.service.family ?? 'ipv4';
/** The service's protocol, its default filled in. */
export const protocolOf = (s: Scenario): Protocol => s.service.protocol ?? 'tcp';

/** The flood with its defaults filled in. */
export const floodSpecOf = (s: Scenario) => ({
  rate: s.flood.rate,
  count: s.flood.count,
  seed: s.flood.seed ?? 1,
  sources: s.flood.sources ?? ('uniform' as const),
  family: familyOf(s),
});

export const scenarioSchema: JSONSchemaType<Scenario> = {
  type: 'object',
  additionalProperties: false,
  required: ['name', 'duration', 'kernel', 'service', 'sysctl', 'flood', 'clients'],
  properties: {
    name: { type: 'string', pattern: '^[A-Za-z0-9._-]+$' },
    description: { type: 'string', nullable: true },
    duration: { type: 'number', exclusiveMinimum: 0, maximum: 3600 },
    kernel: {
      type: 'object',
      additionalProperties: false,
      required: ['conn_tab_bits'],
      properties: { conn_tab_bits: { type: 'integer', minimum: 8, maximum: 20 } },
    },
    service: {
      type: 'object',
      additionalProperties: false,
      required: ['port', 'scheduler', 'forwarding', 'persistence', 'netmask', 'real_servers'],
      properties: {
        protocol: { type: 'string', enum: Object.keys(PROTOCOLS) as Protocol[], nullable: true },
        family: { type: 'string', enum: ['ipv4', 'ipv6'], nullable: true },
        ops: { type: 'boolean', nullable: true },
        port: { type: 'integer', minimum: 1, maximum: 65535 },
        scheduler: { type: 'string', enum: ['rr', 'wrr', 'lc', 'wlc', 'sh'] },
        forwarding: { type: 'string', enum: Object.keys(FORWARDING) as Forwarding[] },
        persistence: { type: 'integer', minimum: 1, maximum: 2678400 },
        netmask: { type: 'string', pattern: '^((\\d{1,3}\\.){3}\\d{1,3}|/\\d{1,3})$' },
        real_servers: { type: 'integer', minimum: 1, maximum: 8 },
      },
    },
    sysctl: {
      type: 'object',
      additionalProperties: false,
      required: ['drop_entry', 'amemthresh'],
      properties: {
        drop_entry: { type: 'integer', enum: [0, 1, 2, 3] },
        amemthresh: { type: 'integer', minimum: 0 },
        sync_version: { type: 'integer', enum: [0, 1], nullable: true },
        // proc_do_defense_mode() refuses anything outside 0..3 (-EINVAL).
        secure_tcp: { type: 'integer', enum: [0, 1, 2, 3], nullable: true },
        sloppy_tcp: { type: 'integer', enum: [0, 1], nullable: true },
        sloppy_sctp: { type: 'integer', enum: [0, 1], nullable: true },
      },
    },
    flood: {
      type: 'object',
      additionalProperties: false,
      required: ['rate', 'count', 'start'],
      properties: {
        rate: { type: 'number', exclusiveMinimum: 0, maximum: 100000 },
        count: { type: 'integer', minimum: 0 },
        start: { type: 'number', minimum: 0 },
        sources: SOURCES_SCHEMA,
        seed: { type: 'integer', minimum: 0, maximum: 2 ** 31 - 1, nullable: true },
      },
    },
    clients: {
      type: 'object',
      additionalProperties: false,
      required: ['count', 'interval', 'start', 'stop'],
      properties: {
        count: { type: 'integer', minimum: 0, maximum: 32 },
        interval: { ...posInt, type: 'integer' },
        start: { type: 'number', minimum: 0 },
        stop: { type: 'number', minimum: 0 },
      },
    },
    teardown: { type: 'boolean', nullable: true },
    sync: { type: 'boolean', nullable: true },
  },
};
