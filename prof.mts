import { monteCarlo } from './src/model/monte-carlo.ts';
import { defaultParams } from './src/model/params.ts';
const flood = Float64Array.from({ length: 10_000 }, (_, i) => 5 + i / 500);
const arrivals = { flood, clientTimes: new Float64Array(0), clientIds: new Int32Array(0), clientSrc: new Uint32Array(0) };
const sampleTimes = Float64Array.from({ length: 300 }, (_, i) => i + 1);
for (const v of ['base', 'patched'] as const) {
const request = { params: defaultParams(v), arrivals, sampleTimes, seed: 1, runs: 200 };
monteCarlo({ ...request, runs: 20 });
const t0 = performance.now(); monteCarlo(request); console.log(v, ((performance.now() - t0) / 200).toFixed(2), 'ms/run');
}
