// The commands that read run records and boot nothing: judge, report, coverage.
import type { Command } from 'commander';
import { VerifyError, exitCodeFor } from '../../errors.ts';
import { load } from '../load.ts';
import { withModelRuns } from '../options.ts';

export function judgeCommand(program: Command): void {
  const cmd = program.command('judge').description('judge a run record again (model vs measured, claims) without booting anything').argument('<run-dir>');
  withModelRuns(cmd, 1000).action(async (dir: string, opts) => {
    const { judgeRecord } = await load.judgeRecord();
    const { verdictText } = await load.claimsTable();
    const { verdict } = await judgeRecord(dir, { seed: opts.seed, mcRuns: opts.modelRuns });
    console.log(verdictText(verdict));
    process.exitCode = exitCodeFor({ claimsHold: verdict.claimsHold });
  });
}

export function reportCommand(program: Command): void {
  program
    .command('report')
    .description('rebuild result.json, TAP, JUnit, the HTML report and headline.json of a run record, without booting anything')
    .argument('<run-dir...>', 'a run record (or, with --merge, several, or directories of them)')
    .option('--merge <out>', 'merge the run records into one summary (index.html, result.tap, result.junit.xml) in <out>')
    .action(async (dirs: string[], opts) => {
      const { mergeRecords, reportRecord } = await load.report();
      if (opts.merge) {
        const { files, claimsHold, coverage } = await mergeRecords(dirs, opts.merge);
        for (const f of files) console.log(f);
        if (coverage) console.log(coverage);
        process.exitCode = exitCodeFor({ claimsHold });
        return;
      }
      if (dirs.length !== 1) throw new VerifyError('user', 'report takes one run record (or --merge for several)');
      const { files, judged } = await reportRecord(dirs[0]!);
      for (const f of files) console.log(f);
      process.exitCode = exitCodeFor({ claimsHold: judged.verdict.claimsHold });
    });
}

export function coverageCommand(program: Command): void {
  program
    .command('coverage')
    .description("print which of the series' hunks each variant ran, from run records made with --coverage (several: their union), without booting")
    .argument('<run-dir...>', 'run records (or directories of them)')
    .action(async (dirs: string[]) => {
      const { readCoverage } = await load.coverageRecord();
      const { coverageLine, coverageTable } = await load.coverage();
      const merged = await readCoverage(dirs);
      console.log(`${coverageLine(merged.patches)}\n${coverageTable(merged.patches)}`);
    });
}
