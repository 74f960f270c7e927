// The headline picture's spec builder and caption (pure), on numbers made by hand:
// two variants of three samples each, every value distinct, so each can be found in
// the spec's data where the builder must put it.
import t from 'tap';
import { compile } from 'vega-lite';
import { headlineCaption, headlinePlot } from '../../src/report/headline.ts';
import type { HeadlineData } from '../../src/report/headline-data.ts';
import type { Verdict } from '../../src/compare/verdict.ts';
import { toSvg } from '../../src/report/svg.ts';

/** base keeps its templates (10, 20, 30 over bands around them), patched drops them (9, 5, 1). */
const data: HeadlineData = {
  series: 'templates',
  variants: {
    base: { model: 'base', band: { t: [0, 1, 2], p0_5: [8, 18, 28], p5: [9, 19, 29], p50: [10, 20, 30], p95: [11, 21, 31], p99_5: [12, 22, 32] }, measured: [{ t: 0, v: 10 }, { t: 1, v: 20 }, { t: 2, v: 30 }] },
    patched: { model: 'patched', band: { t: [0, 1, 2], p0_5: [7, 3, 0], p5: [8, 4, 0.5], p50: [9, 5, 1], p95: [10, 6, 2], p99_5: [11, 7, 3] }, measured: [{ t: 0, v: 9 }, { t: 1, v: 5 }, { t: 2, v: 1 }] },
  },
};

type Row = { variant: string; t: number; v: number; lo: number; hi: number; lo5: number; hi95: number };

t.test("the spec: both variants' kernel series and both bands of 'templates', one layer each for the 99% band, the 90% band and the kernel", async (t) => {
  const spec = headlinePlot(data, 'headline') as unknown as { data: { values: Row[] }; layer: { mark: { type: string }; encoding: { y: { field: string; title?: string }; y2?: { field: string }; color: { field: string } } }[] };
  const rows = spec.data.values;
  t.equal(rows.length, 6, 'three samples a variant');
  const of = (v: string) => rows.filter((r) => r.variant === v);
  // The kernel's counts, as given.
  t.same(of('base').map((r) => r.v), [10, 20, 30]);
  t.same(of('patched').map((r) => r.v), [9, 5, 1]);
  // Each variant's own band: 99% (p0_5..p99_5) and 90% (p5..p95), at the same samples.
  t.same(of('base').map((r) => [r.t, r.lo, r.lo5, r.hi95, r.hi]), [[0, 8, 9, 11, 12], [1, 18, 19, 21, 22], [2, 28, 29, 31, 32]]);
  t.same(of('patched').map((r) => [r.t, r.lo, r.lo5, r.hi95, r.hi]), [[0, 7, 8, 10, 11], [1, 3, 4, 6, 7], [2, 0, 0.5, 2, 3]]);
  t.same(spec.layer.map((l) => [l.mark.type, l.encoding.y.field, l.encoding.y2?.field ?? null]), [['area', 'lo', 'hi'], ['area', 'lo5', 'hi95'], ['line', 'v', null]]);
  t.equal(spec.layer.length, 3);
  for (const l of spec.layer) t.equal(l.encoding.color.field, 'variant', 'each layer coloured by variant');
  t.equal(spec.layer[0]!.encoding.y.title, 'templates', "the y axis names the series");
  // It compiles and draws: a legend with both kernels.
  t.ok(compile(headlinePlot(data, 'headline')).spec, 'valid Vega-Lite');
  const svg = await toSvg(headlinePlot(data, 'headline'));
  t.match(svg, /^<svg /);
  t.match(svg, />base</);
  t.match(svg, />patched</);
});

const claim = (id: string, variant: string, outcome: string) => ({ id, variant, outcome, title: id, reason: '', numbers: {} });
const verdict = (over: Partial<Verdict>): Verdict =>
  ({ variants: { base: { variant: 'base', agrees: true }, patched: { variant: 'patched', agrees: true } }, claims: [claim('C1', 'base', 'pass'), claim('C2', 'patched', 'pass'), claim('C3', 'patched', 'pass')], claimsHold: true, judgeable: true, ...over }) as unknown as Verdict;

t.test('the caption: what the picture shows, the story when C1 and C2 pass, and the verdict', async (t) => {
  const pass = headlineCaption(verdict({}));
  t.equal(
    pass,
    "Templates over time, each kernel's count (line) over its model's 90% and 99% bands (shaded): under attack, without the series (base) they outlive their dropped connections; with it (patched) they are dropped. Verdict: PASS (C1 (base) PASS, C2 (patched) PASS).",
  );
  t.notMatch(pass, /\n/, 'one line');

  const control = headlineCaption(verdict({ claims: [claim('C1', 'base', 'inconclusive'), claim('C2', 'patched', 'inconclusive')] as Verdict['claims'] }));
  t.notMatch(control, /under attack/, 'no story where the scenario cannot show it');
  t.match(control, /Verdict: PASS \(C1 \(base\) INCONCLUSIVE, C2 \(patched\) INCONCLUSIVE\)\.$/);

  const failed = headlineCaption(
    verdict({ claimsHold: false, claims: [claim('C1', 'base', 'pass'), claim('C2', 'patched', 'fail')] as Verdict['claims'], variants: { base: { variant: 'base', agrees: true }, patched: { variant: 'patched', agrees: false } } as unknown as Verdict['variants'] }),
  );
  t.match(failed, /Verdict: FAIL \(C1 \(base\) PASS, C2 \(patched\) FAIL, patched DISAGREES with its model\)\.$/);
});
