// Pure: the claims ask the scenario's protocol module (src/protocols/) when
// its flood is gone and how to name it; the knowledge lives there, one module
// a protocol.
import { PROTOCOLS } from '../protocols/index.ts';
import type { FloodWords } from '../protocols/types.ts';
import { protocolOf, type Protocol, type Scenario } from '../scenario/schema.ts';
import type { Measured } from '../observe/measured.ts';
import { paramsFor } from '../observe/arrivals.ts';
import { floodStates } from '../model/flood-states.ts';

export type { FloodWords };

/** From when the flood's connections no longer hold their templates back (the protocol's floodGone()). */
export const floodGoneIndex = (m: Measured, protocol: Protocol = 'tcp'): number => PROTOCOLS[protocol].floodGone(m);

/**
 * How the claims' texts name that moment and the flood (the protocol's
 * words()), its half-open life as the scenario's knobs and method make it
 * (free memory taken as above amemthresh: text only, no number).
 */
export const floodWords = (s: Scenario): FloodWords => PROTOCOLS[protocolOf(s)].words(s, floodStates(paramsFor(s, 'base')));
