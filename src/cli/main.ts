// The ipvs-verify command line. One top-level catch maps every outcome to an
// exit code (src/errors.ts).
import { Command, Option } from 'commander';
import { VerifyError, exitCodeFor, EXIT } from '../errors.ts';
import { verify, VARIANTS, type VariantName } from '../run/verify.ts';
import { doctor } from './doctor.ts';
import { loadScenario } from '../scenario/load.ts';

const program = new Command();
program.name('ipvs-verify').description('Prove or disprove what an IPVS kernel patch claims, on real kernels').showHelpAfterError();

const collect = (v: string, prev: string[] = []) => [...prev, v];

program
  .command('verify')
  .description('build base and patched kernels, boot each, run the scenario, write a run record')
  .option('--source <path>', 'kernel source: tarball, directory or git tree (default: Debian linux-source-6.1)')
  .option('--rev <rev>', 'with a git tree: the revision to build')
  .option('--patch <file>', 'a patch of the series (mbox or git format-patch); repeat for several', collect)
  .option('--scenario <file>', 'scenario YAML (default: fixtures/scenarios/syn-flood-persistent.yaml)')
  .option('--config <fragment>', 'extra kernel config fragment; repeat for several', collect)
  .addOption(new Option('--accel <accel>', 'accelerator').choices(['auto', 'kvm', 'tcg']).default('auto'))
  .option('--no-warp', 'under TCG, run guest time at wall-clock speed (no -icount)')
  .addOption(new Option('--variant <name>', 'run one variant only').choices([...VARIANTS]))
  .option('--out <dir>', 'run record directory (default: runs/<time>-<scenario>)')
  .action(async (opts) => {
    const r = await verify({
      source: { ...(opts.source ? { path: opts.source } : {}), ...(opts.rev ? { rev: opts.rev } : {}) },
      patches: opts.patch,
      scenario: opts.scenario,
      configFragments: opts.config,
      accel: opts.accel,
      warp: opts.warp,
      out: opts.out,
      ...(opts.variant ? { variants: [opts.variant as VariantName] } : {}),
    });
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
    console.log(`run record: ${r.runDir}`);
  });

program
  .command('doctor')
  .description('check the host tools and name the package of each missing one')
  .action(async () => {
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
    const s = await loadScenario(file);
    console.log(`${file}: ok (${s.name}, ${s.duration} guest-s)`);
  });

try {
  await program.parseAsync(process.argv);
} catch (e) {
  const code = exitCodeFor(e);
  if (e instanceof VerifyError) {
    process.stderr.write(`ipvs-verify: ${e.kind === 'user' ? '' : `${e.kind} failure: `}${e.message}\n`);
  } else {
    process.stderr.write(`ipvs-verify: internal error (a bug in ipvs-verify): ${(e as Error)?.stack ?? String(e)}\n`);
  }
  process.exitCode = code;
}
