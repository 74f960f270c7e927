// Pure: the director's templates as /proc/net/ip_vs_conn_sync printed them at
// the end (vm/agent.sh dump_templates, lines marked view "conn_sync"), held
// against the same templates in /proc/net/ip_vs_conn. Patch 1 changes both
// printers (ip_vs_conn_seq_show(), ip_vs_conn_sync_seq_show()) to name a
// template's state from its own table (NONE, ASSURED): the two files must agree.
import { parseIpvsConnLine, type IpvsConnEntry } from './ip-vs-conn.ts';
import type { ParsedResults } from './results.ts';

export interface ConnSyncView {
  /** Templates in /proc/net/ip_vs_conn_sync. */
  templates: number;
  /** Of them, those also in /proc/net/ip_vs_conn's reading (read just before: one may have expired between). */
  compared: number;
  /** Templates whose state the two files print differently: "key: ip_vs_conn STATE, ip_vs_conn_sync STATE". */
  differing: string[];
}

const keyOf = (e: IpvsConnEntry) => `${e.protocol} ${e.clientAddr} ${e.virtualAddr}:${e.virtualPort} -> ${e.destAddr}:${e.destPort}`;

/**
 * The comparison, or undefined for a record without the conn_sync reading
 * (older agents). `director`: the director's templates as /proc/net/ip_vs_conn
 * printed them, parsed already (src/observe/summary.ts).
 */
export function connSyncOf(p: ParsedResults, director: IpvsConnEntry[]): ConnSyncView | undefined {
  const sync = p.records.flatMap((r) => (r.type === 'template' && !r.node && r.view === 'conn_sync' ? [parseIpvsConnLine(r.line)] : []));
  // No line of that view: an older record, or no template left (nothing to hold either).
  if (sync.length === 0) return undefined;
  const conn = new Map(director.map((e) => [keyOf(e), e.state]));
  const differing: string[] = [];
  let compared = 0;
  for (const e of sync) {
    const state = conn.get(keyOf(e));
    if (state === undefined) continue;
    compared++;
    if (state !== e.state) differing.push(`${keyOf(e)}: ip_vs_conn ${state}, ip_vs_conn_sync ${e.state}`);
  }
  return { templates: sync.length, compared, differing };
}
