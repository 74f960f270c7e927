// Pure: per-variant figures from a run's records: peaks, finals, and which of
// the templates left at the end belong to flood sources vs legitimate clients.
import { parseIpvsConnLine } from '../record/ip-vs-conn.ts';
import { samplesOf, type ParsedResults, type ClientResult } from '../record/results.ts';
import { clientTemplateAddr } from '../scenario/topology.ts';
import type { Family } from '../scenario/schema.ts';
import { teardownOf, type TeardownReport } from '../record/teardown.ts';
import { syncOf, type SyncReport } from '../record/sync.ts';
import { connSyncOf, type ConnSyncView } from '../record/conn-sync.ts';

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
  /** Clients whose template (found by their masked address) is ASSURED at the end. */
  clientsAssured: number;
  /** IPVS's connection counter at the end (new connections created). */
  totalConnsCreated?: number;
  floodSent?: number;
  clientHandshakes: { ok: number; failed: number };
  /** Clients that were always served by the same real server. */
  clientsKeptServer: number;
  clients: number;
  damagedLines: number;
  /** Scenario `teardown: true`: what the guest saw when the director's namespace went. */
  teardown?: TeardownReport;
  /** Scenario `sync: true`: the backup director's table at the end. */
  sync?: SyncReport;
  /** The director's templates as /proc/net/ip_vs_conn_sync printed them, against ip_vs_conn (absent in older records). */
  connSync?: ConnSyncView;
}

/**
 * `netmaskBits`: the service's prefix length; a client's template is its
 * address under it (clientTemplateAddr), so under a short one clients share it.
 */
export function summarise(p: ParsedResults, netmaskBits = 32, family: Family = 'ipv4'): VariantSummary {
  const samples = samplesOf(p);
  const first = samples[0];
  const last = samples.at(-1);
  const templateLines = p.records.flatMap((r) => (r.type === 'template' && !r.node && !r.view ? [parseIpvsConnLine(r.line)] : []));
  const clientRecs = p.records.filter((r): r is ClientResult => r.type === 'client');
  const clientIds = [...new Set(clientRecs.map((c) => c.client))];
  const keys = new Map(clientIds.map((c) => [c, clientTemplateAddr(c, netmaskBits, family)]));
  const keySet = new Set(keys.values());
  const clientTpl = templateLines.filter((e) => keySet.has(e.clientAddr));
  const byState: Record<string, number> = {};
  for (const e of clientTpl) byState[e.state] = (byState[e.state] ?? 0) + 1;
  const stateOf = new Map(clientTpl.map((e) => [e.clientAddr, e.state]));
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
    clientsAssured: [...servers.keys()].filter((c) => stateOf.get(keys.get(c)!) === 'ASSURED').length,
    clientHandshakes: { ok: clientRecs.filter((c) => c.ok).length, failed: clientRecs.filter((c) => !c.ok).length },
    clientsKeptServer: [...servers.values()].filter((s) => s.size === 1).length,
    clients: servers.size,
    damagedLines: p.damage.length,
  };
  if (last?.stats.conns !== undefined) out.totalConnsCreated = Number.parseInt(last.stats.conns, 16);
  if (typeof floodEnd?.sent === 'number') out.floodSent = floodEnd.sent;
  const teardown = teardownOf(p);
  if (teardown) out.teardown = teardown;
  const sync = syncOf(p, [...keySet], clientTpl);
  if (sync) out.sync = sync;
  const connSync = connSyncOf(p, templateLines);
  if (connSync) out.connSync = connSync;
  return out;
}
