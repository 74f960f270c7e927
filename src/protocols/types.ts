// Pure: a protocol as the model's connection table meets it, as data (the
// kernel keeps the same things per protocol: a timeout table in
// ip_vs_proto_*.c, a case in ip_vs_random_dropentry()'s switch). One module a
// protocol (./tcp.ts); the one table simulator (../sim.ts) reads them.
import type { ModelParams } from '../model/params.ts';
import type { ProtoGuest } from './guest-types.ts';

/** ip_vs_random_dropentry()'s treatment of a connection in a given state. */
export const KEEP = 0;
export const DROP = 1;
/** Dropped only if todrop_entry() agrees (idle 60 s, few packets in). */
export const TODROP = 2;

/** What an exchange leaves in the table: the entry's state, its in_pkts, its timeout. */
export interface Outcome {
  state: number;
  inPkts: number;
  timeoutS: (t: ModelParams['timeouts']) => number;
}

export interface ProtoModel {
  name: string;
  /** A spoofed packet of the flood, nothing coming back. */
  flood: Outcome;
  /** A legitimate client's whole exchange; `assures`: it assures the template (patched). */
  client: Outcome & { assures: boolean };
  /** KEEP, DROP or TODROP, by state. */
  dropRule: Uint8Array;
  /** The state of a flood entry still waiting for its peer (the synRecv series). */
  embryonic: number;
  /** Its name in /proc/net/ip_vs_conn ('' for none). */
  embryonicName: string;
  /** How the guest serves and asks it (src/guest/plan/). */
  guest: ProtoGuest;
}
