// Pure: the measured counterparts of the model's series, from a run's samples.
import { samplesOf, type ParsedResults, type ClientResult } from '../record/results.ts';
import type { SeriesName } from '../model/params.ts';
import { floodOf } from './arrivals.ts';
import { clientTemplateAddr } from '../scenario/topology.ts';
import { PROTOCOLS } from '../protocols/index.ts';
import type { Family, Protocol } from '../scenario/schema.ts';

const sum = (o: Record<string, number>) => Object.values(o).reduce((a, b) => a + b, 0);

export interface Measured {
  t: Float64Array;
  series: Partial<Record<SeriesName, Int32Array>>;
  /** Flood connections IPVS created (its counter, less the clients'). */
  floodCreated: number;
  /** Guest time hping3 finished. */
  lastFloodT: number;
}

/**
 * conns, synRecv (the flood's half-open state: TCP's SYN_RECV, or SYNACK
 * under secure_tcp over DR and TUN, SCTP's INIT1, none for UDP), templates and assured are read off /proc directly. Flood
 * templates are templates less the clients' ones; a client template (one per
 * masked client address: clients may share one) is there from the first
 * handshake through it on (persistence outlasts our runs).
 */
export function measuredSeries(
  p: ParsedResults,
  netmaskBits = 32,
  protocol: Protocol = 'tcp',
  family: Family = 'ipv4',
  /** The flood's half-open state as the run's model has it (src/model/flood-states.ts: secure_tcp's SYNACK); absent: the protocol's. */
  embryonicName: string = PROTOCOLS[protocol].embryonicName,
): Measured {
  const samples = samplesOf(p);
  // Every request the clients sent, answered or not: its template is there from
  // the first (a UDP request the answer never came back to made one all the same).
  // (One the client never sent, made nothing.)
  const clients = p.records.filter((r): r is ClientResult => r.type === 'client' && r.sent !== false);
  const firstSeen = new Map<string, number>();
  for (const c of clients) {
    const key = clientTemplateAddr(c.client, netmaskBits, family);
    if (!firstSeen.has(key) || c.t < firstSeen.get(key)!) firstSeen.set(key, c.t);
  }
  const n = samples.length;
  const s = {
    conns: new Int32Array(n),
    synRecv: new Int32Array(n),
    templates: new Int32Array(n),
    assured: new Int32Array(n),
    clientTemplates: new Int32Array(n),
    floodTemplates: new Int32Array(n),
  };
  samples.forEach((x, i) => {
    s.conns[i] = sum(x.conns);
    s.synRecv[i] = embryonicName ? (x.conns[embryonicName] ?? 0) : 0;
    s.templates[i] = sum(x.templates);
    s.assured[i] = x.templates.ASSURED ?? 0;
    s.clientTemplates[i] = [...firstSeen.values()].filter((t) => t <= x.t).length;
    s.floodTemplates[i] = Math.max(0, s.templates[i]! - s.clientTemplates[i]!);
  });
  const flood = floodOf(p);
  const floodCreated = flood?.count ?? 0;
  const lastFloodT = flood?.end ?? samples[0]?.t ?? 0;
  return { t: Float64Array.from(samples.map((x) => x.t)), series: s, floodCreated, lastFloodT };
}
