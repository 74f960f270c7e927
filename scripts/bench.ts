#!/usr/bin/env -S npx tsx
// Benchmark (figures, not assertions), all measured in one run on this machine:
// cold build time with empty caches, the second variant's build as a share of
// the first, boot-to-agent time, and guest-seconds per wall-second of the smoke
// scenario with and without time warp, the default scenario warm with the
// guests side by side and one at a time (and where each guest's time went), the
// large flood warm, the model alone, and the CLI's start.
import { $, fs, path, os } from 'zx';

const root = path.resolve(import.meta.dirname, '..');
const scratch = await fs.mkdtemp(path.join(os.tmpdir(), 'ipvs-verify-bench-'));
const env = { ...process.env, IPVS_VERIFY_CACHE: path.join(scratch, 'cache'), CCACHE_DIR: path.join(scratch, 'ccache') };
$.cwd = root;
$.verbose = false;

const verify = async (out: string, ...extra: string[]) => {
  await $({ env, stdio: ['ignore', 'inherit', 'inherit'] })`node bin/ipvs-verify.js verify --scenario fixtures/scenarios/smoke.yaml --out ${out} ${extra}`;
  return fs.readJson(path.join(out, 'metadata.json'));
};
const rate = (v: { summary: { guestSeconds: number }; wallSeconds: number; bootToAgentSeconds: number }) =>
  v.summary.guestSeconds / (v.wallSeconds - v.bootToAgentSeconds);
const wall = async (f: () => Promise<unknown>) => {
  const t0 = Date.now();
  await f();
  return (Date.now() - t0) / 1000;
};

try {
  console.error('bench: cold build of both variants (empty kernel cache, empty ccache), then the smoke scenario with time warp');
  const warm = await verify(path.join(scratch, 'run-warp'));
  console.error('bench: the smoke scenario again without time warp (kernels now cached)');
  const real = await verify(path.join(scratch, 'run-real'), '--no-warp', '--variant', 'patched');
  console.error('bench: warm verify of the default scenario, guests side by side, then one after the other');
  const defaultOut = (name: string) => path.join(scratch, name);
  const side = await wall(() => $({ env, stdio: ['ignore', 'inherit', 'inherit'] })`node bin/ipvs-verify.js verify --out ${defaultOut('default-side')}`);
  const seq = await wall(() => $({ env, stdio: ['ignore', 'inherit', 'inherit'] })`node bin/ipvs-verify.js verify --guests 1 --out ${defaultOut('default-seq')}`);
  const dm = await fs.readJson(path.join(defaultOut('default-side'), 'metadata.json'));
  console.error('bench: warm verify of the large flood (8,000 SYNs, 250 guest-s)');
  const large = await wall(() => $({ env, stdio: ['ignore', 'inherit', 'inherit'] })`node bin/ipvs-verify.js verify --scenario fixtures/scenarios/large-flood.yaml --out ${defaultOut('large')}`);
  console.error('bench: the model alone (npm run bench:model)');
  const model = (await $`npx tsx scripts/bench-model.ts`).stdout.trim().split('\n');
  const help = await wall(() => $`node bin/ipvs-verify.js --help`);
  const check = await wall(() => $`node bin/ipvs-verify.js check-scenario fixtures/scenarios/smoke.yaml`);
  const b = warm.variants.base;
  const p = warm.variants.patched;
  const figures: [string, string, string][] = [
    ['cold build, base (s)', b.kernel.buildSeconds.toFixed(0), ''],
    ['incremental build, patched (s)', p.kernel.buildSeconds.toFixed(1), ''],
    ['patched build / base build (%)', ((100 * p.kernel.buildSeconds) / b.kernel.buildSeconds).toFixed(1), 'goal <= 3'],
    ['boot to agent, base (s wall)', b.bootToAgentSeconds.toFixed(2), 'goal <= 1.0 under TCG'],
    ['boot to agent, patched (s wall)', p.bootToAgentSeconds.toFixed(2), 'goal <= 1.0 under TCG'],
    // What time warp (-icount) costs a boot: the same kernel and initramfs without it.
    ['boot to agent, patched, no time warp (s wall)', real.variants.patched.bootToAgentSeconds.toFixed(2), ''],
    ['guest-s per wall-s, time warp (patched)', rate(p).toFixed(2), ''],
    ['guest-s per wall-s, real time (patched)', rate(real.variants.patched).toFixed(2), ''],
    ['warm verify, default scenario (s wall)', side.toFixed(1), 'goal <= 60'],
    ['  the same, one guest at a time (s wall)', seq.toFixed(1), ''],
    ['  side by side / one at a time', (side / seq).toFixed(2), ''],
    ['warm verify, large flood (s wall)', large.toFixed(1), 'goal <= 90'],
    ['--help (s wall)', help.toFixed(2), 'goal <= 0.3'],
    ['check-scenario (s wall)', check.toFixed(2), 'goal <= 0.3'],
    ['accelerator', String(warm.accel), ''],
  ];
  for (const v of ['base', 'patched'] as const) {
    const ph = dm.variants[v].phases;
    if (!ph) continue;
    figures.push([`default ${v}: boot / setup / scenario / end (s wall)`, [ph.bootWall, ph.setupWall, ph.scenarioWall, ph.endWall].join(' / '), `${ph.totalWall} s in all`]);
    figures.push([`default ${v}: flood (s wall for s guest)`, `${ph.floodWall} for ${ph.floodGuest}`, '']);
    figures.push([`default ${v}: sampling (guest s in ${ph.samples} samples)`, String(ph.samplingGuest), `warp ${ph.warp} guest-s/wall-s`]);
  }
  for (const [k, v, goal] of figures) console.log(`${k.padEnd(52)} ${v.padEnd(14)} ${goal}`);
  for (const line of model) console.log(`model: ${line}   (goal <= 2 s a variant)`);
} finally {
  await fs.remove(scratch);
}
