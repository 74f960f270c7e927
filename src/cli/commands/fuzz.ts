// `fuzz`: drawn scenarios, both variants each, failures shrunk (src/fuzz/);
// --replay one of them; --merge shards' reports.
import type { Command } from 'commander';
import { EXIT, VerifyError, exitCodeFor } from '../../errors.ts';
import { load } from '../load.ts';
import { intArg, kernelLineOf, sourceOf, withAccel, withKernelInputs, withSource } from '../options.ts';
import { parseShard } from '../../pipeline/shard.ts';
import { defaultRunDir } from '../../run-stamp.ts';

/** --mutant: the catalogue's mutant, as `mutants` builds it (the patched variant alone, the mutant over the series), and its tag for the journal. */
async function mutantOf(opts: Record<string, any>) {
  if (opts.mutant === undefined) {
    if (opts.catalogue !== undefined) throw new VerifyError('user', '--catalogue chooses where --mutant is read: give --mutant');
    return {};
  }
  const { mutantById, mutantTag, mutantVerifyOptions } = await load.mutantVariant();
  const m = await mutantById(opts.mutant, ...(opts.catalogue !== undefined ? [opts.catalogue] : []));
  return { tag: mutantTag(m), options: mutantVerifyOptions(m) };
}

/** verify's options from fuzz's: the kernel (a Debian line or --source), the series (and --mutant), the model. */
export async function verifyOptionsOf(opts: Record<string, any>) {
  let source = sourceOf(opts);
  if (opts.kernelLine !== undefined) {
    if (opts.source !== undefined) throw new VerifyError('user', '--kernel-line is a Debian source: drop --source');
    ({ source } = await kernelLineOf(opts.kernelLine, 'a campaign a line'));
  }
  const mutant = await mutantOf(opts);
  return {
    ...(mutant.tag ? { mutantTag: mutant.tag } : {}),
    ...mutant.options,
    source,
    accel: opts.accel,
    warp: opts.warp,
    patches: opts.patch,
    configFragments: opts.config,
    modelRuns: opts.modelRuns,
    ...(opts.retries !== undefined ? { retries: opts.retries } : {}),
  };
}

async function merge(out: string, dirs: string[], opts: Record<string, any>): Promise<void> {
  if (dirs.length === 0) throw new VerifyError('user', 'fuzz --merge OUT takes the shards\' directories after it');
  // The shards' journals name their mutant: the merge checks they agree.
  if (opts.mutant !== undefined) throw new VerifyError('user', '--merge runs nothing: drop --mutant (the shards\' journals name it)');
  const { mergeFuzz, mutantLine } = await load.fuzzReport();
  const r = await mergeFuzz(dirs, out);
  console.log(`${out}/fuzz.md: ${r.counts.cases} cases, ${r.counts.fail} fail, ${r.counts.error} could not run${r.mutant ? `; ${mutantLine(r)}` : ''}`);
  process.exitCode = (await load.fuzzVerdict()).campaignExit(r);
}

async function replayOne(opts: Record<string, any>): Promise<void> {
  const { parseReplay } = await load.fuzzDraw();
  const { replay } = await load.fuzz();
  const out = opts.out ?? defaultRunDir('fuzz-replay');
  const { mutantTag: _tag, ...verify } = await verifyOptionsOf(opts);
  const { run } = await replay(parseReplay(opts.replay), out, verify);
  const { failing, whatFailed } = await load.fuzzCaseRecord();
  console.log(`${out}/replay.yaml: ${run.error ? whatFailed(run) : failing(run) ? `FAIL ${whatFailed(run)}` : 'PASS'}`);
  process.exitCode = run.error && !failing(run) ? EXIT.skip : exitCodeFor({ claimsHold: !failing(run) });
}

async function campaign(opts: Record<string, any>): Promise<void> {
  if (opts.count === undefined) throw new VerifyError('user', 'fuzz wants --count N (or --replay, or --merge)');
  const { runFuzz } = await load.fuzz();
  const out = opts.out ?? defaultRunDir(`fuzz-${opts.seed}${opts.mutant ? `-${opts.mutant}` : ''}`);
  const { mutantTag, ...verify } = await verifyOptionsOf(opts);
  const r = await runFuzz({
    count: opts.count,
    seed: opts.seed,
    out,
    ...(opts.shard ? { shard: parseShard(opts.shard) } : {}),
    ...(opts.resume ? { resume: true } : {}),
    ...(opts.budget !== undefined ? { budgetMinutes: opts.budget } : {}),
    shrink: { steps: opts.shrinkSteps, seconds: opts.shrinkMinutes * 60 },
    ...(mutantTag ? { mutant: mutantTag } : {}),
    verify,
  });
  console.log(`${out}/fuzz.md: ${r.counts.cases} cases, ${r.counts.pass} pass, ${r.counts.fail} fail (${r.counts.shrunk} shrunk), ${r.counts.error} could not run; ${r.walls.pairsPerHour.toFixed(0)} ${mutantTag ? 'runs' : 'pairs'} an hour`);
  if (r.mutant) console.log((await load.fuzzReport()).mutantLine(r));
  process.exitCode = (await load.fuzzVerdict()).campaignExit(r);
}

export function fuzzCommand(program: Command): void {
  const cmd = program
    .command('fuzz')
    .description('draw N valid scenarios from a seed, verify both variants of each, shrink each failure to a minimal scenario (YAML beside its record)')
    .argument('[dirs...]', 'with --merge: the shards\' campaign directories')
    .option('--count <n>', 'cases in the campaign (all shards together)', intArg('--count'))
    .option('--seed <n>', 'the campaign\'s seed: the same seed, the same scenarios', intArg('--seed', 0), 1)
    .option('--shard <i/n>', 'run cases i-1, i-1+n, ... only (CI runners); fuzz --merge puts the shards together')
    .option('--resume', 'go on with the campaign in --out: the cases its journal holds are not run again')
    .option('--budget <minutes>', 'wall minutes for the campaign: no case (or shrink step) starts after them', intArg('--budget'))
    .option('--shrink-steps <n>', 'real runs to shrink one failure, at most', intArg('--shrink-steps', 0), 30)
    .option('--shrink-minutes <m>', 'wall minutes to shrink one failure, at most', intArg('--shrink-minutes'), 20)
    .option('--replay <seed[:path]>', 'run once the scenario a case drew (its fast-check seed) or shrank to (seed:path), as fuzz prints them')
    .option('--merge <out>', 'merge the shards\' reports (their journals) into <out>/fuzz.json and fuzz.md')
    .option('--kernel-line <line>', 'the Debian kernel line (6.1, 6.12; default 6.1)')
    .option('--out <dir>', 'the campaign\'s directory (default runs/<time>-fuzz-<seed>): journal, cases, report')
    .option('--mutant <id>', 'build the patched variant with this mutant of the catalogue over the series (as `mutants` does; base is not run) and judge it against the patched model: a failing case is the mutant caught, and the campaign stops there once it is shrunk. Exit 0 when a case caught it, 1 when none did, 125 when none did and some could not run; --resume refuses a journal of another --mutant')
    .option('--catalogue <dir>', 'with --mutant: the catalogue it is read from (default fixtures/mutants/)')
    .option('--model-runs <n>', 'model: Monte Carlo runs per variant', intArg('--model-runs'), 1000)
    .option('--retries <n>', 'runs more of a variant whose kernel misses its model (as verify; default 1)', intArg('--retries', 0));
  cmd.addHelpText(
    'after',
    `
Exit codes: 0 no case failed, 1 a case failed (a kernel left its model, a claim FAILed, a kernel oopsed),
125 none failed but some could not run, 2 bad input. With --mutant a failure is what is looked for:
0 a case caught the mutant, 1 no case did (it survived), 125 none did and some could not run.`,
  );
  withKernelInputs(withSource(cmd));
  withAccel(cmd).action(async (dirs: string[], opts) => {
    if (opts.merge !== undefined) return merge(opts.merge, dirs, opts);
    if (dirs.length > 0) throw new VerifyError('user', `fuzz takes directories only with --merge (got ${dirs.join(' ')})`);
    if (opts.replay !== undefined) return replayOne(opts);
    return campaign(opts);
  });
}
