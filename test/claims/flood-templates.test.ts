// What C1 and C2 share (src/claims/flood-templates.ts): no judgement against
// models that lie the other way round, and none without the flood made and gone.
import t from 'tap';
import { fakeMc, measured, scenario, ctx, runsOf } from '../../test-support/claim-context.ts';
import { C1 } from '../../src/claims/c1-templates-outlive.ts';
import { C2 } from '../../src/claims/c2-templates-dropped.ts';



t.test('C1 and C2: models that separate the other way round (base below patched) judge nothing', async (t) => {
  // As on a /24-persistent pool flood against 150 s persistence: base's model ends with none, patched's with a few.
  const m = measured(160, (x) => (x < 70 ? 900 : 0));
  const base = fakeMc([...m.t], { floodTemplates: runsOf(160, () => 0) });
  const patched = fakeMc([...m.t], { floodTemplates: runsOf(160, (r) => 3 + (r % 4)) });
  const c1 = C1.judge(ctx(m, base, patched));
  t.equal(c1.outcome, 'inconclusive', c1.reason);
  t.match(c1.reason, /0\.0% of flood templates remain .*; not judged: here the base model keeps fewer flood templates \(0\.0%\.\.0\.0%\) than the patched model \(0\.3%\.\.0\.6%\), the opposite of the claim/);
  const c2 = C2.judge({ ...ctx(m, patched, base), modelVariant: 'patched' });
  t.equal(c2.outcome, 'inconclusive', c2.reason);
  t.match(c2.reason, /not judged: here the base model keeps fewer flood templates \(0\.0%\.\.0\.0%\) than the patched model/);
  // Judged against the wrong model (the recorded runs' check), the direction is still base's vs patched's.
  const swapped = C1.judge({ ...ctx(m, patched, base), modelVariant: 'patched' });
  t.equal(swapped.outcome, 'inconclusive');
});

t.test('a flood too small to leave templates, or none at all: C1 and C2 say why', async (t) => {
  const none = { ...measured(140, () => 0), floodCreated: 0 };
  const mc = fakeMc([...none.t], { floodTemplates: runsOf(140, () => 0) });
  const both = { C1: C1.judge(ctx(none, mc, mc)), C2: C2.judge({ ...ctx(none, mc, mc), modelVariant: 'patched' }) };
  for (const [id, c] of Object.entries(both)) {
    t.equal(c.outcome, 'inconclusive', id);
    t.match(c.reason, /the flood made no connection/);
  }
  // Three SYNs: every model run of either variant ends with none of their templates left.
  const tiny = { ...measured(140, () => 0), floodCreated: 3 };
  const c2 = C2.judge({ ...ctx(tiny, mc, mc), modelVariant: 'patched' });
  t.equal(c2.outcome, 'inconclusive');
  t.match(c2.reason, /overlap: this scenario cannot tell the variants apart/);
});
