import t from 'tap';
import { Todrop, dropEntryOn, scanClock } from '../../src/model/defense.ts';
import { simulate } from '../../src/model/sim.ts';
import { defaultParams } from '../../src/model/params.ts';

t.test('todrop_entry(): one in in_pkts of the candidates, counters shared, nothing outside 1..8', async (t) => {
  const d = new Todrop();
  const picks = (inPkts: number, n: number) => Array.from({ length: n }, () => d.pick(inPkts));
  // The kernel's static counters start at 0: the first candidate of each class is dropped.
  t.same(picks(1, 3), [true, true, true], 'in_pkts 1: every one');
  t.same(picks(3, 7), [true, false, false, true, false, false, true], 'in_pkts 3: one in three');
  t.same(picks(8, 9), [true, false, false, false, false, false, false, false, true]);
  t.same(picks(0, 3), [false, false, false], 'in_pkts 0: todrop_rate[0] is 0, never');
  t.same(picks(9, 3), [false, false, false], 'in_pkts above 8: never');
  t.same(picks(-1, 2), [false, false]);
});

t.test('scanClock: traced runs are the scans, in order, none before model time 0', async (t) => {
  const fail = () => {
    throw new Error('a traced clock draws nothing');
  };
  const c = scanClock({ hz: 250, traced: Int32Array.of(-40, 100, 356, 612), next32: fail, rand: fail, wheelFire: fail });
  t.equal(c.first, 100);
  t.equal(c.after(100), 356);
  t.equal(c.after(356), 612);
  t.equal(c.after(612), Infinity, 'after the last traced run, none');
});

t.test('scanClock untraced: a drawn phase, then a rounded 1 s timer plus the sampler-measured lateness', async (t) => {
  const draws: number[] = [];
  const c = scanClock({
    hz: 250,
    latency: { t: Float64Array.of(0, 10), late: Float64Array.of(0, 0.1) },
    next32: () => 0,
    rand: (n) => (draws.push(n), 17),
    wheelFire: (expires) => Math.ceil(expires / 8) * 8,
  });
  t.same(draws, [250], 'the phase, within one period');
  t.equal(c.first, 17);
  t.equal(c.after(17), 272, '17 + 250 = 267, on the level-1 grid 272, not late');
  t.equal(c.after(2600), 2856 + 25, 'from 10 s the sampler woke 0.1 s late: 25 jiffies');
});

t.test('simulate with traced scans: a flood loses entries at those jiffies and only there', async (t) => {
  const HZ = 250;
  const n = 2000;
  const flood = Float64Array.from({ length: n }, (_, i) => 1 + i / n);
  const arrivals = { flood, clientTimes: new Float64Array(0), clientIds: new Int32Array(0), clientSrc: new Uint32Array(0) };
  const sampleTimes = Float64Array.from({ length: 40 }, (_, i) => i + 0.5);
  const params = { ...defaultParams('patched'), tabBits: 12 };
  // Ten scans, at 5.1, 6.1, ... 14.1 s; none before or after.
  const scanTimes = Float64Array.from({ length: 10 }, (_, i) => 5.1 + i);
  const o = simulate({ params, arrivals, sampleTimes, seed: 3, scanTimes });
  const at = (s: number) => o.series.synRecv[Math.round(s - 0.5)]!;
  t.equal(at(4.5), n, 'no scan before the first traced run');
  for (let s = 5.5; s < 15; s++) t.ok(at(s) < at(s - 1), `${s} s: the scan at ${s - 0.4} s dropped some`);
  t.equal(at(39.5), at(14.5), 'none after the last');
  // Each scan visits 4096 >> 5 = 128 random buckets: an entry survives one with
  // probability (1 - 1/4096)^128 = 0.96923; ten of them, 0.72979.
  const expected = n * (1 - 1 / 4096) ** 1280;
  const sd = Math.sqrt(expected * (1 - expected / n));
  t.ok(Math.abs(at(14.5) - expected) < 4 * sd, `${at(14.5)} left of ${n}, expected ${expected.toFixed(0)} +- ${sd.toFixed(0)}`);
  // Without traced runs, the untraced clock scans every second from its phase on.
  const u = simulate({ params, arrivals, sampleTimes, seed: 3 });
  t.ok(u.series.synRecv[39]! < o.series.synRecv[39]!, 'the untraced clock scans on');
});

t.test("dropEntryOn: update_defense_level()'s drop_entry modes", async (t) => {
  // By hand from ip_vs_ctl.c: 0 sets dropentry 0; 1 sets it 1 (and the sysctl to 2) only when
  // nomem; 2 keeps it 1 only while nomem (else back to 1, off); 3 sets it 1 always.
  const cases: [0 | 1 | 2 | 3, boolean, boolean][] = [
    [0, false, false], [0, true, false],
    [1, false, false], [1, true, true],
    [2, false, false], [2, true, true],
    [3, false, true], [3, true, true],
  ];
  t.equal(cases.length, 8);
  for (const [dropEntry, memoryLow, on] of cases) t.equal(dropEntryOn({ dropEntry, memoryLow }), on, `drop_entry ${dropEntry}, memory ${memoryLow ? 'low' : 'to spare'}`);
});
