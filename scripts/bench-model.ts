#!/usr/bin/env -S npx tsx
// Benchmark (a figure, not an assertion): the model's speed on the issue's
// yardstick, 1,000 Monte Carlo runs of a 10,000-SYN, 300 s scenario, per variant.
// The code the CLI runs: the compiled JavaScript when it is as new as the
// sources (bin/ipvs-verify.js decides the same way), else the sources.
import { availableParallelism } from 'node:os';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const newest = (dir: string): number =>
  Math.max(0, ...readdirSync(dir, { withFileTypes: true }).map((e) => (e.isDirectory() ? newest(join(dir, e.name)) : statSync(join(dir, e.name)).mtimeMs)));
const built = join(root, 'dist', '.built');
const compiled = existsSync(built) && statSync(built).mtimeMs >= newest(join(root, 'src'));
const from = (m: string) => (compiled ? `../dist/${m}.js` : `../src/${m}.ts`);
const { monteCarlo } = (await import(from('model/monte-carlo'))) as typeof import('../src/model/monte-carlo.ts');
const { monteCarloParallel } = (await import(from('model/pool'))) as typeof import('../src/model/pool.ts');
const { defaultParams } = (await import(from('model/params'))) as typeof import('../src/model/params.ts');
console.log(`model code: ${compiled ? 'dist/ (compiled, as the CLI runs it)' : 'src/ through tsx (dist/ is missing or older: npm run build)'}`);

const flood = Float64Array.from({ length: 10_000 }, (_, i) => 5 + i / 500);
const arrivals = { flood, clientTimes: new Float64Array(0), clientIds: new Int32Array(0), clientSrc: new Uint32Array(0) };
const sampleTimes = Float64Array.from({ length: 300 }, (_, i) => i + 1);

const cores = availableParallelism();
for (const variant of ['base', 'patched'] as const) {
  const request = { params: defaultParams(variant), arrivals, sampleTimes, seed: 1, runs: 1000 };
  // One short warm-up so the figure is the JIT-compiled code's.
  monteCarlo({ ...request, seed: 0, runs: 20 });
  let t0 = performance.now();
  monteCarlo(request);
  const one = (performance.now() - t0) / 1000;
  t0 = performance.now();
  await monteCarloParallel(request, cores);
  const all = (performance.now() - t0) / 1000;
  // Again, the workers up and compiled: as verify meets them for its second request.
  t0 = performance.now();
  await monteCarloParallel(request, cores);
  const warm = (performance.now() - t0) / 1000;
  console.log(
    `${variant.padEnd(8)} 1000 runs x 10000 SYNs x 300 s: ${one.toFixed(2)} s on one thread, ${all.toFixed(2)} s on ${cores} (${(one / all).toFixed(2)}x, worker start-up included), ${warm.toFixed(2)} s on ${cores} warm (${(one / warm).toFixed(2)}x)`,
  );
}
