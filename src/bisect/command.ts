// git bisect support. `bisect-step` judges the kernel tree checked out at HEAD
// (built in place, objects kept across steps) against one expected behaviour and
// exits with git's contract; `bisect-run` checks both ends first, then drives
// `git bisect run` with bisect-step.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { execa } from 'execa';
import { userError, type BisectDecision } from '../errors.ts';
import { resolveSource } from '../source/resolve.ts';
import { readFragments, cachedMergeConfig } from '../kconfig/merge.ts';
import { buildKernel } from '../kbuild/kernel.ts';
import { loadScenario } from '../scenario/load.ts';
import { resolveAccel } from '../qemu/accel.ts';
import { requireTools, VERIFY_TOOLS } from '../host/tools.ts';
import { removeOnExit } from '../host/cleanup.ts';
import { classifyFromVerdicts, classifyInputs, type Classified } from './classify.ts';
import { modelsOnAllCores } from '../compare/judge-all-cores.ts';
import { judge } from '../compare/verdict.ts';
import type { Variant } from '../model/params.ts';
import { DEFAULT_ARCH } from '../qemu/args.ts';
import { runVariant } from '../pipeline/variant.ts';

export interface BisectStepOptions {
  /** The kernel tree (a git work tree); default: the current directory. */
  source: string;
  scenario: string;
  /** The behaviour of a "good" commit. */
  expect: Variant;
  /** Judgements to try while the result is inconclusive (as syzbot repeats flaky reproducers). */
  repeat: number;
  seed: number;
  modelRuns: number;
  configFragments?: string[];
  log?: (s: string) => void;
}

export async function bisectStep(o: BisectStepOptions): Promise<{ decision: BisectDecision; tries: Classified[] }> {
  const log = o.log ?? ((s: string) => process.stderr.write(s + '\n'));
  const scenario = await loadScenario(o.scenario);
  const fragments = await readFragments(undefined, o.configFragments);
  await requireTools(VERIFY_TOOLS);
  const source = await resolveSource({ path: resolve(o.source) });
  const head = await execa('git', ['-C', source.dir, 'rev-parse', '--short', 'HEAD'], { reject: false });
  log(`[bisect] ${head.stdout.trim() || source.dir}: expecting ${o.expect} behaviour`);
  const arch = DEFAULT_ARCH;
  const config = await cachedMergeConfig(source.dir, source.id, arch, fragments);
  const kernel = await buildKernel({ source, variant: 'bisect', arch, files: new Map(), config, inPlace: true, log });
  const { accel } = await resolveAccel('auto', { kernel: kernel.image, arch, log });
  const tries: Classified[] = [];
  for (let i = 0; i < o.repeat; i++) {
    const dir = await mkdtemp(join(tmpdir(), 'ipvs-verify-bisect-'));
    const forget = removeOnExit(dir);
    try {
      const run = await runVariant({ variant: 'bisect', kernel, scenario, dir, arch, accel, warp: accel === 'tcg', log });
      const inputs = classifyInputs(run.results, scenario, o.seed + i * 7919, o.modelRuns, kernel.hz);
      // One run, both models: each judgement's own model is the other's second one.
      const models = await modelsOnAllCores(inputs.base);
      const verdicts = { base: judge(inputs.base, models).verdict, patched: judge(inputs.patched, models).verdict };
      const c = classifyFromVerdicts(verdicts, o.expect);
      tries.push(c);
      log(`[bisect] try ${i + 1}: follows ${c.follows} (${JSON.stringify(c.fractions)}) -> ${c.decision}`);
      if (c.decision !== 'inconclusive') return { decision: c.decision, tries };
    } finally {
      await rm(dir, { recursive: true, force: true });
      forget();
    }
  }
  return { decision: 'inconclusive', tries };
}

export interface BisectRunOptions extends Omit<BisectStepOptions, 'source'> {
  repo: string;
  good: string;
  bad: string;
}

/** Checks both ends, then runs `git bisect run`; returns the first commit that does not behave as expected. */
export async function bisectRun(o: BisectRunOptions): Promise<string> {
  const log = o.log ?? ((s: string) => process.stderr.write(s + '\n'));
  const git = (...args: string[]) => execa('git', ['-C', o.repo, ...args], { reject: false, all: true });
  const status = await git('status', '--porcelain', '--untracked-files=no');
  if (status.exitCode !== 0) throw userError(`${o.repo} is not a git work tree`);
  if (status.stdout.trim() !== '') throw userError(`${o.repo} has local changes; bisect needs a clean tree`);
  const start = (await git('rev-parse', '--abbrev-ref', 'HEAD')).stdout.trim();
  const restore = start === 'HEAD' ? (await git('rev-parse', 'HEAD')).stdout.trim() : start;
  try {
    for (const [rev, want] of [
      [o.good, 'good'],
      [o.bad, 'bad'],
    ] as const) {
      if ((await git('checkout', '-q', '--detach', rev)).exitCode !== 0) throw userError(`no revision ${rev} in ${o.repo}`);
      const { decision } = await bisectStep({ ...o, source: o.repo, log });
      if (decision !== want) {
        throw userError(`the ${want} end (${rev}) is not ${want}: it judged ${decision}; nothing to bisect`);
      }
      log(`[bisect] ${want} end ${rev}: ${decision}, as it should be`);
    }
    await git('bisect', 'reset');
    if ((await git('bisect', 'start', o.bad, o.good)).exitCode !== 0) throw userError('git bisect start failed');
    const step = [
      process.execPath,
      resolve(import.meta.dirname, '../../bin/ipvs-verify.js'),
      'bisect-step',
      '--expect', o.expect,
      '--scenario', resolve(o.scenario),
      '--repeat', String(o.repeat),
      '--seed', String(o.seed),
      '--model-runs', String(o.modelRuns),
      ...(o.configFragments ?? []).flatMap((f) => ['--config', resolve(f)]),
    ];
    const r = await execa('git', ['-C', o.repo, 'bisect', 'run', ...step], { reject: false, all: true, stdout: 'pipe', stderr: 'pipe' });
    log(r.all ?? '');
    const found = /^([0-9a-f]{7,40}) is the first bad commit/m.exec(r.stdout ?? r.all ?? '');
    if (!found) throw userError(`git bisect did not find a first bad commit:\n${(r.all ?? '').slice(-2000)}`);
    return found[1]!;
  } finally {
    await git('bisect', 'reset');
    await git('checkout', '-q', restore);
  }
}
