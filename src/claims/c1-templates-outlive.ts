// Pure: claim C1, carried by base's run: under a flood, templates outlive
// their connections. Base's scans (ip_vs_random_dropentry()) skip every
// template: one whose connection a scan dropped goes about 60 s later
// (expire_later), but one whose connection the scans missed through its
// half-open life (~(31/32)^60, 15%, for SYN_RECV) stays for the persistence
// timeout. Its number: the share of the flood's templates left C1_DELAY_S
// after the flood's connections are gone.
import type { MonteCarlo } from '../model/monte-carlo.ts';
import { protocolOf } from '../scenario/schema.ts';
import type { ClaimContext, Judgement, RunClaimModule } from './types.ts';
import { floodGoneIndex, floodWords } from './flood-words.ts';
import { C1_DELAY_S, NO_FLOOD_GONE, againstClaim } from './flood-templates.ts';
import { rankAmong } from '../compare/pit.ts';
import { indexAt } from '../protocols/common.ts';
import { SHARES, inconclusive, judged, pct, pctRange, perRun, rangeNumbers, round, separation } from './separation.ts';

function judge(c: ClaimContext): Judgement {
  const { measured: m, scenario: s } = c;
  const words = floodWords(s);
  const gone = floodGoneIndex(m, protocolOf(s));
  if (gone < 0 || m.floodCreated === 0) return inconclusive(NO_FLOOD_GONE, { floodCreated: m.floodCreated });
  const i = indexAt(m.t, m.t[gone]! + C1_DELAY_S);
  if (i < 0) {
    const at = m.t[gone]!;
    return inconclusive(`the run ends before ${C1_DELAY_S} s after the flood connections were gone (at ${at.toFixed(0)} s): make duration at least ${Math.ceil(at + C1_DELAY_S + 2)}`, { floodGoneAt: at });
  }
  const fraction = m.series.floodTemplates![i]! / m.floodCreated;
  const flood = (mc: MonteCarlo) => perRun(mc, (v) => v('floodTemplates', i) / m.floodCreated);
  const own = flood(c.model);
  let sep = separation(fraction, own, flood(c.other));
  const after = (m.t[i]! - m.t[gone]!).toFixed(0);
  let why = againstClaim(sep, c.modelVariant, pctRange);
  if (why) sep = { ...sep, separates: false };
  else if (!sep.separates && Math.max(sep.own.hi, sep.other.hi) === 0) {
    const floodSeconds = s.flood.count / s.flood.rate;
    const life = words.life;
    why = `no flood template is left by then in either model: persistence ${s.service.persistence} s ends them first; make persistence more than ${Math.ceil(life.s + floodSeconds + C1_DELAY_S)} s (${life.name} ${life.s} s + the flood's ${floodSeconds.toFixed(0)} s + ${C1_DELAY_S} s)`;
  }
  const numbers = {
    at: round(m.t[i]!, 2),
    floodCreated: m.floodCreated,
    floodTemplates: m.series.floodTemplates![i]!,
    fraction: round(fraction),
    ...rangeNumbers(sep),
    mail: round((31 / 32) ** 60),
  };
  return { ...judged(c.modelVariant, sep, `${pct(fraction)} of flood templates remain ${after} s after ${words.gone}`, SHARES, numbers, why), rank: rankAmong(fraction, own) };
}

export const C1: RunClaimModule = {
  id: 'C1',
  carriedBy: 'base',
  title: (s) => {
    const words = floodWords(s);
    return `under ${words.attack}, templates ${words.outlive}`;
  },
  // Whether the scenario shows it is the models' answer (they separate, the claim's way round).
  appliesTo: () => true,
  judge,
};
