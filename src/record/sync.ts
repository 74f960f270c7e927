// Pure: what the sync daemon's backup held at the end (scenario `sync: true`;
// vm/agent.sh dump_templates, its lines marked node "backup").
import { parseIpvsConnLine } from './ip-vs-conn.ts';
import type { ParsedResults } from './results.ts';

export interface SyncReport {
  /** Entries in the backup's table (connections and templates). */
  entries: number;
  templates: number;
  /** The clients' templates (by their masked address) on the backup, by the state /proc prints. */
  clientTemplatesByState: Record<string, number>;
}

/** The backup's report, or undefined when the run had no backup. */
export function syncOf(p: ParsedResults, clientKeys: string[]): SyncReport | undefined {
  const ev = p.records.find((r) => r.type === 'event' && r.name === 'sync-backup') as { entries?: number } | undefined;
  if (!ev) return undefined;
  const lines = p.records.flatMap((r) => (r.type === 'template' && r.node === 'backup' ? [parseIpvsConnLine(r.line)] : []));
  const keys = new Set(clientKeys);
  const byState: Record<string, number> = {};
  for (const e of lines) if (keys.has(e.clientAddr)) byState[e.state] = (byState[e.state] ?? 0) + 1;
  return { entries: typeof ev.entries === 'number' ? ev.entries : 0, templates: lines.length, clientTemplatesByState: byState };
}
