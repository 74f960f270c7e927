import t from 'tap';
import { checkBand, windowSeconds } from '../../src/compare/bands.ts';
import type { Band, MonteCarlo } from '../../src/model/monte-carlo.ts';
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
