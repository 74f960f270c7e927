import t from 'tap';
import { drawInputs, type Uncertainty } from '../../src/model/uncertainty.ts';
import { monteCarlo } from '../../src/model/monte-carlo.ts';
import { defaultParams, type Arrivals } from '../../src/model/params.ts';

const arrivals: Arrivals = {
  flood: Float64Array.from({ length: 300 }, (_, i) => 2 + i / 100),
  clientTimes: Float64Array.of(1, 1.2, 6),
  clientIds: Int32Array.of(1, 2, 1),
  clientSrc: Uint32Array.of(0x0a010102, 0x0a010202, 0x0a010102),
  // Keys as arrivalsFromRun() makes them: client * 65536 + port.
  clientConn: Int32Array.of(65536 + 40000, 2 * 65536 + 41000, 65536 + 42000),
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
    const keyed = Array.from(d.arrivals.clientIds, (id, i) => [id, d.arrivals.clientConn![i]!]);
    t.same(keyed.slice(0, 2).sort(), [[1, 65536 + 40000], [2, 2 * 65536 + 41000]], 'and its port: the two that may swap keep theirs');
    t.same(keyed[2], [1, 65536 + 42000]);
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
  // The first sample reads within [1, 1.3] s; client 1 connects within [1, 1.5], client 2 within [1.2, 1.3]: it may
  // see 0, 1 or 2 of them. Both before it: integral over s in [1.2, 1.3] of ((s - 1.2)/0.1)((s - 1)/0.5) ds / 0.3
  // = 0.089, so ~18 of 200 runs see 2 and the 99% band is 0..2. (With the seeds unmixed it was 0..1: no run drew that.)
  t.equal(width(withU, 0), 2, "whether the clients' connections are there at the first sample is not known");
  t.equal(withU.bands.templates.p50[99], without.bands.templates.p50[99], 'counts that do not depend on timing are the same');
});

t.test("the flood's lateness drawn by neighbouring runs (seeds s and s + 1) is uncorrelated", async (t) => {
  // Unmixed, run s's first draw was ~s: consecutive runs drew almost the same lateness.
  const late = Array.from({ length: 1000 }, (_, r) => arrivals.flood[0]! - drawInputs(arrivals, sampleTimes, u, 1 + r).arrivals.flood[0]!);
  t.equal(late.length, 1000);
  const m = late.reduce((s, x) => s + x, 0) / late.length;
  let num = 0;
  let den = 0;
  for (let i = 0; i < late.length; i++) {
    den += (late[i]! - m) ** 2;
    if (i > 0) num += (late[i]! - m) * (late[i - 1]! - m);
  }
  // Independent draws: the lag-1 autocorrelation of 1000 is ~N(0, 1/1000), so |r| < 4/sqrt(1000) = 0.126 but with probability ~6e-5.
  t.ok(Math.abs(num / den) < 0.126, `lag-1 autocorrelation ${(num / den).toFixed(4)}`);
  // Uniform on [0, 0.1 s]: mean 0.05 s, its standard error 0.1/sqrt(12 x 1000) = 0.0009 s; within 4 of them.
  t.ok(Math.abs(m - 0.05) < 0.0037, `mean lateness ${m.toFixed(4)} s`);
});
