// Pure: the headline picture, the patch mail's story in one image: base's and
// patched's template counts over time, each over the band of the model it was
// judged by (./headline-data.ts), and the one-line caption saying what it shows
// and the verdict.
import type { TopLevelSpec } from 'vega-lite';
import type { Verdict } from '../compare/verdict.ts';
import type { Variant } from '../model/params.ts';
import { OUTCOME_LABEL } from '../claims/outcome.ts';
import type { HeadlineData } from './headline-data.ts';

/** A variant's colour: its band and its kernel's line. */
const COLOUR: Readonly<Record<Variant, string>> = { base: '#e45756', patched: '#4c78a8' };

/** One row per variant and sample: the kernel's count and the model's bands there. */
function rowsOf(data: HeadlineData) {
  return Object.entries(data.variants).flatMap(([variant, c]) =>
    c.band.t.map((t, i) => ({ variant, t, v: c.measured[i]!.v, lo: c.band.p0_5[i], hi: c.band.p99_5[i], lo5: c.band.p5[i], hi95: c.band.p95[i] })),
  );
}

export function headlinePlot(data: HeadlineData, title: string): TopLevelSpec {
  const names = Object.keys(data.variants) as Variant[];
  const color = { field: 'variant', type: 'nominal' as const, title: 'kernel', legend: { symbolOpacity: 1 }, scale: { domain: names, range: names.map((n) => COLOUR[n]) } };
  const x = { field: 't', type: 'quantitative' as const, title: 'guest seconds' };
  // y2 makes an area a band; stack: null keeps the variants' bands from piling up.
  const y = (field: string, t?: string) => ({ field, type: 'quantitative' as const, stack: null, ...(t ? { title: t } : {}) });
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title,
    width: 760,
    height: 300,
    data: { values: rowsOf(data) },
    layer: [
      { mark: { type: 'area', opacity: 0.15 }, encoding: { x, y: y('lo', data.series), y2: { field: 'hi' }, color } },
      { mark: { type: 'area', opacity: 0.3 }, encoding: { x, y: y('lo5'), y2: { field: 'hi95' }, color } },
      { mark: { type: 'line', strokeWidth: 2, point: { size: 10, filled: true } }, encoding: { x, y: y('v'), color } },
    ],
  };
}

/** What the picture shows, then the verdict, with the two claims that tell the story (C1 on base, C2 on patched). */
export function headlineCaption(v: Pick<Verdict, 'claims' | 'claimsHold' | 'variants'>): string {
  const what = "Templates over time, each kernel's count (line) over its model's 90% and 99% bands (shaded)";
  const c1 = v.claims.find((c) => c.id === 'C1');
  const c2 = v.claims.find((c) => c.id === 'C2');
  const story = c1?.outcome === 'pass' && c2?.outcome === 'pass' ? ': under attack, without the series (base) they outlive their dropped connections; with it (patched) they are dropped' : '';
  const claims = [c1, c2].filter((c) => c !== undefined).map((c) => `${c.id} (${c.variant}) ${OUTCOME_LABEL[c.outcome]}`);
  const disagree = Object.values(v.variants).filter((x) => !x.agrees).map((x) => `${x.variant} DISAGREES with its model`);
  const detail = [...claims, ...disagree].join(', ');
  return `${what}${story}. Verdict: ${v.claimsHold ? 'PASS' : 'FAIL'}${detail ? ` (${detail})` : ''}.`;
}

export const HEADLINE_TITLE = "templates: base and patched, each over its model's band";
