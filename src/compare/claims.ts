// Pure: the patch's claims. Each is one number, read off the measured run and
// off every run of two models driven by the same inputs: the model of the
// variant under judgement and the other variant's. A claim is judged only where
// the scenario can show it, that is where the two models' ranges for its number
// do not overlap; otherwise it is INCONCLUSIVE, saying why and what would make
// it judgeable. PASS means the kernel's number lies in its own model's range,
// or outside it but on its side: nearer that range than the other variant's
// (a correct kernel's run a little
// more extreme than all of the model's is not a broken claim; the bands, judged
// against the model's own runs, say whether the kernel follows its model).
// FAIL means the number lies with the other variant, or nearer it.
import { quantileSorted, type MonteCarlo } from '../model/monte-carlo.ts';
import { TCP_TIMEOUTS, type Variant } from '../model/params.ts';
import type { Scenario } from '../scenario/schema.ts';
import type { VariantSummary } from '../observe/summary.ts';
import type { Measured } from '../observe/measured.ts';
import type { BandCheck } from './bands.ts';
import { claimC5 } from './claim-teardown.ts';
import { claimC6 } from './claim-sync.ts';
import { protocolOf, type Protocol } from '../scenario/schema.ts';
import { TODROP_IDLE_S } from '../model/defense.ts';

export type Outcome = 'pass' | 'fail' | 'inconclusive';
export type ClaimId = 'C1' | 'C2' | 'C3' | 'C4' | 'C5' | 'C6';

export interface Claim {
  id: ClaimId;
  variant: Variant | 'both';
  title: string;
  outcome: Outcome;
  reason: string;
  numbers: Record<string, number | string | null>;
}

/** What a per-variant claim is judged from. */
export interface ClaimContext {
  scenario: Scenario;
  measured: Measured;
  summary: VariantSummary;
  /** The model held against the run (its own variant's, but in deliberate tests). */
  model: MonteCarlo;
  modelVariant: Variant;
  /** The other variant's model, on the same inputs. */
  other: MonteCarlo;
}

/** SYN_RECV lifetime + expire_later (60 s) + the 60 s timer's worst wheel lateness (512 jiffies at HZ=250). */
const C1_DELAY_S = 60 + 2.1;
/** SYN_RECV timeout (tcp_timeouts). */
const SYN_RECV_S = 60;

/** The first sample index at or after time t, or -1. */
const indexAt = (t: Float64Array, at: number) => t.findIndex((x) => x >= at - 1e-9);

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

/** How the claims' texts name that moment and the flood, by protocol (and one-packet scheduling); `life`: a flood entry's own. */
function floodWords(s: Scenario) {
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
  return { gone: 'the last flood connection', attack: 'a SYN flood', outlive: 'outlive their connections (~15% survive)', life: { name: 'SYN_RECV', s: SYN_RECV_S } };
}

/**
 * A claim's band: the whole range of the model's runs. A claim is one number
 * judged once, so its false-alarm rate is the band's: a run of a correct kernel
 * is one more draw from the model's distribution, and the chance that it lies
 * outside all n runs is 2/(n+1), 0.2% with 1000 runs. (A 99% band failed one
 * correct run in a hundred, seen in CI.)
 */
export interface Range {
  lo: number;
  p50: number;
  hi: number;
}
export const rangeOf = (vals: number[]): Range => {
  const s = [...vals].sort((a, b) => a - b);
  return { lo: s[0]!, p50: quantileSorted(s, 0.5), hi: s[s.length - 1]! };
};

const round = (x: number, d = 4) => (Number.isFinite(x) ? Number(x.toFixed(d)) : null);

/** Per-run values of a function of one model run's series. */
function perRun(mc: MonteCarlo, f: (series: (name: keyof MonteCarlo['values'], i: number) => number) => number): number[] {
  const n = mc.t.length;
  return Array.from({ length: mc.runs }, (_, r) => f((name, i) => mc.values[name][r * n + i]!));
}

export interface Separation {
  own: Range;
  other: Range;
  /** The two models' ranges do not overlap: the number tells the variants apart. */
  separates: boolean;
  /** The measured value lies within the own model's range. */
  inOwn: boolean;
  /** How far the measured value lies outside each range, in the number's units (0 inside). */
  fromOwn: number;
  fromOther: number;
}

export const distanceFrom = (x: number, r: Range): number => Math.max(r.lo - x, x - r.hi, 0);

export function separation(measured: number, own: number[], other: number[]): Separation {
  const o = rangeOf(own);
  const x = rangeOf(other);
  return {
    own: o,
    other: x,
    separates: o.hi < x.lo || x.hi < o.lo,
    inOwn: measured >= o.lo && measured <= o.hi,
    fromOwn: distanceFrom(measured, o),
    fromOther: distanceFrom(measured, x),
  };
}

/** The outcome of a separated claim, or why it cannot be judged. */
function outcomeOf(sep: Separation, v: Variant, fmt: (r: Range) => string): { outcome: Outcome; why?: string } {
  if (!sep.separates) {
    return { outcome: 'inconclusive', why: `the ${v} model's runs (${fmt(sep.own)}) and the other variant's (${fmt(sep.other)}) overlap: this scenario cannot tell the variants apart on this number` };
  }
  return { outcome: sep.inOwn || sep.fromOwn < sep.fromOther ? 'pass' : 'fail' };
}

/**
 * C1 and C2 both say base keeps more flood templates than patched. Where the
 * two models separate the other way round, the scenario shows the opposite of
 * the claim's effect: that is no ground to pass it (nor to fail it). Returns
 * why, or undefined when the models lie the claim's way (or do not separate).
 */
function againstClaim(sep: Separation, v: Variant, fmt: (r: Range) => string): string | undefined {
  if (!sep.separates) return undefined;
  const [b, p] = v === 'base' ? [sep.own, sep.other] : [sep.other, sep.own];
  if (b.lo > p.hi) return undefined;
  return `here the base model keeps fewer flood templates (${fmt(b)}) than the patched model (${fmt(p)}), the opposite of the claim: a flood of distinct sources (netmask /32) against a persistence longer than SYN_RECV ${SYN_RECV_S} s + the flood + ${C1_DELAY_S} s shows it`;
}

/** The models' ranges, as a claim's numbers. */
const rangeNumbers = (sep: Separation) => ({
  modelMin: round(sep.own.lo),
  modelP50: round(sep.own.p50),
  modelMax: round(sep.own.hi),
  otherMin: round(sep.other.lo),
  otherMax: round(sep.other.hi),
  fromModel: round(sep.fromOwn),
  fromOther: round(sep.fromOther),
});

/** A separated claim's outcome and reason: what was measured, and where it lies against the models. */
function judged(
  head: Pick<Claim, 'id' | 'variant' | 'title'>,
  c: ClaimContext,
  sep: Separation,
  said: string,
  fmt: (r: Range) => string,
  numbers: Claim['numbers'],
  why?: string,
  unit: (x: number) => string = String,
): Claim {
  const o = outcomeOf(sep, c.modelVariant, fmt);
  const outcome = o.outcome;
  if (outcome === 'inconclusive') return { ...head, outcome, reason: `${said}; not judged: ${why ?? o.why}`, numbers };
  const widths = `${unit(sep.fromOwn)} from it, ${unit(sep.fromOther)} from the other variant's (${fmt(sep.other)})`;
  const reason = outcome === 'fail'
    ? `${said}; outside the range of the ${c.modelVariant} model's runs ${fmt(sep.own)}, and not nearer it than the other variant's: ${widths}`
    : sep.inOwn
      ? `${said}; inside the range of the ${c.modelVariant} model's runs ${fmt(sep.own)} (the other variant's: ${fmt(sep.other)})`
      : `${said}; outside the range of the ${c.modelVariant} model's runs ${fmt(sep.own)} but on its side: ${widths}`;
  return { ...head, outcome, reason, numbers };
}

const pct = (x: number, d = 1) => `${(100 * x).toFixed(d)}%`;
const pctRange = (r: Range) => `${pct(r.lo)}..${pct(r.hi)}`;
/** A distance between shares, in percentage points. */
const pts = (x: number) => `${(100 * x).toFixed(1)} points`;

/** C1 (base): flood templates outlive their connections. */
export function claimC1(c: ClaimContext): Claim {
  const { measured: m, scenario: s } = c;
  const words = floodWords(s);
  const base = { id: 'C1' as const, variant: 'base' as const, title: `under ${words.attack}, templates ${words.outlive}` };
  const gone = floodGoneIndex(m, protocolOf(s));
  if (gone < 0 || m.floodCreated === 0) {
    return { ...base, outcome: 'inconclusive', reason: 'the flood made no connection, or its connections never all expired within the run: run it longer', numbers: { floodCreated: m.floodCreated } };
  }
  const i = indexAt(m.t, m.t[gone]! + C1_DELAY_S);
  if (i < 0) {
    return {
      ...base,
      outcome: 'inconclusive',
      reason: `the run ends before ${C1_DELAY_S} s after the flood connections were gone (at ${m.t[gone]!.toFixed(0)} s): make duration at least ${Math.ceil(m.t[gone]! + C1_DELAY_S + 2)}`,
      numbers: { floodGoneAt: m.t[gone]! },
    };
  }
  const fraction = m.series.floodTemplates![i]! / m.floodCreated;
  const flood = (mc: MonteCarlo) => perRun(mc, (v) => v('floodTemplates', i) / m.floodCreated);
  let sep = separation(fraction, flood(c.model), flood(c.other));
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
  return judged(base, c, sep, `${pct(fraction)} of flood templates remain ${after} s after ${words.gone}`, pctRange, numbers, why, pts);
}

/** Decay rate of flood templates between two sample indexes (with a half-count correction at zero). */
export function decayRate(n1: number, n2: number, dt: number): number {
  return Math.log((n1 + 0.5) / (n2 + 0.5)) / dt;
}

/** The analytic survival of one entry through `seconds` of scans (the mail's (31/32)^60). */
export function scanSurvival(tabBits: number, seconds: number, scansPerSecond = 1): number {
  const size = 2 ** tabBits;
  const perScan = (1 - 1 / size) ** (size >> 5);
  return perScan ** (seconds * scansPerSecond);
}

/**
 * C2 (patched): non-assured templates are dropped once their connections are
 * gone, not kept for the persistence timeout. Its number is the share of the
 * flood's templates left at the end of the run: base keeps the ones the scan
 * never reached until their persistence timeout (~15%, as in C1), patched goes on
 * dropping them at the drop-entry rate. (The rate itself does not tell the two
 * apart: base's templates of dropped connections also go, 60 s after their
 * connection, so both decline for a minute after the flood; the rate is
 * reported, and its shape is what the templates band already checks.)
 */
export function claimC2(c: ClaimContext): Claim {
  const { measured: m, scenario: s } = c;
  const base = { id: 'C2' as const, variant: 'patched' as const, title: 'non-assured templates are dropped at the drop-entry rate, not kept for the persistence timeout' };
  const words = floodWords(s);
  const gone = floodGoneIndex(m, protocolOf(s));
  const last = m.t.length - 1;
  if (gone < 0 || m.floodCreated === 0 || last - gone < 1) {
    return { ...base, outcome: 'inconclusive', reason: 'the flood made no connection, or its connections never all expired within the run: run it longer', numbers: { floodCreated: m.floodCreated } };
  }
  const ft = m.series.floodTemplates!;
  const fraction = ft[last]! / m.floodCreated;
  const dt = m.t[last]! - m.t[gone]!;
  const rate = decayRate(ft[gone]!, ft[last]!, dt);
  const left = (mc: MonteCarlo) => perRun(mc, (v) => v('floodTemplates', last) / m.floodCreated);
  let sep = separation(fraction, left(c.model), left(c.other));
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
  return judged(base, c, sep, said, pctRange, numbers, why, pts);
}

/** C3 (patched): the templates of clients that completed a handshake are ASSURED and survive; clients keep their real server. */
export function claimC3(c: ClaimContext): Claim {
  const s = c.summary;
  const base = { id: 'C3' as const, variant: 'patched' as const, title: 'templates of clients that completed a handshake (ASSURED) survive; clients keep their real server' };
  if (s.clients === 0) return { ...base, outcome: 'inconclusive', reason: 'no client completed a handshake: add clients to the scenario', numbers: {} };
  // The models' ASSURED templates at the end: the patched model has the clients', base none.
  const last = c.model.t.length - 1;
  const assured = (mc: MonteCarlo) => perRun(mc, (v) => v('assured', last));
  const sep = separation(s.clientsAssured > 0 ? 1 : 0, assured(c.model), assured(c.other));
  const numbers = { clients: s.clients, clientsAssured: s.clientsAssured, clientTemplates: s.finalClientTemplates, keptServer: s.clientsKeptServer, handshakesOk: s.clientHandshakes.ok, handshakesFailed: s.clientHandshakes.failed };
  const shared = s.finalClientTemplates > 0 && s.finalClientTemplates < s.clients ? ` (${s.clients} clients share ${s.finalClientTemplates} template${s.finalClientTemplates > 1 ? 's' : ''} under the netmask)` : '';
  const said = `${s.clientsAssured} of ${s.clients} clients' templates are ASSURED at the end${shared}; ${s.clientsKeptServer} of ${s.clients} clients kept their real server`;
  if (!sep.separates) {
    return { ...base, outcome: 'inconclusive', reason: `${said}; not judged: both models end with ${sep.own.lo}..${sep.own.hi} ASSURED templates`, numbers };
  }
  // The patched model assures every client's template, the base model none.
  const expectAssured = sep.own.lo > 0;
  const ok = (expectAssured ? s.clientsAssured === s.clients : s.clientsAssured === 0) && s.clientsKeptServer === s.clients;
  return { ...base, outcome: ok ? 'pass' : 'fail', reason: said, numbers };
}

/** C4 (both): with drop_entry 0 the variants behave the same (the control). */
export function claimC4(scenario: Scenario, templates: { base?: BandCheck; patched?: BandCheck }): Claim {
  const base = { id: 'C4' as const, variant: 'both' as const, title: 'with drop_entry 0, base and patched behave the same' };
  if (scenario.sysctl.drop_entry !== 0) {
    return { ...base, outcome: 'inconclusive', reason: `the scenario runs drop_entry ${scenario.sysctl.drop_entry}; the control needs 0`, numbers: {} };
  }
  const b = templates.base;
  const p = templates.patched;
  if (b === undefined || p === undefined) {
    return { ...base, outcome: 'inconclusive', reason: 'needs both variants', numbers: {} };
  }
  // Each variant's templates against the one model, by the bands' own rule.
  const ok = b.agrees && p.agrees;
  return {
    ...base,
    outcome: ok ? 'pass' : 'fail',
    reason: `with no drops the two variants' models are one (but for the ASSURED state); templates in its band: ${(100 * b.fraction).toFixed(0)}% of base's samples, ${(100 * p.fraction).toFixed(0)}% of patched's (${b.agrees ? 'agrees' : 'DISAGREES'}, ${p.agrees ? 'agrees' : 'DISAGREES'})`,
    numbers: { baseInBand: round(b.fraction), patchedInBand: round(p.fraction), baseAgrees: String(b.agrees), patchedAgrees: String(p.agrees) },
  };
}

/** The per-variant claims, by the variant whose run carries them. */
export const VARIANT_CLAIMS: Record<Variant, ((c: ClaimContext) => Claim)[]> = {
  base: [claimC1, claimC5('base'), claimC6('base')],
  patched: [claimC2, claimC3, claimC5('patched'), claimC6('patched')],
};
