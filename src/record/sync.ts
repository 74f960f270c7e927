// Pure: what the sync daemon's backup held at the end (scenario `sync: true`;
// vm/agent.sh dump_templates, its lines marked node "backup"), beside what the
// master held when it was read just before: C6 compares the two key by key.
import { parseIpvsConnLine, type IpvsConnEntry } from './ip-vs-conn.ts';
import type { ParsedResults, TemplateLine } from './results.ts';

/** A client's template on the master (the director) when its table was read. */
export interface MasterTemplate {
  /** The client's masked address, the template's key. */
  key: string;
  state: string;
  /** Whole seconds to its timer, as /proc printed them (ip_vs_conn_seq_show(): (expires - jiffies) / HZ, rounded down). */
  expires: number;
}

export interface SyncReport {
  /** Entries in the backup's table (connections and templates). */
  entries: number;
  templates: number;
  /** The clients' templates (by their masked address) on the backup, by the state /proc prints: a key in either read, once. */
  clientTemplatesByState: Record<string, number>;
  /** The backup's state of each client key it holds a template for. */
  backupByKey: Record<string, string>;
  /** The clients' templates on the master when its table was read, before the backup's. */
  master: MasterTemplate[];
  /** At most this many seconds passed between the master's read and the backup's. */
  readGapS: number;
}

type Timed = { t?: unknown };

/**
 * Seconds between the master's read and the backup's: the agent's
 * `tables-read` event spans the copies of both tables (vm/agent.sh
 * dump_templates); records made before it have only the last timed record
 * before the director's first template line and the backup's report.
 */
function readGap(p: ParsedResults, backupAt: number): number {
  const span = p.records.find((r) => r.type === 'event' && r.name === 'tables-read') as { t?: number; from?: number } | undefined;
  if (typeof span?.t === 'number' && typeof span.from === 'number') return Math.max(0, span.t - span.from);
  const first = p.records.findIndex((r) => r.type === 'template' && !r.node);
  const before = p.records.slice(0, first < 0 ? 0 : first).reverse().find((r) => typeof (r as Timed).t === 'number') as { t: number } | undefined;
  return before ? Math.max(0, backupAt - before.t) : 0;
}

/**
 * The backup's report, or undefined when the run had no backup.
 * `masterClients`: the clients' templates in the director's final dump, as
 * the summary parsed them (src/observe/summary.ts).
 */
export function syncOf(p: ParsedResults, clientKeys: string[], masterClients: readonly IpvsConnEntry[]): SyncReport | undefined {
  const ev = p.records.find((r) => r.type === 'event' && r.name === 'sync-backup') as { entries?: number; t?: number } | undefined;
  if (!ev) return undefined;
  const keys = new Set(clientKeys);
  const linesOf = (keep: (r: TemplateLine) => boolean) => p.records.flatMap((r) => (r.type === 'template' && keep(r) ? [parseIpvsConnLine(r.line)] : []));
  // The backup's first read gives its table's size; both reads (the agent
  // reads it twice, back to back: a read of /proc/net/ip_vs_conn can skip an
  // entry) give the clients' keys it holds, the later read's state where both
  // have one.
  const first = linesOf((r) => r.node === 'backup' && r.read === undefined);
  const both = linesOf((r) => r.node === 'backup');
  const backupByKey: Record<string, string> = {};
  for (const e of both) if (keys.has(e.clientAddr)) backupByKey[e.clientAddr] = e.state;
  const byState: Record<string, number> = {};
  for (const state of Object.values(backupByKey)) byState[state] = (byState[state] ?? 0) + 1;
  const master = masterClients.map((e) => ({ key: e.clientAddr, state: e.state, expires: e.expires }));
  const readGapS = typeof ev.t === 'number' ? readGap(p, ev.t) : 0;
  return { entries: typeof ev.entries === 'number' ? ev.entries : 0, templates: first.length, clientTemplatesByState: byState, backupByKey, master, readGapS };
}
