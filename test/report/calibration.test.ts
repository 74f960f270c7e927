import t from 'tap';
import { calibration, calibrationText, sparkline } from '../../src/report/calibration.ts';
import type { Verdict, VariantVerdict } from '../../src/compare/verdict.ts';

const pit = (x: number) => ({ below: 0, ties: 0, runs: 1000, pit: x });
const variant = (v: 'base' | 'patched', claims: Record<string, number>, templates: number, earlier: number[] = []): VariantVerdict =>
  ({
    variant: v,
    pit: { claims: Object.fromEntries(Object.entries(claims).map(([k, x]) => [k, pit(x)])), series: { templates: pit(templates) } },
    ...(earlier.length ? { earlierTries: earlier.map((x, i) => ({ dir: `try-${i + 1}`, checks: [], pit: { claims: {}, series: { templates: pit(x) } } })) } : {}),
  }) as unknown as VariantVerdict;
const verdict = (base: VariantVerdict, patched: VariantVerdict): Verdict => ({ variants: { base, patched }, claims: [], claimsHold: true, judgeable: true });

// Two records: C1 at 0.05 and 0.45 (base); the templates' areas at 0.15, 0.95, 0.35, 0.75 and, from the
// earlier try of the second record's patched run, 0.999.
const VERDICTS = [
  verdict(variant('base', { C1: 0.05 }, 0.15), variant('patched', { C2: 0.55 }, 0.95)),
  verdict(variant('base', { C1: 0.45 }, 0.35), variant('patched', {}, 0.75, [0.999])),
];

t.test("the PITs per quantity, their histograms and KS tests, and the retries", async (t) => {
  const c = calibration(VERDICTS);
  t.same([c.records, c.variantRuns, c.earlierTries, c.retried], [2, 4, 1, 1]);
  t.same(c.quantities.map((q) => q.name), ['C1', 'C2', 'area:templates'], 'claims first, then the areas');
  const [c1, , area] = c.quantities;
  t.same(c1!.pits, [0.05, 0.45]);
  // Sorted 0.05, 0.45: i/n - x = 0.45, 0.55; x - (i-1)/n = 0.05, -0.05: D = 0.55.
  t.ok(Math.abs(c1!.ks!.d - 0.55) < 1e-12);
  t.same(area!.pits, [0.15, 0.95, 0.35, 0.75, 0.999], "the earlier try's PIT counted too");
  t.same(area!.histogram, [0, 1, 0, 1, 0, 0, 0, 1, 0, 2]);
  // Sorted 0.15 0.35 0.75 0.95 0.999: x - (i-1)/n reaches 0.75 - 0.4 = 0.35 and 0.95 - 0.6 = 0.35; i/n - x at most 0.05.
  t.ok(Math.abs(area!.ks!.d - 0.35) < 1e-12, `${area!.ks!.d}`);
  t.equal(area!.ks!.n, 5);
});

t.test('the text: one line a quantity, and the retries', async (t) => {
  const text = calibrationText(calibration(VERDICTS));
  t.match(text, /^calibration over 4 variant-runs of 2 run records and 1 earlier tries\n/);
  t.match(text, /\nC1 +2 +0\.550 +\d\.\d{3}  .{10}  1 0 0 0 1 0 0 0 0 0\n/);
  t.match(text, /\narea:templates +5 +0\.350 +\d\.\d{3}  .{10}  0 1 0 1 0 0 0 1 0 2\n/);
  t.match(text, /\nretries: 1 of 4 variant-runs needed one \(1 in 4\); the goal is fewer than 1 in 1,000\n$/);
  t.match(calibrationText(calibration([])), /no PITs/);
  // Notes stand under the head, before the key.
  t.match(calibrationText(calibration(VERDICTS), ['(a note)', '(another)']), /^calibration over 4 variant-runs[^\n]*\n\(a note\)\n\(another\)\nPIT: /);
});

t.test('a histogram as bars, the tallest full', async (t) => {
  t.equal(sparkline([0, 1, 2, 4, 8]), ' ▁▂▄█');
  t.equal(sparkline([0, 0]), '  ');
});
