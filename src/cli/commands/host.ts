// The small commands: cache-key (CI caches), doctor (host tools), check-scenario.
import type { Command } from 'commander';
import { EXIT } from '../../errors.ts';
import { load } from '../load.ts';

export function cacheKeyCommand(program: Command): void {
  program
    .command('cache-key')
    .description('print the content key of the default kernels (base and patched), for CI caches')
    .option('--kernel-line <line>', "a Debian kernel line's kernels (6.1, 6.12; default 6.1)")
    .action(async (opts) => {
      const { defaultCacheKey } = await load.cacheKey();
      if (opts.kernelLine !== undefined) (await load.debian()).parseLines(opts.kernelLine);
      console.log(await defaultCacheKey(opts.kernelLine));
    });
}

export function doctorCommand(program: Command): void {
  program
    .command('doctor')
    .description('check the host tools and name the package of each missing one')
    .action(async () => {
      const { doctor } = await load.doctor();
      const lines = await doctor();
      for (const l of lines) console.log(`${l.ok ? 'ok     ' : 'MISSING'} ${l.what.padEnd(36)} ${l.detail}`);
      const missing = lines.filter((l) => !l.ok).length;
      if (missing > 0) {
        console.log(`${missing} missing; scripts/install-deps.sh installs them all`);
        process.exitCode = EXIT.skip;
      }
    });
}

export function checkScenarioCommand(program: Command): void {
  program
    .command('check-scenario')
    .description('validate a scenario file')
    .argument('<file>')
    .action(async (file: string) => {
      const { loadScenario } = await load.scenario();
      const s = await loadScenario(file);
      console.log(`${file}: ok (${s.name}, ${s.duration} guest-s)`);
    });
}
