// Pure: the director's knobs (sysctl.secure_tcp, sloppy_tcp, sloppy_sctp)
// against the service's protocol. Each is a per-namespace sysctl that IPVS
// takes for any service, but only its protocol's code reads it
// (tcp_timeout_change() is TCP's only: UDP and SCTP have no timeout_change
// hook; sloppy_tcp is read in tcp_conn_schedule(), sloppy_sctp in
// sctp_conn_schedule()). A knob on another protocol's service would change
// nothing the run shows while the scenario says it is on: refused, naming the
// key. Which knobs act on a protocol: its module's `knobs` (src/protocols/).
import type { KnobKey } from '../protocols/types.ts';
import { PROTOCOLS } from '../protocols/index.ts';
import { protocolOf, type Scenario } from './schema.ts';
import type { ScenarioProblem } from './problem.ts';

/** Each knob: the protocol whose code reads it, and where. */
const READ_BY: Readonly<Record<KnobKey, { protocol: string; fn: string }>> = {
  secure_tcp: { protocol: 'TCP', fn: 'tcp_timeout_change()' },
  sloppy_tcp: { protocol: 'TCP', fn: 'tcp_conn_schedule()' },
  sloppy_sctp: { protocol: 'SCTP', fn: 'sctp_conn_schedule()' },
};

export const KNOB_KEYS = Object.keys(READ_BY) as KnobKey[];

export function knobProblems(s: Scenario): ScenarioProblem[] {
  const protocol = protocolOf(s);
  const acting = PROTOCOLS[protocol].knobs ?? [];
  return KNOB_KEYS.filter((k) => (s.sysctl[k] ?? 0) !== 0 && !acting.includes(k)).map((k) => ({
    key: `sysctl.${k}`,
    message: `sysctl.${k} acts on ${READ_BY[k].protocol} services only (the kernel reads it in ${READ_BY[k].fn}); this service is ${protocol}: leave it out or set it to 0`,
  }));
}
