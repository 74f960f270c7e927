// `exec`: boot a built variant and run one command in it.
import type { Command } from 'commander';
import { load } from '../load.ts';
import { collect, intArg, sourceOf, variantOption, withAccel, withKernelInputs, withSource } from '../options.ts';

export function execCommand(program: Command): void {
  const cmd = program
    .command('exec')
    .description('boot a built variant with the guest tools and run one command in it (ipvs-verify exec -- cmd ...)')
    .argument('<command...>', 'the command and its arguments (put -- before it)')
    .addOption(variantOption('which kernel', 'patched'));
  withKernelInputs(withSource(cmd))
    .option('--file <host:guest>', 'copy a host file into the guest (repeatable)', collect)
    .option('--from-source <path>', "copy a file of the kernel tree (e.g. tools/testing/selftests/netfilter/ipvs.sh) to the guest's /<name> (repeatable)", collect);
  withAccel(cmd)
    .option('--timeout <s>', 'wall seconds before the guest is stopped', intArg('--timeout'), 600)
    .option('--coverage', "a gcov-instrumented kernel: after the command, which of the series' hunks it ran (on stderr)")
    .action(async (argv: string[], opts) => {
      const { execCommand } = await load.exec();
      const code = await execCommand({
        ...(opts.coverage ? { coverage: true } : {}),
        argv,
        variant: opts.variant,
        source: sourceOf(opts),
        patches: opts.patch,
        configFragments: opts.config,
        files: opts.file ?? [],
        fromSource: opts.fromSource ?? [],
        accel: opts.accel,
        warp: opts.warp,
        timeoutSeconds: opts.timeout,
      });
      process.exitCode = code;
    });
}
