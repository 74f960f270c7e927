import t from 'tap';
import { drawInputs, type Uncertainty } from '../../src/model/uncertainty.ts';
import { monteCarlo } from '../../src/model/monte-carlo.ts';
import { defaultParams, type Arrivals } from '../../src/model/params.ts';

const arrivals: Arrivals = {
  flood: Float64Array.from({ length: 300 }, (_, i) => 2 + i / 100),
  clientTimes: Float64Array.of(1, 1.2, 6),
  clientIds: Int32Array.of(1, 2, 1),
  clientSrc: Uint32Array.of(0x0a010102, 0x0a010202, 0x0a010102),
};
const sampleTimes = Float64Array.from({ length: 100 }, (_, i) => i + 1);
const u: Uncertainty = {
  clientUntil: Float64Array.of(1.5, 1.3, 6.4),
  sampleUntil: Float64Array.from(sampleTimes, (x) => x + 0.3),
  floodLate: 0.1,
  phaseUnknown: true,
};

t.test('each draw stays within the bounds the record gives, in order, the same for the same seed', async (t) => {
  for (let seed = 1; seed <= 50; seed++) {
    const d = drawInputs(arrivals, sampleTimes, u, seed);
    // (The checks below hold of empty arrays too: the lengths first.)
    t.same([d.arrivals.flood.length, d.sampleTimes.length, d.arrivals.clientTimes.length], [300, 100, 3], 'every arrival and sample drawn');
    t.ok(d.arrivals.flood.every((x, i) => x <= arrivals.flood[i]! && x >= arrivals.flood[i]! - 0.1), 'flood: up to 0.1 s earlier');
    t.ok(d.sampleTimes.every((x, i) => x >= sampleTimes[i]! && x <= sampleTimes[i]! + 0.3));
    t.ok(d.arrivals.clientTimes.every((x, i) => i === 0 || x >= d.arrivals.clientTimes[i - 1]!), 'clients sorted');
    const byId = new Map<number, number>();
    d.arrivals.clientIds.forEach((id, i) => byId.set(id, d.arrivals.clientSrc[i]!));
    t.same([...byId.entries()].sort(), [[1, 0x0a010102], [2, 0x0a010202]], 'each connection keeps its source');
    t.ok(d.jiffiesAtZero! >= 0 && d.jiffiesAtZero! < 2 ** 24 && Number.isInteger(d.jiffiesAtZero));
  }
  t.same(drawInputs(arrivals, sampleTimes, u, 7), drawInputs(arrivals, sampleTimes, u, 7));
});

t.test('a scenario with nothing random (drop_entry 0) gets a band, not a line, where timing matters', async (t) => {
  const params = { ...defaultParams('base'), dropEntry: 0 as const };
  const without = monteCarlo({ params, arrivals, sampleTimes, seed: 1, runs: 200 });
  const withU = monteCarlo({ params, arrivals, sampleTimes, seed: 1, runs: 200, uncertainty: u });
  const width = (mc: typeof without, i: number) => mc.bands.conns.p99_5[i]! - mc.bands.conns.p0_5[i]!;
  // The flood's SYN_RECV entries expire 60 s after they came, on the wheel's 2.048 s grid.
  const widest = (mc: typeof without) => Math.max(...Array.from({ length: 100 }, (_, i) => width(mc, i)));
  t.equal(widest(without), 0, 'without uncertainty every run agrees');
  t.ok(widest(withU) >= 3, `with it the band is up to ${widest(withU)} entries wide`);
  t.equal(width(withU, 0), 1, "whether the first client's template is there at the first sample is not known");
  t.equal(withU.bands.templates.p50[99], without.bands.templates.p50[99], 'counts that do not depend on timing are the same');
});
