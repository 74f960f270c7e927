// Pure: how a claim's number is judged against two models. Each claim is one
// number, read off the measured run and off every run of two models driven by
// the same inputs: the model of the variant under judgement and the other
// variant's. A claim is judged only where the scenario can show it, that is
// where the two models' ranges for its number do not overlap; otherwise it is
// INCONCLUSIVE, saying why and what would make it judgeable. PASS means the
// kernel's number lies in its own model's range, or outside it but on its
// side: nearer that range than the other variant's (a correct kernel's run a
// little more extreme than all of the model's is not a broken claim; the bands,
// judged against the model's own runs, say whether the kernel follows its
// model). FAIL means the number lies with the other variant, or nearer it.
import { quantileSorted, type MonteCarlo } from '../model/monte-carlo.ts';
import type { Variant } from '../model/params.ts';
import type { Claim, Judgement, Outcome } from './types.ts';

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

export const round = (x: number, d = 4) => (Number.isFinite(x) ? Number(x.toFixed(d)) : null);


/** Per-run values of a function of one model run's series. */
export function perRun(mc: MonteCarlo, f: (series: (name: keyof MonteCarlo['values'], i: number) => number) => number): number[] {
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

const distanceFrom = (x: number, r: Range): number => Math.max(r.lo - x, x - r.hi, 0);

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
export function outcomeOf(sep: Separation, v: Variant, fmt: (r: Range) => string): { outcome: Outcome; why?: string } {
  if (!sep.separates) {
    return { outcome: 'inconclusive', why: `the ${v} model's runs (${fmt(sep.own)}) and the other variant's (${fmt(sep.other)}) overlap: this scenario cannot tell the variants apart on this number` };
  }
  return { outcome: sep.inOwn || sep.fromOwn < sep.fromOther ? 'pass' : 'fail' };
}

/** The models' ranges, as a claim's numbers. */
export const rangeNumbers = (sep: Separation) => ({
  modelMin: round(sep.own.lo),
  modelP50: round(sep.own.p50),
  modelMax: round(sep.own.hi),
  otherMin: round(sep.other.lo),
  otherMax: round(sep.other.hi),
  fromModel: round(sep.fromOwn),
  fromOther: round(sep.fromOther),
});

/** How a separated number is said: the range format, and a distance's (default: as is). */
export interface Units {
  fmt: (r: Range) => string;
  unit?: (x: number) => string;
}

/**
 * A separated claim's outcome and reason: what was measured (`said`), and
 * where it lies against the models of `modelVariant`; `why` replaces the
 * overlap's own explanation when it is not judged.
 */
export function judged(modelVariant: Variant, sep: Separation, said: string, units: Units, numbers: Claim['numbers'], why?: string): Judgement {
  const { fmt, unit = String } = units;
  const o = outcomeOf(sep, modelVariant, fmt);
  const outcome = o.outcome;
  if (outcome === 'inconclusive') return { outcome, reason: `${said}; not judged: ${why ?? o.why}`, numbers };
  const widths = `${unit(sep.fromOwn)} from it, ${unit(sep.fromOther)} from the other variant's (${fmt(sep.other)})`;
  const reason = outcome === 'fail'
    ? `${said}; outside the range of the ${modelVariant} model's runs ${fmt(sep.own)}, and not nearer it than the other variant's: ${widths}`
    : sep.inOwn
      ? `${said}; inside the range of the ${modelVariant} model's runs ${fmt(sep.own)} (the other variant's: ${fmt(sep.other)})`
      : `${said}; outside the range of the ${modelVariant} model's runs ${fmt(sep.own)} but on its side: ${widths}`;
  return { outcome, reason, numbers };
}

export const pct = (x: number, d = 1) => `${(100 * x).toFixed(d)}%`;
export const pctRange = (r: Range) => `${pct(r.lo)}..${pct(r.hi)}`;
/** A distance between shares, in percentage points. */
export const pts = (x: number) => `${(100 * x).toFixed(1)} points`;
/** Shares, their distances in percentage points. */
export const SHARES: Units = { fmt: pctRange, unit: pts };

/** An INCONCLUSIVE judgement. */
export const inconclusive = (reason: string, numbers: Claim['numbers'] = {}): Judgement => ({ outcome: 'inconclusive', reason, numbers });
