// `matrix`: a shard of the scenarios (CI runners).
import type { Command } from 'commander';
import { exitCodeFor } from '../../errors.ts';
import { load } from '../load.ts';
import { kernelLineOf, withAccel, withOut } from '../options.ts';

export function matrixCommand(program: Command): void {
  const cmd = program
    .command('matrix')
    .description('verify every scenario of shard i/n of fixtures/scenarios/ (for CI runners), each into <out>/<scenario>')
    .requiredOption('--shard <i/n>', 'which shard');
  withOut(cmd, 'where the run records go', true);
  withAccel(cmd)
    .option('--kernel-line <line>', 'the Debian kernel line to verify on (6.1, 6.12; default 6.1): an axis of the nightly matrix')
    .option('--coverage', "gcov-instrumented kernels: each record says which of the series' hunks ran (report --merge adds them up)")
    .action(async (opts) => {
      const { runMatrix } = await load.matrix();
      const { source } = await kernelLineOf(opts.kernelLine, 'a shard a line');
      const results = await runMatrix(opts.shard, opts.out, { source, accel: opts.accel, warp: opts.warp, ...(opts.coverage ? { coverage: true } : {}) });
      const { suiteTable } = await load.suiteTable();
      console.log(suiteTable(results));
      for (const r of results) console.log(`${r.claimsHold ? 'PASS' : 'FAIL'} ${r.dir}`);
      process.exitCode = exitCodeFor({ claimsHold: results.every((r) => r.claimsHold) });
    });
}
