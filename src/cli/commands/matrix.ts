// `matrix`: a shard of the scenarios (CI runners).
import type { Command } from 'commander';
import { VerifyError, exitCodeFor } from '../../errors.ts';
import { load } from '../load.ts';
import { withAccel, withOut } from '../options.ts';

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
      const { parseLines } = await load.debian();
      const line = opts.kernelLine === undefined ? undefined : parseLines(opts.kernelLine);
      if (line && line.length !== 1) throw new VerifyError('user', '--kernel-line takes one line; run a shard a line');
      const results = await runMatrix(opts.shard, opts.out, { source: line ? { path: `debian:${line[0]}` } : {}, accel: opts.accel, warp: opts.warp, ...(opts.coverage ? { coverage: true } : {}) });
      const { suiteTable } = await load.suiteTable();
      console.log(suiteTable(results));
      for (const r of results) console.log(`${r.claimsHold ? 'PASS' : 'FAIL'} ${r.dir}`);
      process.exitCode = exitCodeFor({ claimsHold: results.every((r) => r.claimsHold) });
    });
}
