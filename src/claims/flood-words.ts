// Pure: per protocol, how the claims name the flood and the moment its
// connections are gone. (To move into the protocol modules, src/protocols/;
// the claims need only floodWords(s) and floodGoneIndex(m, protocol).)
import { TCP_TIMEOUTS } from '../model/params.ts';
import { TODROP_IDLE_S } from '../model/defense.ts';
import { protocolOf, type Protocol, type Scenario } from '../scenario/schema.ts';
import type { Measured } from '../observe/measured.ts';
import { indexAt } from './separation.ts';

/**
 * From when the flood's connections no longer hold their templates back. TCP:
 * the first sample, after the last flood arrival, with no SYN_RECV connection
 * left. UDP has no half-open state and its entries live 300 s unless dropped:
 * the first sample at which the last flood entry has been idle the 60 s
 * todrop_entry() asks for, from when every flood entry is the scans' to drop.
 * SCTP as TCP, its half-open state INIT1 (4 s).
 */
export function floodGoneIndex(m: Measured, protocol: Protocol = 'tcp'): number {
  if (protocol === 'udp') return indexAt(m.t, m.lastFloodT + TODROP_IDLE_S);
  const syn = m.series.synRecv!;
  for (let i = 0; i < m.t.length; i++) if (m.t[i]! > m.lastFloodT && syn[i] === 0) return i;
  return -1;
}

export interface FloodWords {
  /** The moment floodGoneIndex() finds. */
  gone: string;
  /** The flood. */
  attack: string;
  /** What base's flood templates do (C1's title). */
  outlive: string;
  /** A flood entry's own lifetime: its state's name and seconds. */
  life: { name: string; s: number };
}

/** How the claims' texts name that moment and the flood, by protocol (and one-packet scheduling). */
export function floodWords(s: Scenario): FloodWords {
  const p = protocolOf(s);
  if (p === 'udp') {
    return {
      gone: "the flood's last entry became droppable (idle 60 s)",
      attack: s.service.ops ? 'a UDP flood on a one-packet-scheduled service' : 'a UDP flood',
      outlive: s.service.ops ? 'are kept: the defense takes no template without the series' : 'outlive their dropped connections (by expire_later, 60 s)',
      life: { name: 'idle', s: TODROP_IDLE_S },
    };
  }
  if (p === 'sctp') {
    const init1 = TCP_TIMEOUTS.sctpInit1;
    return { gone: `the last flood connection (INIT1, ${init1} s)`, attack: 'an SCTP INIT flood', outlive: 'outlive their connections (kept for the persistence timeout)', life: { name: 'INIT1', s: init1 } };
  }
  return { gone: 'the last flood connection', attack: 'a SYN flood', outlive: 'outlive their connections (~15% survive)', life: { name: 'SYN_RECV', s: TCP_TIMEOUTS.synRecv } };
}
