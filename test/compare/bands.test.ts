import t from 'tap';
import { checkBand, windowSeconds, describeCheck, AGREEMENT } from '../../src/compare/bands.ts';
import { bandsOf, type Band, type MonteCarlo } from '../../src/model/monte-carlo.ts';
import { SERIES } from '../../src/model/params.ts';

/** A model whose every quantile is `value` at each sample. */
function flat(values: number[]): Band {
  const a = Float64Array.from(values);
  return { p0_5: a, p5: a, p50: a, p95: a, p99_5: a };
}

function model(templates: number[], added: number[], removed: number[]): MonteCarlo {
  const n = templates.length;
  const zero = flat(new Array(n).fill(0));
  const bands = Object.fromEntries(SERIES.map((s) => [s, zero])) as MonteCarlo['bands'];
  bands.templates = flat(templates);
  bands.added = flat(added);
  bands.removed = flat(removed);
  return { t: Float64Array.from({ length: n }, (_, i) => i + 1), runs: 1, values: {} as MonteCarlo['values'], bands };
}

t.test('a read of /proc may miss as many entries as were freed meanwhile, and repeat as many as were created', async (t) => {
  // 1000 templates throughout; 40 entries freed in the third interval, 10 created in the fifth.
  const mc = model([1000, 1000, 1000, 1000, 1000, 1000, 1000], [0, 0, 0, 0, 10, 0, 0], [0, 0, 40, 0, 0, 0, 0]);
  const w = windowSeconds(mc.t);
  const check = (measured: number[]) => checkBand('templates', Int32Array.from(measured), mc, w).inside;
  t.equal(check([1000, 1000, 1000, 1000, 1000, 1000, 1000]), 7);
  // Short by up to 40 within a sample of the churn, never elsewhere.
  t.equal(check([1000, 960, 960, 960, 1000, 1000, 1000]), 7, 'short by the 40 freed, next to when they were freed');
  t.equal(check([1000, 959, 1000, 1000, 1000, 1000, 1000]), 6, 'short by more than were freed: outside');
  t.equal(check([1000, 1000, 1000, 1000, 1000, 1000, 990]), 6, 'short where nothing was freed: outside');
  // Over by up to 10 around the creations; a shortfall there is not excused by them.
  t.equal(check([1000, 1000, 1000, 1010, 1010, 1010, 1000]), 7);
  t.equal(check([1000, 1000, 1000, 1000, 1011, 1000, 1000]), 6);
  t.equal(check([1000, 1000, 1000, 1000, 1000, 999, 1000]), 6, 'a shortfall where entries were only created: outside');
});

/** A model of `runs` runs given as rows, with its bands. */
function modelOf(rows: number[][]): MonteCarlo {
  const runs = rows.length;
  const n = rows[0]!.length;
  const values = Object.fromEntries(SERIES.map((s) => [s, new Int32Array(runs * n)])) as MonteCarlo['values'];
  values.templates = Int32Array.from(rows.flat());
  const bands = Object.fromEntries(SERIES.map((s) => [s, bandsOf(values[s], runs, n)])) as MonteCarlo['bands'];
  return { t: Float64Array.from({ length: n }, (_, i) => i + 1), runs, values, bands };
}

t.test("the share in band is judged against the model's own runs: how far they miss, and how often", async (t) => {
  // 400 runs of 40 samples, each a level kept for the whole run (as templates
  // are), 100..139 but for one run at 97 and one at 141: the band
  // (p0.5..p99.5, 100..139) leaves those two out at every sample.
  const level = (r: number) => (r === 0 ? 97 : r === 1 ? 141 : 100 + (r % 40));
  const rows = Array.from({ length: 400 }, (_, r) => new Array(40).fill(level(r)));
  const mc = modelOf(rows);
  const check = (v: number[]) => checkBand('templates', Int32Array.from(v), mc, 0);
  const inside = check(new Array(40).fill(120));
  t.equal(inside.fraction, 1);
  t.equal(inside.agrees, true);
  t.ok(inside.runs.largestArea > 0, `the model's own extreme runs miss the band too (by ${inside.runs.largestArea.toFixed(2)} band-widths)`);
  // The kernel's rank among the runs' areas (src/compare/pit.ts): its area 0 ties with the 398 runs in band; all 400 miss by at least 0.
  t.same([inside.runs.wider, inside.runs.equal], [400, 398], 'in band: tied with the 398 runs in band');
  // A kernel as extreme as the model's most extreme runs: every sample out, and it agrees.
  const low = check(new Array(40).fill(97));
  t.equal(low.fraction, 0);
  t.equal(low.agrees, true, describeCheck(low));
  t.match(describeCheck(low), /^templates 0%: 0 above, 40 below, 1\.\.40 s; worst at 1 s, 97 against 100\.\.139, missing by \d+\.\d\d band-widths \(the model's own runs: up to \d+\.\d\d; 1 of 400 miss by as much, 2 are under 95% in band\)$/);
  t.same(low.misses, { above: 0, below: 40, from: 1, to: 40 }, 'where the misses lie');
  // Run 0 (97) misses by 3/39 a sample, run 1 (141) by 2/39: the kernel at 97 ties with run 0 alone.
  t.same([low.runs.wider, low.runs.equal], [1, 1], 'as far out as run 0: one run as wide, the same one equal');
  // Beyond every run: it does not.
  const lower = check(new Array(40).fill(96));
  t.equal(lower.agrees, false, describeCheck(lower));
  t.equal(lower.runs.wider, 0);
  // A few samples far out, the rest in: more than any run's misses.
  const spike = check([...new Array(36).fill(120), 300, 300, 300, 300]);
  t.equal(spike.fraction, 0.9);
  t.equal(spike.agrees, false);
  t.same(spike.misses, { above: 4, below: 0, from: 37, to: 40 }, 'the spike is four samples above, at the end');
  // At least AGREEMENT in band agrees whatever the runs do.
  const few = check([...new Array(38).fill(120), 300, 300]);
  t.ok(few.fraction >= AGREEMENT && few.agrees);
});

t.test('a kernel beyond every run of the band: further runs, drawn after them, decide', async (t) => {
  // The band's 400 runs: levels 100..139 (97 and 141 once each), as above.
  const level = (r: number) => (r === 0 ? 97 : r === 1 ? 141 : 100 + (r % 40));
  const mc = modelOf(Array.from({ length: 400 }, (_, r) => new Array(40).fill(level(r))));
  const kernel = Int32Array.from(new Array(40).fill(95));
  const fresh = (levels: number[]) => {
    const values = Object.fromEntries(SERIES.map((s) => [s, new Int32Array(levels.length * 40)])) as MonteCarlo['values'];
    values.templates = Int32Array.from(levels.flatMap((l) => new Array(40).fill(l)));
    return { count: levels.length, values };
  };
  const alone = checkBand('templates', kernel, mc, 0);
  t.equal(alone.agrees, false, 'missing by more than all 400: not yet agreeing');
  t.equal(alone.runs.fresh, undefined);
  // One further run misses by as much (94 < 95): a correct kernel can.
  const settled = checkBand('templates', kernel, mc, 0, fresh([120, 94, 130]));
  t.equal(settled.agrees, true, describeCheck(settled));
  t.same(settled.runs.fresh, { count: 3, wider: 1 });
  t.match(describeCheck(settled), /; 1 of 3 further runs miss by as much\)$/);
  // None does: it disagrees, and says how many were drawn.
  const beyond = checkBand('templates', kernel, mc, 0, fresh([120, 96, 130, 97]));
  t.equal(beyond.agrees, false);
  t.same(beyond.runs.fresh, { count: 4, wider: 0 });
  t.match(describeCheck(beyond), /0 of 4 further runs miss by as much\)$/);
  // A kernel the band's own runs already cover draws nothing further.
  const inside = checkBand('templates', Int32Array.from(new Array(40).fill(120)), mc, 0, fresh([96]));
  t.equal(inside.agrees, true);
  t.equal(inside.runs.fresh, undefined, 'further runs are not even looked at');
});

t.test('band check with the window', async (t) => {
  const tt = Float64Array.of(1, 2, 3, 4);
  const mc = {
    t: tt,
    runs: 1,
    values: {},
    bands: { templates: { p0_5: Float64Array.of(0, 10, 20, 30), p5: tt, p50: tt, p95: tt, p99_5: Float64Array.of(5, 15, 25, 35) } },
  } as unknown as MonteCarlo;
  t.equal(windowSeconds(tt), 1);
  const c = checkBand('templates', Int32Array.of(3, 9, 26, 60), mc, 1);
  t.equal(c.inside, 3, '9 is inside the band of the neighbouring second; 26 too');
  t.same(c.worst, { t: 4, value: 60, lo: 20, hi: 35 });
  t.equal(checkBand('templates', Int32Array.of(3, 9, 26, 60), mc, 0).inside, 1, 'without a window only the first fits');
});
