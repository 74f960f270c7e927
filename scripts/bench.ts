#!/usr/bin/env -S npx tsx
// Benchmark (figures, not assertions), all measured in one run on this machine:
// cold build time with empty caches, the second variant's build as a share of
// the first, boot-to-agent time, and guest-seconds per wall-second of the smoke
// scenario with and without time warp, the default scenario warm with the
// guests side by side and one at a time (and where each guest's time went), the
// large flood warm, a second tree of the same source (ccache's hits) and a
// bisect step in it, the compiled sampler against the awk one on the same
// table, the model alone, the CLI's start, and the suite's end-to-end part.
import { $, fs, path, os } from 'zx';

const root = path.resolve(import.meta.dirname, '..');
const scratch = await fs.mkdtemp(path.join(os.tmpdir(), 'ipvs-verify-bench-'));
const env = { ...process.env, IPVS_VERIFY_CACHE: path.join(scratch, 'cache'), CCACHE_DIR: path.join(scratch, 'ccache') };
$.cwd = root;
$.verbose = false;
// The CLI and the model as the install step leaves them (compiled to dist/).
await $`npm run --silent build`;

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
/** The build seconds a command's log reports ("[build X] done in N s"), 0 when it built nothing. */
const builtSeconds = (log: string) => [...log.matchAll(/\[build [^\]]+\] done in (\d+) s/g)].reduce((a, m) => a + Number(m[1]), 0);

/**
 * A bisect step as `git bisect run` meets it: a git tree made from the same
 * source (its first build is a second tree of that source: ccache's hits), one
 * commit that touches IPVS, and `bisect-step` on it (an incremental build in
 * place, the smoke scenario, both models).
 */
async function bisectStep(): Promise<{ secondTree: number; step: number; stepBuild: number; decision: string }> {
  const [src] = await fs.readdir(path.join(scratch, 'cache', 'src'));
  const tree = path.join(scratch, 'linux');
  await $`cp -a ${path.join(scratch, 'cache', 'src', src!)} ${tree}`;
  const git = $({ cwd: tree, env: { ...process.env, GIT_AUTHOR_NAME: 'bench', GIT_AUTHOR_EMAIL: 'bench@ipvs-verify.invalid', GIT_COMMITTER_NAME: 'bench', GIT_COMMITTER_EMAIL: 'bench@ipvs-verify.invalid' } });
  await git`git init -q`;
  await git`git add -A -f`; // -f: Debian's top-level .gitignore ignores everything
  await git`git commit -qm source`;
  const step = () => $({ env, nothrow: true })`node bin/ipvs-verify.js bisect-step --source ${tree} --expect patched --repeat 1`;
  const first = await step();
  const ctl = path.join(tree, 'net/netfilter/ipvs/ip_vs_ctl.c');
  await fs.appendFile(ctl, '/* a bisect step */\n');
  await git`git commit -qam step`;
  let second = '';
  const seconds = await wall(async () => {
    const r = await step();
    second = r.stdout + r.stderr;
  });
  return { secondTree: builtSeconds(first.stderr), step: seconds, stepBuild: builtSeconds(second), decision: /bisect-step: (\w+)/.exec(second)?.[1] ?? '?' };
}

/** Seconds a sample of each sampler takes on the host, on one table of `lines` connection entries. */
async function samplers(lines: number, rounds: number): Promise<{ c: number; awk: number }> {
  const dir = path.join(scratch, 'sampler');
  await fs.mkdirp(dir);
  const header = 'Pro FromIP   FPrt ToIP     TPrt DestIP   DPrt State       Expires PEName PEData';
  const rows = Array.from({ length: lines }, (_, i) => {
    const ip = (0x6d000000 + i).toString(16).toUpperCase();
    return i % 2 ? `TCP ${ip} 0000 0A000064 0050 0A020202 0050 NONE            299` : `TCP ${ip} 0818 0A000064 0050 0A020202 0050 SYN_RECV         59`;
  });
  const stats = ['   Total Incoming Outgoing         Incoming         Outgoing', '   Conns  Packets  Packets            Bytes            Bytes', '     4BA     1F2C        0            5A2D8                0'];
  const files = { ip_vs_conn: [header, ...rows].join('\n') + '\n', meminfo: 'MemTotal:         479708 kB\nMemFree:          401236 kB\n', ip_vs_stats: stats.join('\n') + '\n' };
  for (const [f, text] of Object.entries(files)) await fs.writeFile(path.join(dir, f), text);
  const args = Object.keys(files).map((f) => path.join(dir, f));
  const { buildSampler } = await import('../src/guest/sampler.ts');
  const bin = await buildSampler();
  // The rounds in one shell: a process started from Node costs more than the sample itself.
  const quote = (a: string) => `'${a.replaceAll("'", "'\\''")}'`;
  const time = async (cmd: string[]) => (await wall(() => $`bash -c ${`for i in $(seq ${rounds}); do ${cmd.map(quote).join(' ')} >/dev/null; done`}`)) / rounds;
  return { c: await time([bin, '1.00', ...args]), awk: await time(['busybox', 'awk', '-v', 't=1.00', '-f', path.join(root, 'vm/sample.awk'), ...args]) };
}

/** The suite's end-to-end part with the kernels cached (the user's own cache: the suite's kernels are many). */
async function e2e(): Promise<{ seconds: number; built: number }> {
  let out = '';
  const run = async () => {
    const r = await $({ nothrow: true })`npx tap test/e2e`;
    out = r.stdout + r.stderr;
  };
  let seconds = await wall(run);
  // Kernels built on the way (a first run after a config change): once more, warm.
  if (/\[build [^\]]+\] done in/.test(out)) seconds = await wall(run);
  return { seconds, built: builtSeconds(out) };
}

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
  const seqMeta = await fs.readJson(path.join(defaultOut('default-seq'), 'metadata.json'));
  console.error('bench: warm verify of the large flood (8,000 SYNs, 250 guest-s)');
  const large = await wall(() => $({ env, stdio: ['ignore', 'inherit', 'inherit'] })`node bin/ipvs-verify.js verify --scenario fixtures/scenarios/large-flood.yaml --out ${defaultOut('large')}`);
  console.error('bench: a second tree of the same source, then a bisect step in it');
  const bisect = await bisectStep();
  console.error('bench: the compiled sampler against the awk one, 8,000 entries');
  const sampler = await samplers(8000, 20);
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
    ['boot to agent, smoke, two guests side by side, base (s wall)', b.bootToAgentSeconds.toFixed(2), 'goal <= 1.0 under TCG'],
    ['boot to agent, smoke, two guests side by side, patched (s wall)', p.bootToAgentSeconds.toFixed(2), 'goal <= 1.0 under TCG'],
    ['boot to agent, one guest at a time, base / patched (s wall)', `${seqMeta.variants.base.bootToAgentSeconds.toFixed(2)} / ${seqMeta.variants.patched.bootToAgentSeconds.toFixed(2)}`, 'goal <= 1.0 under TCG'],
    // What time warp (-icount) costs a boot: the same kernel and initramfs without it.
    ['boot to agent, patched, no time warp (s wall)', real.variants.patched.bootToAgentSeconds.toFixed(2), ''],
    ['guest-s per wall-s, time warp (patched)', rate(p).toFixed(2), ''],
    ['guest-s per wall-s, real time (patched)', rate(real.variants.patched).toFixed(2), ''],
    ['warm verify, default scenario (s wall)', side.toFixed(1), 'goal <= 60'],
    ['  the same, one guest at a time (s wall)', seq.toFixed(1), ''],
    ['  side by side / one at a time', (side / seq).toFixed(2), ''],
    ['warm verify, large flood (s wall)', large.toFixed(1), 'goal <= 90'],
    ['second tree of the same source, build (s)', String(bisect.secondTree), 'goal <= 60'],
    ['bisect step: build + smoke + judge (s wall)', bisect.step.toFixed(1), `goal <= 30 (build ${bisect.stepBuild} s; judged ${bisect.decision})`],
    ['sample of 8,000 entries, sampler (ms, host)', (1000 * sampler.c).toFixed(1), ''],
    ['sample of 8,000 entries, busybox awk (ms, host)', (1000 * sampler.awk).toFixed(1), `awk / sampler ${(sampler.awk / sampler.c).toFixed(1)}x`],
    ['--help (s wall)', help.toFixed(2), 'goal <= 0.3'],
    ['check-scenario (s wall)', check.toFixed(2), 'goal <= 0.3'],
    ['accelerator', String(warm.accel), ''],
  ];
  const guests = Math.max(...(['base', 'patched'] as const).map((v) => dm.variants[v].phases?.totalWall ?? 0));
  figures.push(['default: the longer guest / the whole verify (s wall)', `${guests} / ${side.toFixed(1)}`, 'the rest: start, builds looked up, model, reports']);
  for (const v of ['base', 'patched'] as const) {
    const ph = dm.variants[v].phases;
    if (!ph) continue;
    figures.push([`default ${v}: boot / setup / scenario / end (s wall)`, [ph.bootWall, ph.setupWall, ph.scenarioWall, ph.endWall].join(' / '), `${ph.totalWall} s in all`]);
    figures.push([`default ${v}: flood (s wall for s guest)`, `${ph.floodWall} for ${ph.floodGuest}`, '']);
    figures.push([`default ${v}: sampling (guest s in ${ph.samples} samples)`, String(ph.samplingGuest), `warp ${ph.warp} guest-s/wall-s`]);
  }
  console.error('bench: the suite\'s end-to-end part (npx tap test/e2e), kernels cached');
  const suite = await e2e();
  figures.push(['suite, end-to-end part (s wall)', suite.seconds.toFixed(0), `goal <= 240${suite.built ? ` (a first pass built kernels for ${suite.built} s)` : ''}`]);
  for (const [k, v, goal] of figures) console.log(`${k.padEnd(64)} ${v.padEnd(14)} ${goal}`);
  for (const line of model) console.log(`model: ${line}   (goal <= 2 s a variant)`);
} finally {
  await fs.remove(scratch);
}
