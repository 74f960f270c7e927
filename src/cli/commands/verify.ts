// `verify`: one scenario, a suite of them (--suite), or one scenario on several Debian kernel lines (--kernel-lines).
import { Command, Option } from 'commander';
import { VerifyError, exitCodeFor } from '../../errors.ts';
import type { VariantName } from '../../pipeline/defaults.ts';
import type { VerifyOptions } from '../../commands/verify.ts';
import { load } from '../load.ts';
import { defaultRunDir } from '../../run-stamp.ts';
import { collect, intArg, sourceOf, variantOption, withAccel, withKernelInputs, withModelRuns, withOut, withSource } from '../options.ts';

type Common = Omit<VerifyOptions, 'source'>;

/** The options as verify's, less the source. */
function commonOf(opts: Record<string, any>): Common {
  return {
    ...(opts.coverage ? { coverage: true } : {}),
    ...(opts.retries !== undefined ? { retries: opts.retries } : {}),
    ...(opts.guests ? { guests: opts.guests } : {}),
    kernelArgs: opts.kernelArg,
    bootTimeout: opts.bootTimeout,
    patches: opts.patch,
    seriesInSource: opts.seriesInSource,
    scenario: opts.scenario,
    configFragments: opts.config,
    accel: opts.accel,
    warp: opts.warp,
    out: opts.out,
    seed: opts.seed,
    modelRuns: opts.modelRuns,
    ...(opts.variant ? { variants: [opts.variant as VariantName] } : {}),
  };
}

async function suite(opts: Record<string, any>, common: Common): Promise<void> {
  const { runMatrix, SUITES } = await load.matrix();
  if (!(SUITES as readonly string[]).includes(opts.suite)) throw new VerifyError('user', `--suite: unknown suite "${opts.suite}" (known: ${SUITES.join(', ')})`);
  for (const [flag, set] of [['--scenario', opts.scenario], ['--kernel-lines', opts.kernelLines], ['--variant', opts.variant]] as const) {
    if (set !== undefined) throw new VerifyError('user', `--suite runs every scenario on both variants: drop ${flag}`);
  }
  const out: string = opts.out ?? defaultRunDir(`suite-${opts.suite}`);
  const results = await runMatrix('1/1', out, { ...common, source: sourceOf(opts) });
  const { suiteTable } = await load.suiteTable();
  console.log(suiteTable(results));
  for (const r of results) console.log(`${r.claimsHold ? 'PASS' : 'FAIL'} ${r.dir}`);
  // The suite's report (index.html: a headline per forwarding method, then every run), as report --merge writes it.
  const { mergeRecords } = await load.report();
  const { files } = await mergeRecords([out], out);
  console.log(`suite report: ${files[0]}`);
  process.exitCode = exitCodeFor({ claimsHold: results.every((r) => r.claimsHold) });
}

async function kernelLines(opts: Record<string, any>, common: Common): Promise<void> {
  if (opts.source !== undefined || opts.rev !== undefined) throw new VerifyError('user', "--kernel-lines takes Debian's sources itself: drop --source/--rev");
  const { parseLines } = await load.debian();
  const { verifyLines, linesTable } = await load.lines();
  const r = await verifyLines(parseLines(opts.kernelLines), common);
  console.log(linesTable(r.perLine.map((x) => ({ line: x.line, verdict: x.result.verdict }))));
  for (const f of r.files) console.log(f);
  process.exitCode = exitCodeFor({ claimsHold: r.claimsHold });
}

async function single(opts: Record<string, any>, common: Common): Promise<void> {
  const { verify } = await load.verify();
  const { verdictText } = await load.claimsTable();
  const r = await verify({ ...common, source: sourceOf(opts) });
  const rows = Object.entries(r.summaries).map(([v, s]) => ({
    variant: v,
    'peak conns': s.peakConns,
    'final conns': s.finalConns,
    'peak templates': s.peakTemplates,
    'final templates': s.finalTemplates,
    'final flood templates': s.finalFloodTemplates,
    'final client templates': s.finalClientTemplates,
  }));
  console.table(rows);
  console.log(verdictText(r.verdict));
  if (r.coverage) {
    const { coverageLine, coverageTable } = await load.coverage();
    console.log(`\n${coverageLine(r.coverage)}\n${coverageTable(r.coverage)}`);
  }
  console.log(`run record: ${r.runDir}`);
  process.exitCode = exitCodeFor({ claimsHold: r.verdict.claimsHold });
}

export function verifyCommand(program: Command): void {
  const cmd = program.command('verify').description('build base and patched kernels, boot each, run the scenario, write a run record');
  withSource(cmd).option('--kernel-lines <list>', 'verify on each of these Debian kernel lines (e.g. 6.1,6.12), one record each under --out, and one report over them');
  withKernelInputs(cmd)
    .addOption(new Option('--series-in-source <when>', 'does the source already carry the series? (auto: find out)').choices(['auto', 'yes', 'no']).default('auto'))
    .option('--scenario <file>', 'scenario YAML (default: fixtures/scenarios/syn-flood-persistent.yaml)')
    .option('--suite <name>', 'every scenario of fixtures/scenarios/ (all), each into <out>/<scenario>, with a table of them all');
  withAccel(cmd).addOption(variantOption('run one variant only'));
  withOut(cmd, 'run record directory (default: runs/<time>-<scenario>)');
  withModelRuns(cmd, 1000)
    .option('--kernel-arg <arg>', 'extra kernel command line argument; repeat for several', collect)
    .option('--boot-timeout <s>', 'wall seconds to wait for the guest agent (default 120)', intArg('--boot-timeout'))
    .option('--guests <n>', 'guests run at once (default: one a core, up to one a variant)', intArg('--guests'))
    .option('--coverage', "build gcov-instrumented kernels and report which of the series' hunks each variant ran")
    .option('--retries <n>', 'runs more of a variant whose kernel misses its model before it is held to disagree (default 1; 0: none)', intArg('--retries', 0))
    .action(async (opts) => {
      const common = commonOf(opts);
      if (opts.suite !== undefined) return suite(opts, common);
      if (opts.kernelLines !== undefined) return kernelLines(opts, common);
      return single(opts, common);
    });
}
