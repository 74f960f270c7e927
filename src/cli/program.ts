// The ipvs-verify commands and their options. Built by a function, so that the
// entry point (main.ts) parses the real argv and tests can check that a command
// line (a workflow's, a README's) is one the tool accepts. Each command is built
// in ./commands/, from the option builders of ./options.ts.
import { readFileSync } from 'node:fs';
import { Command } from 'commander';
import { verifyCommand } from './commands/verify.ts';
import { coverageCommand, judgeCommand, reportCommand } from './commands/records.ts';
import { matrixCommand } from './commands/matrix.ts';
import { fuzzCommand } from './commands/fuzz.ts';
import { mutantsCommand } from './commands/mutants.ts';
import { calibrateCommand } from './commands/calibrate.ts';
import { modelCommand } from './commands/model.ts';
import { execCommand } from './commands/exec.ts';
import { bisectRunCommand, bisectStepCommand } from './commands/bisect.ts';
import { cacheKeyCommand, checkScenarioCommand, doctorCommand } from './commands/host.ts';

const PACKAGE_VERSION = (JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }).version;

export function makeProgram(): Command {
  const program = new Command();
  program
    .name('ipvs-verify')
    .description('Prove or disprove what an IPVS kernel patch claims, on real kernels')
    .version(PACKAGE_VERSION)
    .showHelpAfterError()
    // Usage errors come to main.ts's one catch, not to commander's exit(1) (a "bad" commit to git bisect).
    .exitOverride();
  // (In the order `--help` lists them.)
  for (const add of [verifyCommand, judgeCommand, reportCommand, coverageCommand, calibrateCommand, matrixCommand, mutantsCommand, fuzzCommand, cacheKeyCommand, modelCommand, execCommand, bisectStepCommand, bisectRunCommand, doctorCommand, checkScenarioCommand]) {
    add(program);
  }
  return program;
}
