// The patch mail's figure from first principles: "Roughly 15% ((31/32)^60) of
// SYN_RECV connections survive the dropping mechanism".
import t from 'tap';
import { simulate } from '../../src/model/sim.ts';
import { defaultParams } from '../../src/model/params.ts';
import { scanSurvival } from '../../src/claims/c2-templates-dropped.ts';

t.test('analytic: one scan examines an entry with probability 1 - (1 - 1/4096)^128', async (t) => {
  const perScan = 1 - scanSurvival(12, 1);
  t.ok(Math.abs(perScan - 0.0308) < 0.0005, `${perScan}`);
  t.ok(Math.abs(scanSurvival(12, 60) - (31 / 32) ** 60) < 0.005, 'the mail approximates it by (31/32)^60');
  t.ok(Math.abs(scanSurvival(12, 60) - 0.153) < 0.002);
});

t.test("model: SYN_RECV survival over its 60 s with 4096 buckets is the mail's 15%, less the scans a 1.024 s work period skips", async (t) => {
  // 20000 SYNs in one second; survivors are those still in SYN_RECV just
  // before the 60 s timeout fires (at 61.44 s for arrivals at 1 s, see the wheel).
  // The defense work re-queues itself 250 jiffies ahead, which the wheel's level 1
  // rounds up to its 8-jiffy grid: it runs every 256 jiffies (1.024 s), so an entry
  // that came at 1..2 s meets (61.4 - 1.5) / 1.024 = 58.5 scans on average, not 60:
  // scanSurvival(12, 58.5) = 16.1%. One run's share varies by ~0.5 points (a
  // bucket's entries go together: sqrt(0.16 x 0.84 / 4096)), so the mean of 10
  // seeds (sd ~0.15) is held to 0.5 points of it, and to 1.5 of the mail's 15%.
  const n = 20000;
  const flood = Float64Array.from({ length: n }, (_, i) => 1 + i / n);
  const arrivals = { flood, clientTimes: new Float64Array(0), clientIds: new Int32Array(0), clientSrc: new Uint32Array(0) };
  const expected = scanSurvival(12, (61.4 - 1.5) / 1.024);
  t.ok(Math.abs(expected - 0.161) < 0.001, `analytic: ${(100 * expected).toFixed(2)}%`);
  for (const variant of ['base', 'patched'] as const) {
    const shares = Array.from({ length: 10 }, (_, k) => simulate({ params: defaultParams(variant), arrivals, sampleTimes: Float64Array.of(61.4), seed: 1 + k }).series.synRecv[0]! / n);
    t.equal(shares.length, 10);
    const mean = shares.reduce((a, b) => a + b, 0) / shares.length;
    t.ok(Math.abs(mean - expected) <= 0.005, `${variant}: ${(100 * mean).toFixed(2)}% (runs ${shares.map((x) => (100 * x).toFixed(1)).join(' ')})`);
    t.ok(Math.abs(mean - 0.15) <= 0.015, `${variant}: roughly the mail's 15%`);
  }
});
