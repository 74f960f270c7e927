// The options several commands share, each built in one place so that it reads
// and defaults the same everywhere (one warp default among them).
import { Command, InvalidArgumentError, Option } from 'commander';
import { VARIANTS } from '../pipeline/defaults.ts';
import { VerifyError } from '../errors.ts';
import { load } from './load.ts';

export const intArg = (name: string, min = 1) => (v: string) => {
  const n = Number(v);
  if (!Number.isInteger(n) || n < min) throw new InvalidArgumentError(`${name} must be ${min === 0 ? '0 or ' : ''}a positive integer`);
  return n;
};

export const collect = (v: string, prev: string[] = []) => [...prev, v];

/**
 * --accel, and --warp/--no-warp: under TCG, time warp (-icount
 * shift=auto,sleep=off) is on unless --no-warp; KVM runs in real time anyway.
 */
export function withAccel(cmd: Command): Command {
  return cmd
    .addOption(new Option('--accel <accel>', 'accelerator').choices(['auto', 'kvm', 'tcg']).default('auto'))
    .option('--warp', 'under TCG, let idle guest time pass without waiting (-icount)', true)
    .option('--no-warp', 'under TCG, run guest time at wall-clock speed (no -icount)');
}

/** --source and --rev: the kernel source (see src/source/resolve.ts). */
export function withSource(cmd: Command): Command {
  return cmd
    .option('--source <path>', 'kernel source: debian:6.1, debian:6.12 (installed if missing), a tarball, a directory or a git tree (default: debian:6.1)')
    .option('--rev <rev>', 'with a git tree: the revision to build');
}

/** --source/--rev as the source spec the commands take. */
export const sourceOf = (opts: { source?: string; rev?: string }) => ({ ...(opts.source ? { path: opts.source } : {}), ...(opts.rev ? { rev: opts.rev } : {}) });

/** --config: extra kernel config fragments. */
export const withConfig = (cmd: Command): Command => cmd.option('--config <fragment>', 'extra kernel config fragment; repeat for several', collect);

/** --patch and --config: the series and extra kernel config fragments. */
export const withKernelInputs = (cmd: Command): Command =>
  withConfig(cmd.option('--patch <file>', 'a patch of the series (mbox or git format-patch); repeat for several', collect));

/** --seed and --model-runs: the model's Monte Carlo. */
export function withModelRuns(cmd: Command, runs: number, what = 'model: Monte Carlo runs per variant'): Command {
  return cmd.option('--seed <n>', 'model: first seed', intArg('--seed'), 1).option('--model-runs <n>', what, intArg('--model-runs'), runs);
}

/** --variant: one of base and patched. */
export function variantOption(description: string, fallback?: string): Option {
  const o = new Option('--variant <name>', description).choices([...VARIANTS]);
  return fallback === undefined ? o : o.default(fallback);
}

/** --out: where the record(s) go. */
export function withOut(cmd: Command, description: string, required = false): Command {
  return required ? cmd.requiredOption('--out <dir>', description) : cmd.option('--out <dir>', description);
}

/**
 * --kernel-line: one Debian line (6.1, 6.12) as the kernel source, and its name;
 * `runEach` says how to run several ("a shard a line"). Absent: no source given.
 */
export async function kernelLineOf(opt: string | undefined, runEach: string): Promise<{ line?: string; source: { path?: string } }> {
  if (opt === undefined) return { source: {} };
  const { parseLines } = await load.debian();
  const line = parseLines(opt);
  if (line.length !== 1) throw new VerifyError('user', `--kernel-line takes one line; run ${runEach}`);
  return { line: line[0]!, source: { path: `debian:${line[0]}` } };
}
