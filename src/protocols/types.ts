// Pure: a protocol as the harness meets it, as data (the kernel keeps the
// same things per protocol: a timeout table in ip_vs_proto_*.c, a case in
// ip_vs_random_dropentry()'s switch). One module a protocol (./tcp.ts), one
// line in the registry (./index.ts); the model, the flood's pcap and the
// scenario checks read them from there.
//
// The scenario's schema takes its protocol names from the registry, so nothing
// here may import src/scenario (nor what imports it, such as src/model/params.ts
// or src/observe): what a protocol reads of a scenario or of a measured run is
// described below as the views it needs, which Scenario and Measured satisfy.
import type { ScenarioProblem } from '../scenario/problem.ts';
import type { ProtoGuest } from './guest-types.ts';

/** ip_vs_random_dropentry()'s treatment of a connection in a given state. */
export const KEEP = 0;
export const DROP = 1;
/** Dropped only if todrop_entry() agrees (idle 60 s, few packets in). */
export const TODROP = 2;

/** What an exchange leaves in the table: the entry's state, its in_pkts, its timeout (seconds, from the protocol's table). */
export interface Outcome {
  state: number;
  inPkts: number;
  timeoutS: number;
}

/** The scenario keys a protocol's checks and words read (a view of Scenario). */
export interface ScenarioView {
  service: { family?: 'ipv4' | 'ipv6'; ops?: boolean };
}

/** What a protocol reads of a measured run to say when its flood is gone (a view of Measured). */
export interface FloodView {
  /** Sample times, guest seconds. */
  t: Float64Array;
  series: { synRecv?: Int32Array };
  /** When the flood's last packet went. */
  lastFloodT: number;
}

/** Packet i's L4 fields, from the flood plan and the addressing. */
export interface SegmentFields {
  sport: number;
  dport: number;
  seq: number;
  /** The IP pseudo-header's sum (RFC 793, RFC 768, RFC 8200 8.1) for an Internet checksum; unused by CRC32c. */
  pseudo: number;
}

/** A flood packet's L4 part: the harness's IP framing (src/flood/pcap.ts) carries it. */
export interface FloodFrame {
  /** The IP protocol number (IPv4's protocol, IPv6's next header). */
  ipProto: number;
  /** The segment's length, bytes (fixed: every flood packet has one size). */
  length: number;
  /** Writes the segment at out[h .. h + length), checksum included. */
  write(out: Buffer, h: number, f: SegmentFields): void;
}

/** How the claims' texts name the flood and the moment it is gone; `life`: a flood entry's own lifetime. */
export interface FloodWords {
  gone: string;
  attack: string;
  outlive: string;
  life: { name: string; s: number };
}

/**
 * Which of ip_vs_proto_*.c's state tables a protocol's connections follow
 * under a forwarding method (src/forwarding/): 'both' when the director sees
 * both directions (NAT), 'input-only' when the real server answers the client
 * directly (DR, TUN: the destination's IP_VS_CONN_F_NOOUTPUT; set_tcp_state()'s
 * and set_sctp_state()'s INPUT-ONLY rows). UDP has one table, but what assures
 * its template is a packet in the OUTPUT direction, which 'input-only' never
 * has: under DR and TUN every protocol is 'input-only'.
 */
export type StateTable = 'both' | 'input-only';

/** What a legitimate client's whole exchange leaves under one state table. */
export interface ClientOutcome extends Outcome {
  /** It assures the client's template (patched: ip_vs_control_assure_ct()). */
  assures: boolean;
  /**
   * Where it does not: the kernel code that decides so and why, as a claim
   * that needs it says it (NOT DELIVERED: src/claims/).
   */
  notAssured?: string;
  /**
   * Where the template is assured by a packet whose own sync came before
   * (the real server's answer, after the request synced it): the kernel code
   * that orders it so, as the sync claim (C6) says it. The backup then learns
   * the ASSURED state only from a later sync of the template.
   */
  assuredAfterSync?: string;
}

/**
 * The director's net.ipv4.vs sysctls that change which state a protocol's
 * packets lead to, as the kernel acts on them (src/model/flood-states.ts works
 * them out of the scenario's sysctl.* and the run's memory).
 */
export interface Knobs {
  /** update_defense_level() has TCP on tcp_states_dos (tcp_timeout_change()). */
  secureTcp: boolean;
  /** tcp_conn_schedule() schedules any first packet but a RST. */
  sloppyTcp: boolean;
  /** sctp_conn_schedule() schedules any first chunk but an ABORT. */
  sloppySctp: boolean;
}

/** A knob as the scenario's key names it (sysctl.<key>). */
export type KnobKey = 'secure_tcp' | 'sloppy_tcp' | 'sloppy_sctp';

/** A flood entry as the model runs it: what its packet leaves, and the half-open state the synRecv series counts. */
export interface FloodStates {
  flood: Outcome;
  embryonic: number;
  embryonicName: string;
}

export interface ProtoModel {
  name: string;
  /** A spoofed packet of the flood, nothing coming back (under every method, unless floodUnder() says otherwise). */
  flood: Outcome;
  /**
   * A legitimate client's whole exchange, by the state table its forwarding
   * method gives the protocol (ModelParams.stateTable). Its in_pkts counts what
   * the client sends, which the method does not change: only todrop_entry()
   * reads it.
   */
  client: Readonly<Record<StateTable, ClientOutcome>>;
  /**
   * A request that got no answer made its entry all the same (UDP:
   * connectionless), so the model takes it as an arrival that assures nothing;
   * otherwise only the clients that succeeded are arrivals (src/observe/arrivals.ts).
   */
  unansweredMakesEntry: boolean;
  /** KEEP, DROP or TODROP, by state. */
  dropRule: Uint8Array;
  /** The state of a flood entry still waiting for its peer (the synRecv series). */
  embryonic: number;
  /** Its name in /proc/net/ip_vs_conn ('' for none). */
  embryonicName: string;
  /** The kernel's timeout table (ip_vs_proto_*.c), seconds by state name. */
  timeouts: Readonly<Record<string, number>>;
  /** The flood's packets' L4 part. */
  frame: FloodFrame;
  /** The first sample from which the flood's entries no longer hold their templates back, or -1. */
  floodGone(m: FloodView): number;
  /**
   * The knobs (sysctl.<key>) whose code acts on this protocol (absent: none):
   * the scenario refuses the others on its service (src/scenario/knobs.ts).
   */
  knobs?: readonly KnobKey[];
  /**
   * The flood where a state table and the knobs change what its packet leaves
   * (TCP: tcp_states_dos); absent, or undefined returned: flood, embryonic and
   * embryonicName above, under every table and knob.
   */
  floodUnder?(t: StateTable, k: Knobs): FloodStates | undefined;
  /** The claims' wording for this protocol's flood (`f`: the flood as the run's model has it). */
  words(s: ScenarioView, f?: FloodStates): FloodWords;
  /** What this protocol cannot do in a scenario (the scenario's checks, src/scenario/load.ts). */
  constraints(s: ScenarioView): ScenarioProblem[];
  /** How the guest serves and asks it (src/guest/plan/). */
  guest: ProtoGuest;
}
