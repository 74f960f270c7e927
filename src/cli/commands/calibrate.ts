// `calibrate`: the calibration report over run records, without booting.
import type { Command } from 'commander';
import { load } from '../load.ts';

export function calibrateCommand(program: Command): void {
  program
    .command('calibrate')
    .description("how calibrated the model is over run records: per claim number and series' miss area, a histogram of the kernels' PITs among their models' runs and a Kolmogorov-Smirnov test against U(0,1); and how many variant-runs needed a retry (a report: exit 0)")
    .argument('<run-dir...>', 'run records, or directories holding them at any depth')
    .option('--rejudge', 'judge every record again, even where its result.json keeps PITs')
    .action(async (dirs: string[], opts: { rejudge?: boolean }) => {
      const { calibrate } = await load.calibrate();
      const { text } = await calibrate(dirs, { rejudge: opts.rejudge ?? false, progress: (d) => process.stderr.write(`judging ${d}\n`) });
      process.stdout.write(text);
    });
}
