// Reads the guest's results channel: one JSON object a line. Damage (a line cut
// short by a dying guest, garbage on the port) is kept and reported, never dropped
// silently: parsing goes on past a bad line and the caller sees where.

export interface Sample {
  type: 'sample';
  t: number;
  conns: Record<string, number>;
  templates: Record<string, number>;
  /** SYN_RECV connections younger than a second (older agents: absent). */
  fresh?: number;
  /** Free memory as update_defense_level() counts it (freeram + bufferram), in pages. */
  avail?: number;
  stats: { conns?: string; inpkts?: string; outpkts?: string };
  /** When the sampler had read the table (it read it within [t, te]; older agents: absent). */
  te?: number;
  /** How late the sampler woke for this sample, seconds (the sampler daemon's records). */
  late?: number;
}
export interface GuestEvent {
  type: 'event';
  name: string;
  t: number;
  [k: string]: unknown;
}
export interface ClientResult {
  type: 'client';
  client: number;
  t: number;
  /** When the request was over: the connection was made within [t, done] (older agents: absent). */
  done?: number;
  ok: boolean;
  rs?: string;
  /** UDP: did the client send its datagram (socat began its transfer)? Older agents: absent. */
  sent?: boolean;
  /** UDP: the client's local port for this request. */
  port?: number;
  /** Why it failed (older agents; newer ones send `log`, read on the host). */
  error?: string;
  /** The client's log (its stderr), base64 (newer agents): observe/client-log.ts reads it into the fields above. */
  log?: string;
}
export interface TemplateLine {
  type: 'template';
  line: string;
  /** Whose table: the director's (absent) or the sync daemon's backup's. */
  node?: 'backup';
  /** Which file: /proc/net/ip_vs_conn (absent) or /proc/net/ip_vs_conn_sync (ip_vs_conn_sync_seq_show()). */
  view?: 'conn_sync';
  /** The backup's second read, back to back with the first (absent: the first, or an older agent). */
  read?: 2;
}
export interface GuestExit {
  type: 'exit';
  code: number;
  t: number;
}
export type Record_ = Sample | GuestEvent | ClientResult | TemplateLine | GuestExit;

export interface Damage {
  line: number;
  text: string;
  reason: string;
}

export interface ParsedResults {
  records: Record_[];
  damage: Damage[];
  /** The agent's exit record, if it got that far. */
  exit?: GuestExit;
}

const TYPES = new Set(['sample', 'event', 'client', 'template', 'exit']);

export function parseResults(text: string): ParsedResults {
  const records: Record_[] = [];
  const damage: Damage[] = [];
  let exit: GuestExit | undefined;
  const lines = text.split('\n');
  lines.forEach((raw, i) => {
    const line = raw.replace(/\r$/, '').replace(/^\r/, '');
    if (line.trim() === '') return;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch {
      const last = i === lines.length - 1 || (i === lines.length - 2 && lines[lines.length - 1] === '');
      damage.push({ line: i + 1, text: line.slice(0, 200), reason: last ? 'truncated last line' : 'not JSON' });
      return;
    }
    if (typeof value !== 'object' || value === null || !TYPES.has((value as { type?: string }).type ?? '')) {
      damage.push({ line: i + 1, text: line.slice(0, 200), reason: 'not a results record' });
      return;
    }
    const rec = value as Record_;
    records.push(rec);
    if (rec.type === 'exit') exit = rec;
  });
  return exit ? { records, damage, exit } : { records, damage };
}

export const samplesOf = (p: ParsedResults) => p.records.filter((r): r is Sample => r.type === 'sample');
