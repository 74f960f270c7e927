// Pure: the clients' connection entries the director held at the end (the
// agent's client-ports events, vm/agent.sh client_conns()) against the
// requests that must still have had one: those made within the entry's life
// before the tables were read. A client with fewer made a request that found
// an entry already there (ip_vs_conn_in_get(): its address and a port of one
// of its live entries) or made none. The calibration's diagnostics name such
// clients, for a retry's first try or a tail (src/commands/calibrate-diagnostics.ts).
import type { ClientResult, GuestEvent, ParsedResults } from '../record/results.ts';
import type { Maybe } from '../record/trace-health.ts';
import { address } from '../record/ip-vs-conn.ts';
import { familyOf, protocolOf, type Scenario } from '../scenario/schema.ts';
import { clientTemplateAddr } from '../scenario/topology.ts';
import { forwardingOf } from '../forwarding/index.ts';
import { PROTOCOLS } from '../protocols/index.ts';
import { KEEP } from '../protocols/types.ts';

/** A request's entry is counted only if it was made this much inside its life (the request's own span, clocks). */
const SLACK_S = 2;

export interface ShortClient {
  client: number;
  /** Its entries in the director's table at the end. */
  entries: number;
  /** Its requests within the window, a port its log gave twice counted once. */
  requests: number;
  /** The entries' client ports, as the table gave them. */
  ports: number[];
}

export interface ClientEntries {
  /** The window: requests made in the last windowS seconds before the read. */
  windowS: number;
  /** Clients with at least one request in the window. */
  checked: number;
  short: ShortClient[];
}

const eventNamed = (p: ParsedResults, name: string) => p.records.filter((r): r is GuestEvent => r.type === 'event' && r.name === name);

/** The client-ports events: the table's client address (parsed as the template lines are) -> its entries' ports. */
function portsByAddress(p: ParsedResults): Map<string, number[]> {
  const out = new Map<string, number[]>();
  for (const e of eventNamed(p, 'client-ports')) {
    if (typeof e.client !== 'string' || typeof e.ports !== 'string') continue;
    out.set(address(e.client), e.ports.split(' ').filter(Boolean).map((h) => Number.parseInt(h, 16)));
  }
  return out;
}

/** Requests counted as entries: a port given twice is one entry; a request with no port, one each. */
function distinctEntries(requests: ClientResult[]): number {
  const ports = new Set(requests.flatMap((r) => (r.port === undefined ? [] : [r.port])));
  return ports.size + requests.filter((r) => r.port === undefined).length;
}

export function clientEntriesOf(p: ParsedResults, s: Scenario | undefined): Maybe<ClientEntries> {
  if (!s) return { notRecorded: "the record's metadata names no scenario" };
  const summary = eventNamed(p, 'client-conns')[0];
  if (!summary) return { notRecorded: 'no client-conns event (an agent older than it)' };
  if (s.service.ops) return { notRecorded: 'one-packet scheduling: a client request makes no connection entry' };
  const proto = PROTOCOLS[protocolOf(s)];
  const outcome = proto.client[forwardingOf(s).stateTable];
  if (s.sysctl.drop_entry !== 0 && proto.dropRule[outcome.state] !== KEEP) {
    return { notRecorded: `drop_entry ${s.sysctl.drop_entry}: the defense may drop a client's entry in its last state` };
  }
  const read = eventNamed(p, 'tables-read')[0]?.from;
  const at = typeof read === 'number' ? read : summary.t;
  const windowS = outcome.timeoutS - SLACK_S;
  const made = (r: ClientResult) => r.ok || (proto.unansweredMakesEntry && r.sent !== false);
  const clients = p.records.filter((r): r is ClientResult => r.type === 'client' && made(r) && r.t > at - windowS);
  const ports = portsByAddress(p);
  const prefix = familyOf(s) === 'ipv6' ? 128 : 32;
  const out: ClientEntries = { windowS, checked: 0, short: [] };
  for (let c = 1; c <= s.clients.count; c++) {
    const requests = distinctEntries(clients.filter((r) => r.client === c));
    if (requests === 0) continue;
    out.checked++;
    const held = ports.get(clientTemplateAddr(c, prefix, familyOf(s))) ?? [];
    if (held.length < requests) out.short.push({ client: c, entries: held.length, requests, ports: held });
  }
  return out;
}
