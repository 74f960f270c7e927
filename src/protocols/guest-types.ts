// Pure: the guest side of a protocol: how the guest serves it, asks it, and
// what the host reads from a client's log. Each protocol module has one
// `guest` block of this type; the plan (src/guest/plan/) reads it.
import type { Family } from '../scenario/family.ts';

export interface ServerArgs {
  family: Family;
  /** The port the real server listens on (the forwarding method's). */
  port: number;
  /**
   * The local address it listens on (DR, TUN: the VIP, so that it answers
   * from the VIP and an SCTP server advertises only it); absent: every address.
   */
  bind?: string;
  /** The guest directory holding the server's answers: `id` (its name) and `id8` (padded to 8 bytes). */
  www: string;
}

export interface ClientArgs {
  family: Family;
  vip: string;
  port: number;
}

/** A command as argv (the plan quotes it for the guest's shell). */
export interface GuestCommand {
  argv: string[];
  /** Its standard input: text to send (kept in a plan file), '' for none (/dev/null); absent: left as it is. */
  input?: string;
}

export interface ServerCommand extends GuestCommand {
  /** true: it puts itself in the background and its exit status says whether it started (httpd); false: the agent starts it in the background. */
  daemon: boolean;
}

/** What a client's log says beyond its answer (absent: nothing to say). */
export interface ClientLogFacts {
  /** Did the client send its request? */
  sent?: boolean;
  /** The client's local port for this request. */
  port?: number;
}

export interface ProtoGuest {
  /** ipvsadm's service flag: -t, -u, --sctp-service. */
  ipvsFlag: string;
  /** The dynamic tools the guest needs beyond ipvsadm, tcpreplay and ip (busybox's applets are there anyway). */
  tools: string[];
  /** Sysctls of each real server's namespace, as key and value. */
  serverSysctls: { key: string; value: string | number }[];
  /** A real server: answers each request with its name. */
  server(a: ServerArgs): ServerCommand;
  /** One request of a legitimate client, bounded in time; its answer (the real server's name) on stdout, its log on stderr. */
  client(a: ClientArgs): GuestCommand;
  /** Reads the client's log (its stderr, as the guest sent it). */
  parseClientLog(log: string): ClientLogFacts;
}
