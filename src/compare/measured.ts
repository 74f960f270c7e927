// Pure: the measured counterparts of the model's series, from a run's samples.
import type { ParsedResults, Sample, ClientResult } from '../record/results.ts';
import type { SeriesName } from '../model/params.ts';

const sum = (o: Record<string, number>) => Object.values(o).reduce((a, b) => a + b, 0);

export interface Measured {
  t: Float64Array;
  series: Partial<Record<SeriesName, Int32Array>>;
  /** Flood connections IPVS created (its counter, less the clients'). */
  floodCreated: number;
  /** Guest time of the last flood arrival (the interval where the counter last grew beyond the clients'). */
  lastFloodT: number;
}

/**
 * conns, synRecv, templates and assured are read off /proc directly. Flood
 * templates are templates less the clients' ones; a client's template is there
 * from its first handshake on (persistence outlasts our runs; see clientTemplatesValid).
 */
export function measuredSeries(p: ParsedResults): Measured {
  const samples = p.records.filter((r): r is Sample => r.type === 'sample');
  const clients = p.records.filter((r): r is ClientResult => r.type === 'client' && r.ok);
  const firstSeen = new Map<number, number>();
  for (const c of clients) if (!firstSeen.has(c.client) || c.t < firstSeen.get(c.client)!) firstSeen.set(c.client, c.t);
  const n = samples.length;
  const s = {
    conns: new Int32Array(n),
    synRecv: new Int32Array(n),
    templates: new Int32Array(n),
    assured: new Int32Array(n),
    clientTemplates: new Int32Array(n),
    floodTemplates: new Int32Array(n),
  };
  let floodCreated = 0;
  let lastFloodT = samples[0]?.t ?? 0;
  let prevCreated = 0;
  let clientConnsSoFar = 0;
  samples.forEach((x, i) => {
    s.conns[i] = sum(x.conns);
    s.synRecv[i] = x.conns.SYN_RECV ?? 0;
    s.templates[i] = sum(x.templates);
    s.assured[i] = x.templates.ASSURED ?? 0;
    s.clientTemplates[i] = [...firstSeen.values()].filter((t) => t <= x.t).length;
    s.floodTemplates[i] = Math.max(0, s.templates[i]! - s.clientTemplates[i]!);
    const created = Number.parseInt(x.stats.conns ?? '0', 16);
    const clientConns = clients.filter((c) => c.t <= x.t).length;
    const flood = created - prevCreated - (clientConns - clientConnsSoFar);
    if (flood > 0) {
      floodCreated += flood;
      lastFloodT = x.t;
    }
    prevCreated = created;
    clientConnsSoFar = clientConns;
  });
  return { t: Float64Array.from(samples.map((x) => x.t)), series: s, floodCreated, lastFloodT };
}
