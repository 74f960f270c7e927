// Pure: what C1 and C2 share: both read the flood's templates after its
// connections are gone, and both say base keeps more of them than patched.
import type { Variant } from '../model/params.ts';
import { tcp_timeouts } from '../protocols/tcp.ts';
import type { Range, Separation } from './separation.ts';

/** SYN_RECV lifetime + expire_later (60 s) + the 60 s timer's worst wheel lateness (512 jiffies at HZ=250). */
export const C1_DELAY_S = 60 + 2.1;

/** Why C1 and C2 cannot be judged without the flood's connections made and gone. */
export const NO_FLOOD_GONE = 'the flood made no connection, or its connections never all expired within the run: run it longer';

/**
 * C1 and C2 both say base keeps more flood templates than patched. Where the
 * two models separate the other way round, the scenario shows the opposite of
 * the claim's effect: that is no ground to pass it (nor to fail it). Returns
 * why, or undefined when the models lie the claim's way (or do not separate).
 */
export function againstClaim(sep: Separation, v: Variant, fmt: (r: Range) => string): string | undefined {
  if (!sep.separates) return undefined;
  const [b, p] = v === 'base' ? [sep.own, sep.other] : [sep.other, sep.own];
  if (b.lo > p.hi) return undefined;
  return `here the base model keeps fewer flood templates (${fmt(b)}) than the patched model (${fmt(p)}), the opposite of the claim: a flood of distinct sources (netmask /32) against a persistence longer than SYN_RECV ${tcp_timeouts.SYN_RECV} s + the flood + ${C1_DELAY_S} s shows it`;
}
