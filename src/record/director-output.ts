// Pure: did any answer cross the director? Under DR and TUN the real servers
// answer the clients directly; an answer routed through the director would
// still meet IPVS there (ip_vs_out_hook() at FORWARD -> handle_response()),
// which counts it as an output packet and sets its connection's state in the
// output direction: a UDP template becomes ASSURED (udp_state_transition()),
// TCP and SCTP leave their INPUT-ONLY tables. The run would then show NAT's
// state tracking, not the method's, so it is the harness's failure (infra).
// The guest's report: vm/agent.sh director_totals(), at the end of the run.
import { infraError } from '../errors.ts';
import type { ParsedResults } from './results.ts';
import type { StateTable } from '../forwarding/types.ts';
import { repliesBypassDirector } from '../forwarding/no-output.ts';

export interface DirectorTotals {
  /** How many CPUs' rows the guest sent. */
  cpus: number;
  conns: number;
  inpkts: number;
  outpkts: number;
}

/** What of a forwarding method this check reads (src/forwarding/types.ts). */
interface MethodView {
  name: string;
  stateTable: StateTable;
}

/** A row of /proc/net/ip_vs_stats_percpu (ip_vs_stats_percpu_show()): CPU conns inpkts outpkts inbytes outbytes, hex. */
const ROW = /^\s*([0-9A-F]+)\s+([0-9A-F]+)\s+([0-9A-F]+)\s+([0-9A-F]+)\s+[0-9A-F]+\s+[0-9A-F]+\s*$/;

/**
 * The director's totals over its CPUs, undefined if the guest sent none, or
 * the reason they cannot be read.
 */
export function directorTotalsOf(p: ParsedResults): DirectorTotals | { damaged: string } | undefined {
  const e = p.records.find((r) => r.type === 'event' && r.name === 'director-totals');
  if (!e || e.type !== 'event') return undefined;
  const rows = e.percpu;
  if (!Array.isArray(rows) || rows.length === 0) return { damaged: `no per-CPU rows: ${JSON.stringify(rows)}` };
  const out: DirectorTotals = { cpus: rows.length, conns: 0, inpkts: 0, outpkts: 0 };
  for (const row of rows) {
    const m = typeof row === 'string' ? ROW.exec(row) : null;
    if (!m) return { damaged: `not a row of /proc/net/ip_vs_stats_percpu: ${JSON.stringify(row)}` };
    out.conns += parseInt(m[2]!, 16);
    out.inpkts += parseInt(m[3]!, 16);
    out.outpkts += parseInt(m[4]!, 16);
  }
  return out;
}

/** Why the run cannot stand for its method, or undefined: NAT is never checked (its director routes the answers). */
export function directorOutputProblem(method: MethodView, p: ParsedResults): string | undefined {
  if (!repliesBypassDirector(method)) return undefined;
  const t = directorTotalsOf(p);
  const what = `forwarding ${method.name}: the director's IPVS totals at the end of the run (director-totals, /proc/net/ip_vs_stats_percpu)`;
  if (t === undefined) return `${what} are missing from the guest's record, so nothing shows that no answer crossed the director`;
  if ('damaged' in t) return `${what} cannot be read (${t.damaged}), so nothing shows that no answer crossed the director`;
  if (t.outpkts === 0) return undefined;
  return (
    `${what}: ${t.outpkts} packet(s) in IPVS's output direction (of ${t.inpkts} in): answers from the real servers crossed the director ` +
    `(handle_response()), which turns on output state tracking there (UDP templates become ASSURED, udp_state_transition(); ` +
    `TCP and SCTP leave their INPUT-ONLY tables), so the run shows NAT's behaviour, not ${method.name}'s: ` +
    `the guest's topology must route the answers from the real servers to the clients past the director (src/forwarding/segment.ts)`
  );
}

/** Throws the problem, if any, as an infrastructure failure (the harness's topology, not the kernel). */
export function checkDirectorOutput(method: MethodView, p: ParsedResults, evidence: string): void {
  const problem = directorOutputProblem(method, p);
  if (problem !== undefined) throw infraError(problem, { evidence });
}
