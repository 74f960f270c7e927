// `bisect-step` (for `git bisect run`) and `bisect-run`.
import { Command, Option } from 'commander';
import { bisectExitCode } from '../../errors.ts';
import { SMOKE_SCENARIO, VARIANTS, type VariantName as Variant } from '../../pipeline/defaults.ts';
import { load } from '../load.ts';
import { intArg, withConfig, withModelRuns } from '../options.ts';

/** The options bisect-step and bisect-run share, and what they become. */
function withBisectOptions(cmd: Command): Command {
  cmd
    .addOption(
      new Option('--expect <variant>', 'the behaviour of a good commit: base (templates kept) or patched (templates dropped)')
        .choices([...VARIANTS])
        .makeOptionMandatory(),
    )
    .option('--scenario <file>', 'scenario YAML', SMOKE_SCENARIO)
    .option('--repeat <n>', 'judgements to try while inconclusive', intArg('--repeat'), 2);
  return withConfig(withModelRuns(cmd, 500, 'model: Monte Carlo runs'));
}
const bisectArgs = (opts: { expect: Variant; scenario: string; repeat: number; seed: number; modelRuns: number; config?: string[] }) => ({
  expect: opts.expect,
  scenario: opts.scenario,
  repeat: opts.repeat,
  seed: opts.seed,
  modelRuns: opts.modelRuns,
  configFragments: opts.config,
});

export function bisectStepCommand(program: Command): void {
  withBisectOptions(
    program
      .command('bisect-step')
      .description('judge the kernel tree at HEAD for `git bisect run`: 0 good, 1 bad, 125 skip, 128 abort')
      .option('--source <dir>', 'the kernel git tree', '.'),
  ).action(async (opts) => {
    const { bisectStep } = await load.bisect();
    const { decision } = await bisectStep({ source: opts.source, ...bisectArgs(opts) });
    console.log(`bisect-step: ${decision}`);
    process.exitCode = bisectExitCode(decision);
  });
}

export function bisectRunCommand(program: Command): void {
  withBisectOptions(
    program
      .command('bisect-run')
      .description('check that good is good and bad is bad, then git bisect run with bisect-step')
      .requiredOption('--good <rev>', 'a commit with the expected behaviour')
      .requiredOption('--bad <rev>', 'a commit without it')
      .option('--repo <dir>', 'the kernel git tree', '.'),
  ).action(async (opts) => {
    const { bisectRun } = await load.bisect();
    const first = await bisectRun({ repo: opts.repo, good: opts.good, bad: opts.bad, ...bisectArgs(opts) });
    console.log(`first commit that does not behave as ${opts.expect}: ${first}`);
  });
}
