// Pure: Vega-Lite specifications of the report's plots: a variant's measured
// series over its model's band, and base against patched.
import type { TopLevelSpec } from 'vega-lite';

export interface BandSeries {
  t: number[];
  p0_5: number[];
  p5: number[];
  p50: number[];
  p95: number[];
  p99_5: number[];
}

export interface MeasuredPoint {
  t: number;
  v: number;
}

const SIZE = { width: 640, height: 220 };

/** The measured series (points) over the model's 99% and 90% bands and median. */
export function bandPlot(title: string, band: BandSeries, measured: MeasuredPoint[], yTitle: string): TopLevelSpec {
  const rows = band.t.map((t, i) => ({ t, lo: band.p0_5[i], hi: band.p99_5[i], lo5: band.p5[i], hi95: band.p95[i], mid: band.p50[i] }));
  const x = { field: 't', type: 'quantitative' as const, title: 'guest seconds' };
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title,
    ...SIZE,
    layer: [
      { data: { values: rows }, mark: { type: 'area', opacity: 0.25, color: '#4c78a8' }, encoding: { x, y: { field: 'lo', type: 'quantitative', title: yTitle }, y2: { field: 'hi' } } },
      { data: { values: rows }, mark: { type: 'area', opacity: 0.35, color: '#4c78a8' }, encoding: { x, y: { field: 'lo5', type: 'quantitative' }, y2: { field: 'hi95' } } },
      { data: { values: rows }, mark: { type: 'line', color: '#1f4e79', strokeWidth: 1 }, encoding: { x, y: { field: 'mid', type: 'quantitative' } } },
      { data: { values: measured }, mark: { type: 'point', filled: true, size: 12, color: '#e45756' }, encoding: { x, y: { field: 'v', type: 'quantitative' } } },
    ],
  };
}

/** Measured template counts of both variants on one plot. */
export function overlayPlot(title: string, series: Record<string, MeasuredPoint[]>, yTitle: string): TopLevelSpec {
  const values = Object.entries(series).flatMap(([variant, pts]) => pts.map((p) => ({ ...p, variant })));
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title,
    ...SIZE,
    data: { values },
    mark: { type: 'line', point: false },
    encoding: {
      x: { field: 't', type: 'quantitative', title: 'guest seconds since the first sample' },
      y: { field: 'v', type: 'quantitative', title: yTitle },
      color: { field: 'variant', type: 'nominal' },
    },
  };
}
