// The ipvs-verify commands and their options. Built by a function, so that the
// entry point (main.ts) parses the real argv and tests can check that a command
// line (a workflow's, a README's) is one the tool accepts.
import { readFileSync } from 'node:fs';
import { Command, InvalidArgumentError, Option } from 'commander';
import { VerifyError, bisectExitCode, exitCodeFor, EXIT } from '../errors.ts';
import { DEFAULT_SCENARIO, SMOKE_SCENARIO, VARIANTS, type VariantName } from '../pipeline/defaults.ts';

const PACKAGE_VERSION = (JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }).version;

// Each command loads what it runs when it runs (vega, the model, the builder):
// `--help` and `check-scenario` start in a fraction of a second.
const load = {
  verify: () => import('../commands/verify.ts'),
  doctor: () => import('../commands/doctor.ts'),
  scenario: () => import('../scenario/load.ts'),
  claimsTable: () => import('../report/claims-table.ts'),
  judgeRecord: () => import('../pipeline/judge-record.ts'),
  report: () => import('../report/write.ts'),
  matrix: () => import('../commands/matrix.ts'),
  suiteTable: () => import('../report/suite-table.ts'),
  lines: () => import('../commands/lines.ts'),
  debian: () => import('../source/debian.ts'),
  coverage: () => import('../coverage/hunks.ts'),
  coverageRecord: () => import('../coverage/read-records.ts'),
  cacheKey: () => import('../commands/cache-key.ts'),
  exec: () => import('../commands/exec.ts'),
  bisect: () => import('../bisect/command.ts'),
  arrivals: () => import('../observe/arrivals.ts'),
  monteCarlo: () => import('../model/pool.ts'),
};

const intArg = (name: string, min = 1) => (v: string) => {
  const n = Number(v);
  if (!Number.isInteger(n) || n < min) throw new InvalidArgumentError(`${name} must be ${min === 0 ? '0 or ' : ''}a positive integer`);
  return n;
};

const collect = (v: string, prev: string[] = []) => [...prev, v];

/** The options bisect-step and bisect-run share, and what they become. */
function withBisectOptions(cmd: Command): Command {
  return cmd
    .addOption(
      new Option('--expect <variant>', 'the behaviour of a good commit: base (templates kept) or patched (templates dropped)')
        .choices(['base', 'patched'])
        .makeOptionMandatory(),
    )
    .option('--scenario <file>', 'scenario YAML', SMOKE_SCENARIO)
    .option('--repeat <n>', 'judgements to try while inconclusive', intArg('--repeat'), 2)
    .option('--seed <n>', 'model: first seed', intArg('--seed'), 1)
    .option('--model-runs <n>', 'model: Monte Carlo runs', intArg('--model-runs'), 500)
    .option('--config <fragment>', 'extra kernel config fragment', collect);
}
const bisectArgs = (opts: { expect: 'base' | 'patched'; scenario: string; repeat: number; seed: number; modelRuns: number; config?: string[] }) => ({
  expect: opts.expect,
  scenario: opts.scenario,
  repeat: opts.repeat,
  seed: opts.seed,
  modelRuns: opts.modelRuns,
  configFragments: opts.config,
});


export function makeProgram(): Command {
  const program = new Command();
  program
    .name('ipvs-verify')
    .description('Prove or disprove what an IPVS kernel patch claims, on real kernels')
    .version(PACKAGE_VERSION)
    .showHelpAfterError()
    // Usage errors come to the one catch below, not to commander's exit(1) (a "bad" commit to git bisect).
    .exitOverride();


  program
    .command('verify')
    .description('build base and patched kernels, boot each, run the scenario, write a run record')
    .option('--source <path>', 'kernel source: debian:6.1, debian:6.12 (installed if missing), a tarball, a directory or a git tree (default: debian:6.1)')
    .option('--kernel-lines <list>', 'verify on each of these Debian kernel lines (e.g. 6.1,6.12), one record each under --out, and one report over them')
    .option('--rev <rev>', 'with a git tree: the revision to build')
    .option('--patch <file>', 'a patch of the series (mbox or git format-patch); repeat for several', collect)
    .addOption(
      new Option('--series-in-source <when>', 'does the source already carry the series? (auto: find out)').choices(['auto', 'yes', 'no']).default('auto'),
    )
    .option('--scenario <file>', 'scenario YAML (default: fixtures/scenarios/syn-flood-persistent.yaml)')
    .option('--suite <name>', 'every scenario of fixtures/scenarios/ (all), each into <out>/<scenario>, with a table of them all')
    .option('--config <fragment>', 'extra kernel config fragment; repeat for several', collect)
    .addOption(new Option('--accel <accel>', 'accelerator').choices(['auto', 'kvm', 'tcg']).default('auto'))
    .option('--no-warp', 'under TCG, run guest time at wall-clock speed (no -icount)')
    .addOption(new Option('--variant <name>', 'run one variant only').choices([...VARIANTS]))
    .option('--out <dir>', 'run record directory (default: runs/<time>-<scenario>)')
    .option('--seed <n>', 'model: first seed', intArg('--seed'), 1)
    .option('--model-runs <n>', 'model: Monte Carlo runs per variant', intArg('--model-runs'), 1000)
    .option('--kernel-arg <arg>', 'extra kernel command line argument; repeat for several', collect)
    .option('--boot-timeout <s>', 'wall seconds to wait for the guest agent (default 120)', intArg('--boot-timeout'))
    .option('--guests <n>', 'guests run at once (default: one a core, up to one a variant)', intArg('--guests'))
    .option('--coverage', "build gcov-instrumented kernels and report which of the series' hunks each variant ran")
    .option('--retries <n>', 'runs more of a variant whose kernel misses its model before it is held to disagree (default 1; 0: none)', intArg('--retries', 0))
    .action(async (opts) => {
      const common = {
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
      if (opts.suite !== undefined) {
        const { runMatrix, SUITES } = await load.matrix();
        if (!(SUITES as readonly string[]).includes(opts.suite)) throw new VerifyError('user', `--suite: unknown suite "${opts.suite}" (known: ${SUITES.join(', ')})`);
        for (const [flag, set] of [['--scenario', opts.scenario], ['--kernel-lines', opts.kernelLines], ['--variant', opts.variant]] as const) {
          if (set !== undefined) throw new VerifyError('user', `--suite runs every scenario on both variants: drop ${flag}`);
        }
        const stamp = new Date().toISOString().replace(/[:.]/g, '-');
        const results = await runMatrix('1/1', opts.out ?? `runs/${stamp}-suite-${opts.suite}`, { ...common, source: { ...(opts.source ? { path: opts.source } : {}), ...(opts.rev ? { rev: opts.rev } : {}) } });
        const { suiteTable } = await load.suiteTable();
        console.log(suiteTable(results));
        for (const r of results) console.log(`${r.claimsHold ? 'PASS' : 'FAIL'} ${r.dir}`);
        process.exitCode = exitCodeFor({ claimsHold: results.every((r) => r.claimsHold) });
        return;
      }
      if (opts.kernelLines !== undefined) {
        if (opts.source !== undefined || opts.rev !== undefined) throw new VerifyError('user', "--kernel-lines takes Debian's sources itself: drop --source/--rev");
        const { parseLines } = await load.debian();
        const { verifyLines, linesTable } = await load.lines();
        const r = await verifyLines(parseLines(opts.kernelLines), common);
        console.log(linesTable(r.perLine.map((x) => ({ line: x.line, verdict: x.result.verdict }))));
        for (const f of r.files) console.log(f);
        process.exitCode = exitCodeFor({ claimsHold: r.claimsHold });
        return;
      }
      const { verify } = await load.verify();
      const { verdictText } = await load.claimsTable();
      const r = await verify({ ...common, source: { ...(opts.source ? { path: opts.source } : {}), ...(opts.rev ? { rev: opts.rev } : {}) } });
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
    });

  program
    .command('judge')
    .description('judge a run record again (model vs measured, claims) without booting anything')
    .argument('<run-dir>')
    .option('--seed <n>', 'model: first seed', intArg('--seed'), 1)
    .option('--model-runs <n>', 'model: Monte Carlo runs per variant', intArg('--model-runs'), 1000)
    .action(async (dir: string, opts) => {
      const { judgeRecord } = await load.judgeRecord();
      const { verdictText } = await load.claimsTable();
      const { verdict } = await judgeRecord(dir, { seed: opts.seed, mcRuns: opts.modelRuns });
      console.log(verdictText(verdict));
      process.exitCode = exitCodeFor({ claimsHold: verdict.claimsHold });
    });

  program
    .command('report')
    .description('rebuild result.json, TAP, JUnit and the HTML report of a run record, without booting anything')
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

  program
    .command('matrix')
    .description('verify every scenario of shard i/n of fixtures/scenarios/ (for CI runners), each into <out>/<scenario>')
    .requiredOption('--shard <i/n>', 'which shard')
    .requiredOption('--out <dir>', 'where the run records go')
    .addOption(new Option('--accel <accel>', 'accelerator').choices(['auto', 'kvm', 'tcg']).default('auto'))
    .option('--no-warp', 'under TCG, run guest time at wall-clock speed')
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

  program
    .command('cache-key')
    .description('print the content key of the default kernels (base and patched), for CI caches')
    .option('--kernel-line <line>', "a Debian kernel line's kernels (6.1, 6.12; default 6.1)")
    .action(async (opts) => {
      const { defaultCacheKey } = await load.cacheKey();
      if (opts.kernelLine !== undefined) (await load.debian()).parseLines(opts.kernelLine);
      console.log(await defaultCacheKey(opts.kernelLine));
    });

  program
    .command('model')
    .description("print the model's predicted series for a scenario, without booting anything")
    .option('--scenario <file>', 'scenario YAML', DEFAULT_SCENARIO)
    .addOption(new Option('--variant <name>', 'variant').choices([...VARIANTS]).default('patched'))
    .option('--seed <n>', 'first seed', intArg('--seed'), 1)
    .option('--runs <n>', 'Monte Carlo runs', intArg('--runs'), 1000)
    .option('--every <s>', 'print one line every <s> seconds', intArg('--every'), 10)
    .action(async (opts) => {
      const { loadScenario } = await load.scenario();
      const { arrivalsFromScenario, paramsFor } = await load.arrivals();
      const { monteCarloParallel } = await load.monteCarlo();
      const s = await loadScenario(opts.scenario);
      const input = arrivalsFromScenario(s);
      const mc = await monteCarloParallel({ params: paramsFor(s, opts.variant), ...input, seed: opts.seed, runs: opts.runs });
      const fmt = (b: { p5: Float64Array; p50: Float64Array; p95: Float64Array }, i: number) => `${b.p50[i]} [${b.p5[i]}..${b.p95[i]}]`;
      console.log(`${s.name}, ${opts.variant}: median [p5..p95] over ${opts.runs} runs`);
      console.log(['t', 'conns', 'SYN_RECV', 'templates', 'assured', 'flood templates'].join('\t'));
      for (let i = 0; i < mc.t.length; i++) {
        if (Math.round(mc.t[i]!) % opts.every !== 0) continue;
        const b = mc.bands;
        console.log([mc.t[i], fmt(b.conns, i), fmt(b.synRecv, i), fmt(b.templates, i), fmt(b.assured, i), fmt(b.floodTemplates, i)].join('\t'));
      }
    });

  program
    .command('exec')
    .description('boot a built variant with the guest tools and run one command in it (ipvs-verify exec -- cmd ...)')
    .argument('<command...>', 'the command and its arguments (put -- before it)')
    .addOption(new Option('--variant <name>', 'which kernel').choices([...VARIANTS]).default('patched'))
    .option('--source <path>', 'kernel source (as for verify)')
    .option('--rev <rev>', 'with a git tree: the revision')
    .option('--patch <file>', 'the series (as for verify)', collect)
    .option('--config <fragment>', 'extra kernel config fragment', collect)
    .option('--file <host:guest>', 'copy a host file into the guest (repeatable)', collect)
    .option('--from-source <path>', "copy a file of the kernel tree (e.g. tools/testing/selftests/netfilter/ipvs.sh) to the guest's /<name> (repeatable)", collect)
    .addOption(new Option('--accel <accel>', 'accelerator').choices(['auto', 'kvm', 'tcg']).default('auto'))
    .option('--warp', 'under TCG, let idle guest time pass without waiting (-icount)', false)
    .option('--timeout <s>', 'wall seconds before the guest is stopped', intArg('--timeout'), 600)
    .option('--coverage', "a gcov-instrumented kernel: after the command, which of the series' hunks it ran (on stderr)")
    .action(async (argv: string[], opts) => {
      const { execCommand } = await load.exec();
      const code = await execCommand({
        ...(opts.coverage ? { coverage: true } : {}),
        argv,
        variant: opts.variant,
        source: { ...(opts.source ? { path: opts.source } : {}), ...(opts.rev ? { rev: opts.rev } : {}) },
        patches: opts.patch,
        configFragments: opts.config,
        files: opts.file ?? [],
        fromSource: opts.fromSource ?? [],
        accel: opts.accel,
        warp: opts.warp,
        timeoutSeconds: opts.timeout,
      });
      process.exitCode = code;
    });

  withBisectOptions(
    program
      .command('bisect-step')
      .description('judge the kernel tree at HEAD for `git bisect run`: 0 good, 1 bad, 125 skip, 128 abort')
      .option('--source <dir>', 'the kernel git tree', '.'),
  ).action(async (opts) => {
    const { bisectStep } = await load.bisect();
    const { decision } = await bisectStep({ source: opts.source, ...bisectArgs(opts) });
    console.log(`bisect-step: ${decision}`);
    process.exitCode = bisectExitCode(decision);
  });

  withBisectOptions(
    program
      .command('bisect-run')
      .description('check that good is good and bad is bad, then git bisect run with bisect-step')
      .requiredOption('--good <rev>', 'a commit with the expected behaviour')
      .requiredOption('--bad <rev>', 'a commit without it')
      .option('--repo <dir>', 'the kernel git tree', '.'),
  ).action(async (opts) => {
    const { bisectRun } = await load.bisect();
    const first = await bisectRun({ repo: opts.repo, good: opts.good, bad: opts.bad, ...bisectArgs(opts) });
    console.log(`first commit that does not behave as ${opts.expect}: ${first}`);
  });

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

  program
    .command('check-scenario')
    .description('validate a scenario file')
    .argument('<file>')
    .action(async (file: string) => {
      const { loadScenario } = await load.scenario();
      const s = await loadScenario(file);
      console.log(`${file}: ok (${s.name}, ${s.duration} guest-s)`);
    });

  return program;
}
