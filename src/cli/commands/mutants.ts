// `mutants`: the catalogue's mutants (fixtures/mutants/) built as the patched
// variant and run on scenarios; `--merge OUT DIR...` merges shards' records.
import type { Command } from 'commander';
import { VerifyError, exitCodeFor } from '../../errors.ts';
import { load } from '../load.ts';
import { defaultRunDir } from '../../run-stamp.ts';
import { collect, kernelLineOf, withAccel } from '../options.ts';

/** --kernel-line: one Debian line, as a source, and its name for the record. */
const lineOf = (opt: string | undefined) => kernelLineOf(opt, 'the mutants a line at a time');

async function merge(out: string, dirs: string[], opts: Record<string, any>): Promise<void> {
  for (const [flag, set] of [['--mutant', opts.mutant], ['--scenario', opts.scenario], ['--suite', opts.suite], ['--shard', opts.shard], ['--out', opts.out]] as const) {
    if (set !== undefined) throw new VerifyError('user', `--merge runs nothing: drop ${flag}`);
  }
  const { mergeMutants } = await load.mutants();
  const { scoreLine } = await load.mutantsTable();
  const { record, files } = await mergeMutants(dirs, out);
  console.log(scoreLine(record));
  for (const f of files) console.log(f);
  process.exitCode = exitCodeFor({ claimsHold: (await load.mutantsRecord()).everyMutantKilled(record) });
}

export function mutantsCommand(program: Command): void {
  const cmd = program
    .command('mutants')
    .description("build each mutant of the series' catalogue (fixtures/mutants/) as the patched variant, run scenarios on it, and say which killed it (mutants.json, mutants.md)")
    .argument('[dir...]', 'with --merge: the shards\' output directories')
    .option('--mutant <id>', 'a mutant of the catalogue; repeat for several (default: all)', collect)
    .option('--scenario <file>', 'a scenario to run each mutant on; repeat for several', collect)
    .option('--suite <name>', 'the scenarios: all = every scenario of fixtures/scenarios/ (the default)')
    .option('--shard <i/n>', 'which shard of the mutants (every n-th, in catalogue order)')
    .option('--out <dir>', 'where mutants.json, mutants.md and the run records go (default runs/<time>-mutants)')
    .option('--kernel-line <line>', 'the Debian kernel line to build the mutants on (6.1, 6.12; default 6.1)')
    .option('--catalogue <dir>', 'a catalogue of mutants (default fixtures/mutants/)')
    .option('--merge <out>', "merge the shards' mutants.json (the directories given) into <out>");
  withAccel(cmd).action(async (dirs: string[], opts) => {
    if (opts.merge) return merge(opts.merge, dirs, opts);
    if (dirs.length > 0) throw new VerifyError('user', `mutants takes directories only with --merge (got ${dirs.join(' ')})`);
    const { runMutants } = await load.mutants();
    const { mutantsMarkdown } = await load.mutantsTable();
    const { line, source } = await lineOf(opts.kernelLine);
    const { record, files } = await runMutants({
      ...(opts.mutant ? { ids: opts.mutant } : {}),
      ...(opts.scenario ? { scenarios: opts.scenario } : {}),
      ...(opts.suite !== undefined ? { suite: opts.suite } : {}),
      ...(opts.shard ? { shard: opts.shard } : {}),
      ...(line ? { kernelLine: line } : {}),
      ...(opts.catalogue ? { catalogue: opts.catalogue } : {}),
      out: opts.out ?? defaultRunDir('mutants'),
      verify: { source, accel: opts.accel, warp: opts.warp },
    });
    console.log(mutantsMarkdown(record));
    for (const f of files) console.log(f);
    process.exitCode = exitCodeFor({ claimsHold: (await load.mutantsRecord()).everyMutantKilled(record) });
  });
}
