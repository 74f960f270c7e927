// The headline's numbers are the judgement's, as the band plots draw them: a
// recorded run (fixtures/runs/smoke-2) judged, and each variant's kernel series
// and model band in headlineData compared with the judgement's own arrays.
import t from 'tap';
import { judgeRecord } from '../../src/pipeline/judge-record.ts';
import { headlineData } from '../../src/report/headline-data.ts';
import { curvesOf } from '../../src/report/curves.ts';

const fixture = new URL('../../fixtures/runs/smoke-2/', import.meta.url).pathname;

t.test("headlineData: each variant's templates and its model's band from the judgement, on seconds since the run's origin", async (t) => {
  const judged = await judgeRecord(fixture, { seed: 1, mcRuns: 200 });
  const data = headlineData(judged);
  t.equal(data.series, 'templates');
  t.same(Object.keys(data.variants), ['base', 'patched']);
  for (const v of ['base', 'patched'] as const) {
    const d = judged.detail[v]!;
    const h = data.variants[v]!;
    t.equal(h.model, v, 'each judged by its own model');
    t.equal(h.measured.length, d.measured.t.length);
    t.ok(h.measured.length > 100, 'a whole run of samples');
    t.same(h.measured.map((p) => p.v), [...d.measured.series.templates!], "the kernel's counts as measured");
    t.same(h.measured.map((p) => p.t), [...d.measured.t].map((x) => x - d.origin));
    t.same(h.band.p99_5, [...d.mc.bands.templates.p99_5], "the model's band as judged");
    t.same(h.band.p0_5, [...d.mc.bands.templates.p0_5]);
    t.same(h.band.p5, [...d.mc.bands.templates.p5]);
    t.same(h.band.p95, [...d.mc.bands.templates.p95]);
    t.same({ band: h.band, measured: h.measured }, curvesOf(d, 'templates'), 'the curves the band plots draw');
  }
});
