// Pure: the claims ask the scenario's protocol module (src/protocols/) when
// its flood is gone and how to name it; the knowledge lives there, one module
// a protocol.
import { PROTOCOLS } from '../protocols/index.ts';
import type { FloodWords } from '../protocols/types.ts';
import { protocolOf, type Protocol, type Scenario } from '../scenario/schema.ts';
import type { Measured } from '../observe/measured.ts';
import { forwardingOf } from '../forwarding/index.ts';
import { floodStates } from '../model/flood-states.ts';

export type { FloodWords };

/** From when the flood's connections no longer hold their templates back (the protocol's floodGone()). */
export const floodGoneIndex = (m: Measured, protocol: Protocol = 'tcp'): number => PROTOCOLS[protocol].floodGone(m);

/**
 * How the claims' texts name that moment and the flood (the protocol's
 * words()), its half-open life as the scenario's knobs and method make it
 * (free memory taken as above amemthresh: text only, no number).
 */
export function floodWords(s: Scenario): FloodWords {
  const protocol = protocolOf(s);
  const flood = floodStates({ protocol, stateTable: forwardingOf(s).stateTable, secureTcp: s.sysctl.secure_tcp, memoryLow: false });
  return PROTOCOLS[protocol].words(s, flood);
}
