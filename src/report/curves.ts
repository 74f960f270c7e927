// Pure: one variant's series as the judgement saw it, for every plot that draws
// it (the per-variant band plots and the headline): the kernel's samples and the
// model's band quantiles at those samples, on guest seconds since the run's origin.
import type { Judged } from '../compare/verdict.ts';
import type { SeriesName, Variant } from '../model/params.ts';
import type { BandSeries, MeasuredPoint } from './plots.ts';

export type VariantDetail = NonNullable<Judged['detail'][Variant]>;

export interface Curves {
  band: BandSeries;
  measured: MeasuredPoint[];
}

export function curvesOf(d: VariantDetail, series: SeriesName): Curves {
  const t = [...d.measured.t].map((x) => x - d.origin);
  const b = d.mc.bands[series];
  const band = { t, p0_5: [...b.p0_5], p5: [...b.p5], p50: [...b.p50], p95: [...b.p95], p99_5: [...b.p99_5] };
  const measured = [...d.measured.series[series]!].map((v, i) => ({ t: t[i]!, v }));
  return { band, measured };
}
