// The clients' logs, read on the host: the agent sends each request's log
// (the client's stderr) as base64 in its client record, and the protocol's
// parseClientLog() says what it shows (UDP: the port sent from, whether it
// sent). Records of older agents carry those fields already and no log: left
// as they are.
import type { Protocol } from '../scenario/schema.ts';
import type { ClientResult, ParsedResults, Record_ } from '../record/results.ts';
import { PROTOCOLS } from '../protocols/index.ts';

/** A failed request's reason: the log's lines but socat's notices and infos (" N ", " I "), on one line. */
export const failureText = (log: string) =>
  log
    .split('\n')
    .filter((l) => l.trim() !== '' && !/ [NI] /.test(l))
    .join(' ')
    .slice(0, 200);

function readClientLog(r: ClientResult, protocol: Protocol): ClientResult {
  if (typeof r.log !== 'string') return r;
  const { log: b64, ...rest } = r;
  const log = Buffer.from(b64, 'base64').toString('utf8');
  const out: ClientResult = { ...PROTOCOLS[protocol].guest.parseClientLog(log), ...rest };
  if (!r.ok && out.error === undefined) out.error = failureText(log);
  return out;
}

export function withClientLogs(p: ParsedResults, protocol: Protocol): ParsedResults {
  const records = p.records.map((r): Record_ => (r.type === 'client' ? readClientLog(r, protocol) : r));
  return { ...p, records };
}
