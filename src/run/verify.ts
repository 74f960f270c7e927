// `ipvs-verify verify`: source -> variants -> config -> builds -> guest runs ->
// run record. The planner-like steps are pure modules; this file does the I/O
// in order and writes the record.
import { copyFile, readFile, writeFile } from 'node:fs/promises';
import { createHash } from 'node:crypto';
import { basename, join, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { execa } from 'execa';
import { VerifyError } from '../errors.ts';
import type { SourceSpec } from '../source/resolve.ts';
import { touchedFiles } from '../series/read.ts';
import type { SeriesInSource } from '../series/apply.ts';
import { configHash } from '../build/key.ts';
import { buildKernel, toolchain, type BuiltKernel } from '../build/kernel.ts';
import { loadScenario } from '../scenario/load.ts';
import type { AccelRequest } from '../qemu/args.ts';
import { openRunDir, writeJson } from '../record/run-dir.ts';
import { summarise, type VariantSummary } from '../record/summary.ts';
import { samplesOf } from '../record/results.ts';
import { runVariant, type VariantRun } from './variant.ts';
import { readInputs } from './inputs.ts';
import { judge, type Verdict } from '../compare/verdict.ts';
import { writeReports } from './report.ts';
import type { ParsedResults } from '../record/results.ts';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export { DEFAULT_SERIES_DIR } from './inputs.ts';
export const DEFAULT_SCENARIO = join(ROOT, 'fixtures/scenarios/syn-flood-persistent.yaml');
export const SMOKE_SCENARIO = join(ROOT, 'fixtures/scenarios/smoke.yaml');
export const VARIANTS = ['base', 'patched'] as const;
export type VariantName = (typeof VARIANTS)[number];

export interface VerifyOptions {
  source: SourceSpec;
  patches?: string[];
  /** Whether the source carries the series already (Debian's 6.1 does). */
  seriesInSource?: SeriesInSource;
  scenario?: string;
  configFragments?: string[];
  accel: AccelRequest;
  /** TCG: -icount shift=auto,sleep=off. */
  warp: boolean;
  out?: string;
  variants?: VariantName[];
  arch?: string;
  /** Model: first seed and number of Monte Carlo runs. */
  seed?: number;
  modelRuns?: number;
  kernelArgs?: string[];
  bootTimeout?: number;
  log?: (s: string) => void;
}

export interface VerifyResult {
  runDir: string;
  summaries: Partial<Record<VariantName, VariantSummary>>;
  kernels: Partial<Record<VariantName, BuiltKernel>>;
  runs: Partial<Record<VariantName, VariantRun>>;
  verdict: Verdict;
}

async function versions(): Promise<Record<string, string>> {
  const v = async (cmd: string, args: string[]) =>
    (await execa(cmd, args, { reject: false, all: true })).all?.split('\n').find((l) => l.trim() !== '')?.trim() ?? 'unknown';
  return {
    node: process.version,
    qemu: await v('qemu-system-x86_64', ['--version']),
    ipvsadm: await v('ipvsadm', ['--version']),
    hping3: await v('hping3', ['--version']),
    busybox: (await v('busybox', ['--help'])).split(' ').slice(0, 2).join(' '),
    toolchain: (await toolchain()).join(' | '),
  };
}

const sha = (s: string | Buffer) => createHash('sha256').update(s).digest('hex');

export async function verify(o: VerifyOptions): Promise<VerifyResult> {
  const log = o.log ?? ((s: string) => process.stderr.write(s + '\n'));
  const arch = o.arch ?? 'x86_64';
  const variants = o.variants ?? [...VARIANTS];

  // Everything the user gave is checked before anything is built or booted.
  const scenarioPath = resolve(o.scenario ?? DEFAULT_SCENARIO);
  const scenario = await loadScenario(scenarioPath);
  const inputs = await readInputs({ ...o, arch });
  const { series, fragments, accel, warp } = inputs;
  const { source, derived, config } = await inputs.prepare(log);

  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  const runDir = await openRunDir(resolve(o.out ?? join('runs', `${stamp}-${scenario.name}`)));
  const seed = o.seed ?? 1;
  const modelRuns = o.modelRuns ?? 1000;
  const result: VerifyResult = {
    runDir: runDir.final,
    summaries: {},
    kernels: {},
    runs: {},
    verdict: { variants: {}, claims: [], claimsHold: false },
  };
  const metadata: Record<string, unknown> = {
    tool: 'ipvs-verify',
    startedAt: new Date().toISOString(),
    scenario: { path: scenarioPath, sha256: sha(await readFile(scenarioPath)), value: scenario },
    source: { description: source.description, id: source.id, carriesSeries: derived.sourceHasSeries },
    series: await Promise.all(
      series.map(async (p) => ({ origin: p.origin, subject: p.subject, files: p.files, sha256: sha(p.diff) })),
    ),
    touchedFiles: touchedFiles(series),
    config: { fragments: fragments.map((f) => ({ name: f.name, sha256: sha(f.text) })), hash: configHash(config) },
    arch,
    accel,
    accelRequested: o.accel,
    timeWarp: warp,
    kernelArgs: o.kernelArgs ?? [],
    model: { seed, runs: modelRuns },
    versions: await versions(),
    variants: {} as Record<string, unknown>,
  };
  try {
    for (const v of variants) {
      const files = v === 'base' ? derived.base : derived.patched;
      const kernel = await buildKernel({ source, variant: v, arch, files, config, log });
      result.kernels[v] = kernel;
      await copyFile(join(kernel.dir, 'build.log'), join(runDir.tmp, `build-${v}.log`));
      log(`[build ${v}] ${kernel.built ? `built in ${kernel.seconds.toFixed(0)} s` : 'taken from the cache'} (${kernel.key})`);
    }
    for (const v of variants) {
      const kernel = result.kernels[v]!;
      const run = await runVariant({
        variant: v,
        kernel,
        scenario,
        dir: runDir.tmp,
        arch,
        accel,
        warp,
        log,
        ...(o.kernelArgs ? { kernelArgs: o.kernelArgs } : {}),
        ...(o.bootTimeout ? { bootTimeout: o.bootTimeout } : {}),
      });
      result.runs[v] = run;
      if (run.results.damage.length > 0) {
        const d = run.results.damage;
        log(`[run ${v}] warning: ${d.length} damaged line(s) on the results channel (first: line ${d[0]!.line}, ${d[0]!.reason}); kept in metadata.json`);
      }
      const summary = summarise(run.results);
      result.summaries[v] = summary;
      const samples = samplesOf(run.results);
      await writeFile(join(runDir.tmp, `samples-${v}.jsonl`), samples.map((s) => JSON.stringify(s)).join('\n') + '\n');
      (metadata.variants as Record<string, unknown>)[v] = {
        kernel: { key: kernel.key, built: kernel.built, buildSeconds: kernel.seconds, image: kernel.image },
        qemu: run.command,
        wallSeconds: run.wallSeconds,
        bootToAgentSeconds: run.bootToAgentSeconds,
        damage: run.results.damage,
        summary,
      };
    }
    const measured: Partial<Record<VariantName, ParsedResults>> = {};
    for (const v of variants) measured[v] = result.runs[v]!.results;
    log(`model: ${modelRuns} runs per variant, seed ${seed}`);
    const judged = judge({ scenario, runs: measured, seed, mcRuns: modelRuns });
    const { verdict, detail } = judged;
    result.verdict = verdict;
    for (const [v, d] of Object.entries(detail)) {
      const bands = Object.fromEntries(Object.entries(d.mc.bands).map(([k, b]) => [k, Object.fromEntries(Object.entries(b).map(([q, a]) => [q, [...a]]))]));
      await writeJson(join(runDir.tmp, `model-${v}.json`), { origin: d.origin, t: [...d.mc.t], runs: d.mc.runs, bands });
    }
    metadata.finishedAt = new Date().toISOString();
    metadata.status = 'complete';
    await writeJson(join(runDir.tmp, 'metadata.json'), metadata);
    // The canonical result (result.json) and the reports made from it.
    await writeReports(runDir.tmp, judged, metadata, basename(runDir.final));
    await runDir.commit();
    return result;
  } catch (e) {
    // A failed run is still a record (console logs are the evidence); only an
    // interrupted one is removed.
    if (e instanceof VerifyError) {
      // The evidence (a build log in the cache) goes into the record too.
      if (e.evidence && !e.evidence.startsWith(runDir.tmp)) {
        await copyFile(e.evidence, join(runDir.tmp, basename(e.evidence))).catch(() => undefined);
      }
      metadata.status = 'failed';
      metadata.failure = { kind: e.kind, message: e.message.replaceAll(runDir.tmp, runDir.final) };
      await writeJson(join(runDir.tmp, 'metadata.json'), metadata);
      await runDir.commit();
      throw new VerifyError(e.kind, e.message.replaceAll(runDir.tmp, runDir.final), {
        ...(e.evidence ? { evidence: e.evidence.replaceAll(runDir.tmp, runDir.final) } : {}),
        cause: e,
      });
    }
    throw e;
  }
}
