// Pure: what a flood packet leaves, as the model runs it: its protocol's
// outcome under the method's state table and the director's knobs
// (src/protocols/: a module's floodUnder()). The simulator, the measured
// series' half-open state and the claims' words ask here, so none of them
// knows a protocol or a knob by name.
import type { FloodStates, Knobs } from '../protocols/types.ts';
import { PROTOCOLS } from '../protocols/index.ts';
import type { ModelParams } from './params.ts';

type KnobParams = Pick<ModelParams, 'protocol' | 'stateTable' | 'secureTcp' | 'sloppyTcp' | 'sloppySctp' | 'memoryLow'>;

/**
 * update_defense_level() (ip_vs_ctl.c), its secure_tcp case: 3 switches TCP to
 * tcp_states_dos; 1 does so (and becomes 2) while free memory is below
 * amemthresh, 2 drops back to 1 (and to tcp_states) once it is not; 0 never.
 * As dropEntryOn() (./defense.ts), the model takes memory as low or not for the
 * whole run.
 */
export function secureTcpOn(p: Pick<ModelParams, 'secureTcp' | 'memoryLow'>): boolean {
  const v = p.secureTcp ?? 0;
  return v === 3 || ((v === 1 || v === 2) && p.memoryLow);
}

/** The knobs as the kernel acts on them. */
export const knobsOf = (p: KnobParams): Knobs => ({ secureTcp: secureTcpOn(p), sloppyTcp: p.sloppyTcp === true, sloppySctp: p.sloppySctp === true });

/** The flood's outcome and half-open state: the module's floodUnder() where it says, else its defaults. */
export function floodStates(p: KnobParams): FloodStates {
  const proto = PROTOCOLS[p.protocol];
  return proto.floodUnder?.(p.stateTable, knobsOf(p)) ?? { flood: proto.flood, embryonic: proto.embryonic, embryonicName: proto.embryonicName };
}

/**
 * The name of the state the synRecv series counts (src/observe/measured.ts reads
 * /proc's entries in it): TCP's SYN_RECV, SYNACK under tcp_states_dos with the
 * INPUT-ONLY rows, SCTP's INIT1; a protocol with no half-open state (UDP)
 * counts none, and says so.
 */
export const halfOpenName = (p: KnobParams): string => floodStates(p).embryonicName || 'half-open (none)';
