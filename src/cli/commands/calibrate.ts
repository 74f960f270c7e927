// `calibrate`: the calibration report over run records, without booting.
import { writeFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { load } from '../load.ts';
import { intArg } from '../options.ts';

export function calibrateCommand(program: Command): void {
  program
    .command('calibrate')
    .description(
      "how calibrated the model is over run records: per claim number and series' miss area, a histogram of the kernels' PITs among their models' runs and a Kolmogorov-Smirnov test against U(0,1); how many variant-runs needed a retry; " +
        "and, for the variant-runs outside every model run, what might explain them: the trace's overrun, connections made vs packets sent, gcov's drop-line count vs the model's (a report: exit 0)",
    )
    .argument('<run-dir...>', 'run records, or directories holding them at any depth (a matrix --out, a fuzz campaign)')
    .option('--rejudge', 'judge every record again, even where its result.json keeps PITs')
    .option('--drop-runs <n>', "model runs counted for the drop line of each covered variant-run (records with coverage.json)", intArg('--drop-runs'), 200)
    .option('--shrink-steps', "count fuzz cases' shrink steps (fuzz-NNNN/step-001 on) too; by default only each case's drawn run (step-000), as the shrink runs scenarios near a failure")
    .option('--json <file>', 'also write the report as JSON (the calibration, every variant-run\'s diagnostics, the skipped records)')
    .action(async (dirs: string[], opts: { rejudge?: boolean; dropRuns: number; shrinkSteps?: boolean; json?: string }) => {
      const { calibrate } = await load.calibrate();
      const r = await calibrate(dirs, { rejudge: opts.rejudge ?? false, dropRuns: opts.dropRuns, shrinkSteps: opts.shrinkSteps ?? false, progress: (d) => process.stderr.write(`reading ${d}\n`) });
      if (opts.json) await writeFile(opts.json, JSON.stringify({ calibration: r.calibration, diagnostics: r.diagnostics, runs: r.runs, skipped: r.skipped, shrinkSteps: r.shrinkSteps }, null, 1) + '\n');
      process.stdout.write(r.text);
    });
}
