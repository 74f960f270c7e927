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

t.test('model: SYN_RECV survival over its 60 s with 4096 buckets is 15% +- 1%', async (t) => {
  // 20000 SYNs in one second; survivors are those still in SYN_RECV just
  // before the 60 s timeout fires (at 61.44 s for arrivals at 1 s, see the wheel).
  const n = 20000;
  const flood = Float64Array.from({ length: n }, (_, i) => 1 + i / n);
  const arrivals = { flood, clientTimes: new Float64Array(0), clientIds: new Int32Array(0), clientSrc: new Uint32Array(0) };
  for (const variant of ['base', 'patched'] as const) {
    const o = simulate({ params: defaultParams(variant), arrivals, sampleTimes: Float64Array.of(61.4), seed: 7 });
    const survival = o.series.synRecv[0]! / n;
    t.ok(Math.abs(survival - 0.15) <= 0.01, `${variant}: ${(100 * survival).toFixed(2)}%`);
  }
});
