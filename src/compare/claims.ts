// Pure: the patch's claims, each judged from the measured run against the model
// of the same variant, with the numbers behind the judgement.
import { quantileSorted, type MonteCarlo } from '../model/monte-carlo.ts';
import type { Scenario } from '../scenario/schema.ts';
import type { VariantSummary } from '../record/summary.ts';
import type { Measured } from './measured.ts';

export type Outcome = 'pass' | 'fail' | 'inconclusive';

export interface Claim {
  id: 'C1' | 'C2' | 'C3' | 'C4';
  variant: 'base' | 'patched' | 'both';
  title: string;
  outcome: Outcome;
  reason: string;
  numbers: Record<string, number | string | null>;
}

/** SYN_RECV lifetime + expire_later (60 s) + the 60 s timer's worst wheel lateness (512 jiffies at HZ=250). */
const C1_DELAY_S = 60 + 2.1;

/** The first sample index at or after time t, or -1. */
const indexAt = (t: Float64Array, at: number) => t.findIndex((x) => x >= at - 1e-9);

/** Index of the first sample, after the last flood arrival, with no SYN_RECV connection left. */
export function floodGoneIndex(m: Measured): number {
  const syn = m.series.synRecv!;
  for (let i = 0; i < m.t.length; i++) if (m.t[i]! > m.lastFloodT && syn[i] === 0) return i;
  return -1;
}

/**
 * A claim's band: the whole range of the model's runs. A claim is one number
 * judged once, so its false-alarm rate is the band's: a run of a correct kernel
 * is one more draw from the model's distribution, and the chance that it lies
 * outside all n runs is 2/(n+1), 0.2% with 1000 runs. (A 99% band failed one
 * correct run in a hundred: C2 at 4.36%/s against a p99.5 of 4.19%/s, seen in CI,
 * 143 templates ending at 3 where about 10 were expected.) A kernel that breaks a
 * claim lands far outside: templates kept (rate ~0) or all gone (~0% remain).
 */
const band = (vals: number[]) => {
  const s = [...vals].sort((a, b) => a - b);
  return { lo: s[0]!, p50: quantileSorted(s, 0.5), hi: s[s.length - 1]! };
};

const round = (x: number, d = 4) => (Number.isFinite(x) ? Number(x.toFixed(d)) : null);

/** Per-run model values of flood templates at sample i. */
const modelFlood = (mc: MonteCarlo, i: number) => {
  const n = mc.t.length;
  return Array.from({ length: mc.runs }, (_, r) => mc.values.floodTemplates[r * n + i]!);
};

/** The analytic survival of one entry through `seconds` of scans (the mail's (31/32)^60). */
export function scanSurvival(tabBits: number, seconds: number, scansPerSecond = 1): number {
  const size = 2 ** tabBits;
  const perScan = (1 - 1 / size) ** (size >> 5);
  return perScan ** (seconds * scansPerSecond);
}

/** C1 (base): flood templates outlive their connections. */
export function claimC1(m: Measured, mc: MonteCarlo): Claim {
  const base = { id: 'C1' as const, variant: 'base' as const, title: 'under a SYN flood, templates outlive their connections (~15% survive)' };
  const gone = floodGoneIndex(m);
  if (gone < 0 || m.floodCreated < 100) {
    return { ...base, outcome: 'inconclusive', reason: 'the flood never fully expired in the run, or was too small', numbers: { floodCreated: m.floodCreated } };
  }
  const i = indexAt(m.t, m.t[gone]! + C1_DELAY_S);
  if (i < 0) {
    return { ...base, outcome: 'inconclusive', reason: `the run ends before ${C1_DELAY_S} s after the flood connections were gone`, numbers: { floodGoneAt: m.t[gone]! } };
  }
  const measured = m.series.floodTemplates![i]! / m.floodCreated;
  const model = band(modelFlood(mc, i).map((v) => v / m.floodCreated));
  const inBand = measured >= model.lo && measured <= model.hi;
  const outcome: Outcome = inBand && measured >= 0.05 ? 'pass' : 'fail';
  return {
    ...base,
    outcome,
    reason: inBand
      ? `${(100 * measured).toFixed(1)}% of flood templates remain ${(m.t[i]! - m.t[gone]!).toFixed(0)} s after the last flood connection, inside the range of the model's runs`
      : `${(100 * measured).toFixed(1)}% remain, outside the range of the model's runs ${(100 * model.lo).toFixed(1)}..${(100 * model.hi).toFixed(1)}%`,
    numbers: {
      at: round(m.t[i]!, 2),
      floodCreated: m.floodCreated,
      floodTemplates: m.series.floodTemplates![i]!,
      fraction: round(measured),
      modelMin: round(model.lo),
      modelP50: round(model.p50),
      modelMax: round(model.hi),
      mail: round((31 / 32) ** 60),
    },
  };
}

/** Decay rate of flood templates between two sample indexes (with a half-count correction at zero). */
export function decayRate(n1: number, n2: number, dt: number): number {
  return Math.log((n1 + 0.5) / (n2 + 0.5)) / dt;
}

/** C2 (patched): non-assured templates go at the drop-entry rate once their connections are gone. */
export function claimC2(m: Measured, mc: MonteCarlo, tabBits: number): Claim {
  const base = { id: 'C2' as const, variant: 'patched' as const, title: 'non-assured templates are dropped at the drop-entry rate, not kept for the persistence timeout' };
  const gone = floodGoneIndex(m);
  const last = m.t.length - 1;
  if (gone < 0 || last - gone < 20) {
    return { ...base, outcome: 'inconclusive', reason: 'fewer than 20 s observed after the flood connections were gone', numbers: {} };
  }
  const ft = m.series.floodTemplates!;
  if (ft[gone]! < 20) {
    return { ...base, outcome: 'inconclusive', reason: `only ${ft[gone]} flood templates left when the flood connections were gone`, numbers: {} };
  }
  const dt = m.t[last]! - m.t[gone]!;
  const measured = decayRate(ft[gone]!, ft[last]!, dt);
  const n = mc.t.length;
  const model = band(Array.from({ length: mc.runs }, (_, r) => decayRate(mc.values.floodTemplates[r * n + gone]!, mc.values.floodTemplates[r * n + last]!, dt)));
  const perScan = 1 - scanSurvival(tabBits, 1);
  const inBand = measured >= model.lo && measured <= model.hi;
  return {
    ...base,
    outcome: inBand && measured > 0.005 ? 'pass' : 'fail',
    reason: `flood templates fell from ${ft[gone]} to ${ft[last]} in ${dt.toFixed(0)} s: ${(100 * measured).toFixed(2)}%/s${inBand ? ', inside' : ', outside'} the range of the model's runs ${(100 * model.lo).toFixed(2)}..${(100 * model.hi).toFixed(2)}%/s`,
    numbers: {
      from: round(m.t[gone]!, 2),
      to: round(m.t[last]!, 2),
      startCount: ft[gone]!,
      endCount: ft[last]!,
      ratePerSecond: round(measured),
      modelMin: round(model.lo),
      modelP50: round(model.p50),
      modelMax: round(model.hi),
      analyticPerScan: round(perScan),
    },
  };
}

/** C3 (patched): assured templates survive the attack; their clients keep their real server. */
export function claimC3(s: VariantSummary): Claim {
  const base = { id: 'C3' as const, variant: 'patched' as const, title: 'templates of clients that completed a handshake (ASSURED) survive; clients keep their real server' };
  if (s.clients === 0) return { ...base, outcome: 'inconclusive', reason: 'no client completed a handshake', numbers: {} };
  const assured = s.finalClientTemplatesByState.ASSURED ?? 0;
  const ok = assured === s.clients && s.clientsKeptServer === s.clients;
  return {
    ...base,
    outcome: ok ? 'pass' : 'fail',
    reason: `${assured} of ${s.clients} clients' templates are ASSURED at the end; ${s.clientsKeptServer} of ${s.clients} clients kept their real server`,
    numbers: { clients: s.clients, assuredAtEnd: assured, keptServer: s.clientsKeptServer, handshakesOk: s.clientHandshakes.ok, handshakesFailed: s.clientHandshakes.failed },
  };
}

/** C4 (both): with drop_entry 0 the variants behave the same (the control). */
export function claimC4(scenario: Scenario, fractions: { base?: number; patched?: number }): Claim {
  const base = { id: 'C4' as const, variant: 'both' as const, title: 'with drop_entry 0, base and patched behave the same' };
  if (scenario.sysctl.drop_entry !== 0) {
    return { ...base, outcome: 'inconclusive', reason: `the scenario runs drop_entry ${scenario.sysctl.drop_entry}; the control needs 0`, numbers: {} };
  }
  if (fractions.base === undefined || fractions.patched === undefined) {
    return { ...base, outcome: 'inconclusive', reason: 'needs both variants', numbers: {} };
  }
  const ok = fractions.base >= 0.95 && fractions.patched >= 0.95;
  return {
    ...base,
    outcome: ok ? 'pass' : 'fail',
    reason: `with no drops the two variants' models are one (but for the ASSURED state); templates in its band: ${(100 * fractions.base).toFixed(0)}% of base's samples, ${(100 * fractions.patched).toFixed(0)}% of patched's`,
    numbers: { baseInBand: round(fractions.base), patchedInBand: round(fractions.patched) },
  };
}
