// Pure: claim C2, carried by patched's run: non-assured templates are dropped
// once their connections are gone, not kept for the persistence timeout. Its
// number is the share of the flood's templates left at the end of the run:
// base keeps the ones the scan never reached until their persistence timeout
// (~15%, as in C1), patched goes on dropping them at the drop-entry rate. (The
// rate itself does not tell the two apart: base's templates of dropped
// connections also go, 60 s after their connection, so both decline for a
// minute after the flood; the rate is reported, and its shape is what the
// templates band already checks.)
import type { MonteCarlo } from '../model/monte-carlo.ts';
import type { ModelParams } from '../model/params.ts';
import { dropEntryOn } from '../model/defense.ts';
import { protocolOf } from '../scenario/schema.ts';
import type { ClaimContext, Judgement, RunClaimModule } from './types.ts';
import { floodGoneIndex, floodWords } from './flood-words.ts';
import { C1_DELAY_S, NO_FLOOD_GONE, againstClaim } from './flood-templates.ts';
import { rankAmong } from '../compare/pit.ts';
import { SHARES, inconclusive, judged, outcomeOf, pct, pctRange, perRun, rangeNumbers, rangeOf, round, separation } from './separation.ts';

/** Decay rate of flood templates between two sample indexes (with a half-count correction at zero). */
export function decayRate(n1: number, n2: number, dt: number): number {
  return Math.log((n1 + 0.5) / (n2 + 0.5)) / dt;
}

/** The analytic survival of one entry through `seconds` of scans (the mail's (31/32)^60): ip_vs_random_dropentry() visits 1/32 of the table. */
export function scanSurvival(tabBits: number, seconds: number, scansPerSecond = 1): number {
  const size = 2 ** tabBits;
  const perScan = (1 - 1 / size) ** (size >> 5);
  return perScan ** (seconds * scansPerSecond);
}

function judge(c: ClaimContext): Judgement {
  const { measured: m, scenario: s } = c;
  const words = floodWords(s);
  const gone = floodGoneIndex(m, protocolOf(s));
  const last = m.t.length - 1;
  if (gone < 0 || m.floodCreated === 0 || last - gone < 1) return inconclusive(NO_FLOOD_GONE, { floodCreated: m.floodCreated });
  const ft = m.series.floodTemplates!;
  const fraction = ft[last]! / m.floodCreated;
  const dt = m.t[last]! - m.t[gone]!;
  const rate = decayRate(ft[gone]!, ft[last]!, dt);
  const left = (mc: MonteCarlo) => perRun(mc, (v) => v('floodTemplates', last) / m.floodCreated);
  const own = left(c.model);
  let sep = separation(fraction, own, left(c.other));
  const against = againstClaim(sep, c.modelVariant, pctRange);
  if (against) sep = { ...sep, separates: false };
  const rates = rangeOf(perRun(c.model, (v) => decayRate(v('floodTemplates', gone), v('floodTemplates', last), dt)));
  const said = `${pct(fraction)} of flood templates remain at the end, ${dt.toFixed(0)} s after ${words.gone} (from ${ft[gone]} to ${ft[last]}: ${pct(rate, 2)}/s; the ${c.modelVariant} model's runs ${(100 * rates.lo).toFixed(2)}..${(100 * rates.hi).toFixed(2)}%/s)`;
  const numbers = {
    from: round(m.t[gone]!, 2),
    to: round(m.t[last]!, 2),
    startCount: ft[gone]!,
    endCount: ft[last]!,
    fraction: round(fraction),
    ...rangeNumbers(sep),
    ratePerSecond: round(rate),
    modelRateMin: round(rates.lo),
    modelRateMax: round(rates.hi),
    analyticPerScan: round(1 - scanSurvival(s.kernel.conn_tab_bits, 1)),
  };
  const hint = dt < C1_DELAY_S ? `; a run that goes on more than ${C1_DELAY_S} s after the flood's connections are gone would show it` : '';
  const why = sep.separates ? undefined : `${against ?? outcomeOf(sep, c.modelVariant, pctRange).why}${hint}`;
  return { ...judged(c.modelVariant, sep, said, SHARES, numbers, why), rank: rankAmong(fraction, own) };
}

/**
 * Where the series drops no flood template by its own code: a one-packet
 * service on a sync master sending v0. ip_vs_in_hook() leaves an OPS
 * connection's count on its template to ip_vs_sync_conn() there, and
 * ip_vs_sync_conn_v0() returns for ONE_PACKET before it, so the template
 * keeps in_pkts 0, which todrop_entry() (todrop_rate[0] = 0) never takes.
 */
export function opsTemplatesUncounted(p: ModelParams): string | undefined {
  // Where the defense drops nothing anyway (dropEntryOn()), the scenario, not the series, leaves C2 unshown.
  if (!p.ops || !p.syncMasterV0 || !dropEntryOn(p)) return undefined;
  return 'ip_vs_sync_conn_v0() returns for a one-packet connection ("Do not sync ONE PACKET") before counting its packet on the template, as a sync master leaves to it (ip_vs_in_hook()): with sync_version 0 an OPS template keeps in_pkts 0, which todrop_entry() never takes (todrop_rate[0] = 0), so the series drops no flood template of a one-packet service';
}

/** Undelivered: the kernel must still keep the share its model keeps (every template there); one that drops them FAILs. */
function judgeUndelivered(c: ClaimContext, why: string): Judgement {
  const j = judge(c);
  if (typeof j.numbers.fraction !== 'number') return j; // the scenario shows no flood gone: INCONCLUSIVE as anywhere
  // Unrounded (the numbers keep 4 decimals), as the model's runs' shares are.
  const { measured: m } = c;
  const last = m.t.length - 1;
  const fraction = m.series.floodTemplates![last]! / m.floodCreated;
  const own = rangeOf(perRun(c.model, (v) => v('floodTemplates', last) / m.floodCreated));
  const said = `${pct(fraction)} of flood templates remain at the end (the ${c.modelVariant} model's runs: ${pctRange(own)})`;
  if (fraction < own.lo || fraction > own.hi) return { outcome: 'fail', reason: `${said}: the kernel departs from its model, which cannot drop them here (${why})`, numbers: j.numbers };
  return { outcome: 'not-delivered', reason: `${why}. ${said}`, numbers: j.numbers };
}

export const C2: RunClaimModule = {
  id: 'C2',
  carriedBy: 'patched',
  title: () => 'non-assured templates are dropped at the drop-entry rate, not kept for the persistence timeout',
  // Whether the scenario shows it is the models' answer (they separate, the claim's way round).
  appliesTo: () => true,
  undelivered: { where: (_s, models) => opsTemplatesUncounted(models.own), judge: judgeUndelivered },
  judge,
};
