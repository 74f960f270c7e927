// Pure: per-variant figures from a run's records: peaks, finals, and which of
// the templates left at the end belong to flood sources vs legitimate clients.
import { parseIpvsConnLine } from './ip-vs-conn.ts';
import { samplesOf, type ParsedResults, type ClientResult } from './results.ts';

/** Legitimate clients live in 10.1.0.0/16 (vm/agent.sh); every other source is spoofed. */
export const isClientAddr = (addr: string) => addr.startsWith('10.1.');

const sum = (o: Record<string, number>) => Object.values(o).reduce((a, b) => a + b, 0);

export interface VariantSummary {
  samples: number;
  guestSeconds: number;
  peakConns: number;
  peakTemplates: number;
  finalConns: number;
  finalTemplates: number;
  finalConnsByState: Record<string, number>;
  finalTemplatesByState: Record<string, number>;
  /** From the final dump of template lines. */
  finalFloodTemplates: number;
  finalClientTemplates: number;
  finalClientTemplatesByState: Record<string, number>;
  /** IPVS's connection counter at the end (new connections created). */
  totalConnsCreated?: number;
  floodSent?: number;
  clientHandshakes: { ok: number; failed: number };
  /** Clients that were always served by the same real server. */
  clientsKeptServer: number;
  clients: number;
  damagedLines: number;
}

export function summarise(p: ParsedResults): VariantSummary {
  const samples = samplesOf(p);
  const first = samples[0];
  const last = samples.at(-1);
  const templateLines = p.records.flatMap((r) => (r.type === 'template' ? [parseIpvsConnLine(r.line)] : []));
  const clientTpl = templateLines.filter((e) => isClientAddr(e.clientAddr));
  const byState: Record<string, number> = {};
  for (const e of clientTpl) byState[e.state] = (byState[e.state] ?? 0) + 1;
  const clientRecs = p.records.filter((r): r is ClientResult => r.type === 'client');
  const servers = new Map<number, Set<string>>();
  for (const c of clientRecs) if (c.ok && c.rs) servers.set(c.client, (servers.get(c.client) ?? new Set()).add(c.rs));
  const floodEnd = p.records.find((r) => r.type === 'event' && r.name === 'flood-end') as { sent?: number } | undefined;
  const out: VariantSummary = {
    samples: samples.length,
    guestSeconds: first && last ? last.t - first.t : 0,
    peakConns: Math.max(0, ...samples.map((s) => sum(s.conns))),
    peakTemplates: Math.max(0, ...samples.map((s) => sum(s.templates))),
    finalConns: last ? sum(last.conns) : 0,
    finalTemplates: last ? sum(last.templates) : 0,
    finalConnsByState: last?.conns ?? {},
    finalTemplatesByState: last?.templates ?? {},
    finalFloodTemplates: templateLines.length - clientTpl.length,
    finalClientTemplates: clientTpl.length,
    finalClientTemplatesByState: byState,
    clientHandshakes: { ok: clientRecs.filter((c) => c.ok).length, failed: clientRecs.filter((c) => !c.ok).length },
    clientsKeptServer: [...servers.values()].filter((s) => s.size === 1).length,
    clients: servers.size,
    damagedLines: p.damage.length,
  };
  if (last?.stats.conns !== undefined) out.totalConnsCreated = Number.parseInt(last.stats.conns, 16);
  if (typeof floodEnd?.sent === 'number') out.floodSent = floodEnd.sent;
  return out;
}
