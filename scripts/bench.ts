#!/usr/bin/env -S npx tsx
// Benchmark (figures, not assertions), all measured in one run on this machine:
// cold build time with empty caches, the second variant's build as a share of
// the first, boot-to-agent time, and guest-seconds per wall-second of the smoke
// scenario with and without time warp.
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

try {
  console.error('bench: cold build of both variants (empty kernel cache, empty ccache), then the smoke scenario with time warp');
  const warm = await verify(path.join(scratch, 'run-warp'));
  console.error('bench: the smoke scenario again without time warp (kernels now cached)');
  const real = await verify(path.join(scratch, 'run-real'), '--no-warp', '--variant', 'patched');
  const b = warm.variants.base;
  const p = warm.variants.patched;
  const figures = {
    'cold build, base (s)': b.kernel.buildSeconds.toFixed(0),
    'incremental build, patched (s)': p.kernel.buildSeconds.toFixed(1),
    'patched build / base build (%)': ((100 * p.kernel.buildSeconds) / b.kernel.buildSeconds).toFixed(1),
    'boot to agent, base (s wall)': b.bootToAgentSeconds.toFixed(1),
    'boot to agent, patched (s wall)': p.bootToAgentSeconds.toFixed(1),
    'guest-s per wall-s, time warp (patched)': rate(p).toFixed(2),
    'guest-s per wall-s, real time (patched)': rate(real.variants.patched).toFixed(2),
    accelerator: warm.accel,
  };
  for (const [k, v] of Object.entries(figures)) console.log(`${k.padEnd(42)} ${v}`);
} finally {
  await fs.remove(scratch);
}
