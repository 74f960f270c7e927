// The ipvs-verify entry point. One top-level catch maps every outcome to an
// exit code (src/errors.ts).
import { CommanderError } from 'commander';
import { VerifyError, bisectExitCode, classify, exitCodeFor } from '../errors.ts';
import { exitOnSignals } from '../host/cleanup.ts';
import { makeProgram } from './program.ts';

/** Under bisect-step every failure, even a usage error, maps to git bisect's codes. */
const bisectMode = process.argv.includes('bisect-step');

exitOnSignals();

try {
  await makeProgram().parseAsync(process.argv);
} catch (caught) {
  if (caught instanceof CommanderError && caught.exitCode === 0) process.exit(0); // --help, --version
  const e = caught instanceof CommanderError ? new VerifyError('user', caught.message) : classify(caught);
  const code = bisectMode ? bisectExitCode(e) : exitCodeFor(e);
  if (e instanceof VerifyError) {
    process.stderr.write(`ipvs-verify: ${e.kind === 'user' ? '' : `${e.kind} failure: `}${e.message}\n`);
  } else {
    process.stderr.write(`ipvs-verify: internal error (a bug in ipvs-verify): ${(e as Error)?.stack ?? String(e)}\n`);
  }
  process.exitCode = code;
}
