// Pure: the calibration report: over many variant-runs, where each kernel's
// numbers lay among its model's runs (the PITs the verdict keeps:
// src/compare/variant-pits.ts), one histogram and one uniformity test per
// quantity. A calibrated model gives flat histograms; the test is made per
// quantity because one run's quantities are not independent of each other
// (a run that keeps more flood templates has a larger C1 share and a larger
// templates miss area), while different runs are.
import type { Verdict } from '../compare/verdict.ts';
import type { VariantPits } from '../compare/variant-pits.ts';
import { histogram, ksUniform, type KsTest } from '../compare/ks.ts';

export interface QuantityCalibration {
  /** A claim's id (its number), or `area:<series>` (a checked series' miss area). */
  name: string;
  pits: number[];
  histogram: number[];
  ks?: KsTest;
}

export interface Calibration {
  records: number;
  variantRuns: number;
  /** Earlier tries of variants run again (their PITs are counted: leaving out the runs that missed would flatter the model). */
  earlierTries: number;
  /** Variant-runs that needed a retry (src/pipeline/retry.ts). */
  retried: number;
  quantities: QuantityCalibration[];
}

function add(into: Map<string, number[]>, pits: VariantPits | undefined): void {
  if (!pits) return;
  const entries = [...Object.entries(pits.claims), ...Object.entries(pits.series).map(([s, p]) => [`area:${s}`, p] as const)];
  for (const [name, p] of entries) if (p) (into.get(name) ?? into.set(name, []).get(name)!).push(p.pit);
}

/** Claims first (by id), then the series' areas, each in a fixed order. */
const order = (a: string, b: string) => Number(a.startsWith('area:')) - Number(b.startsWith('area:')) || a.localeCompare(b, 'en', { numeric: true });

export function calibration(verdicts: Verdict[]): Calibration {
  const pits = new Map<string, number[]>();
  let variantRuns = 0;
  let earlierTries = 0;
  let retried = 0;
  for (const v of verdicts) {
    for (const x of Object.values(v.variants)) {
      variantRuns++;
      add(pits, x.pit);
      const earlier = x.earlierTries ?? [];
      if (earlier.length > 0) retried++;
      earlierTries += earlier.length;
      for (const e of earlier) add(pits, e.pit);
    }
  }
  const quantities = [...pits.keys()].sort(order).map((name) => {
    const xs = pits.get(name)!;
    const ks = ksUniform(xs);
    return { name, pits: xs, histogram: histogram(xs), ...(ks ? { ks } : {}) };
  });
  return { records: verdicts.length, variantRuns, earlierTries, retried, quantities };
}

const BARS = ' ▁▂▃▄▅▆▇█';

/** Ten counts as bars, the tallest full. */
export function sparkline(counts: number[]): string {
  const top = Math.max(1, ...counts);
  return counts.map((c) => BARS[Math.round((c / top) * (BARS.length - 1))]).join('');
}

/** The report as text; `notes` are lines under its head (which records were left out, say). */
export function calibrationText(c: Calibration, notes: string[] = []): string {
  const lines = [
    `calibration over ${c.variantRuns} variant-runs of ${c.records} run records${c.earlierTries ? ` and ${c.earlierTries} earlier tries` : ''}`,
    ...notes,
    "PIT: where the kernel's number lies among its model's runs, uniform on (0, 1) for a calibrated model;",
    'KS: Kolmogorov-Smirnov against U(0, 1) (a small p: not uniform)',
    '',
    `${'quantity'.padEnd(16)}${'n'.padStart(5)}${'D'.padStart(8)}${'p'.padStart(8)}  PITs in tenths of (0, 1)`,
  ];
  for (const q of c.quantities) {
    const ks = q.ks ? `${q.ks.d.toFixed(3).padStart(8)}${q.ks.p.toFixed(3).padStart(8)}` : `${'-'.padStart(8)}${'-'.padStart(8)}`;
    lines.push(`${q.name.padEnd(16)}${String(q.pits.length).padStart(5)}${ks}  ${sparkline(q.histogram)}  ${q.histogram.join(' ')}`);
  }
  if (c.quantities.length === 0) lines.push('(no PITs: no variant-run was judged)');
  lines.push('');
  lines.push("(area:<series>: the miss area outside the band, in band widths; the band's own runs shaped it, so a correct kernel's PIT leans high where runs often miss)");
  const rate = c.retried ? ` (1 in ${Math.round(c.variantRuns / c.retried)})` : '';
  lines.push(`retries: ${c.retried} of ${c.variantRuns} variant-runs needed one${rate}; the goal is fewer than 1 in 1,000`);
  return lines.join('\n') + '\n';
}
