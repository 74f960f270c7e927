// `ipvs-verify verify`: source -> variants -> config -> builds -> guest runs ->
// run record. The planner-like steps are pure modules; this file does the I/O
// in order and writes the record.
import { touchedFiles } from '../series/read.ts';
import { gcovFlavour, variantTexts } from '../kbuild/coverage.ts';
import { seriesCoverage, coverageLine, type PatchCoverage } from '../coverage/hunks.ts';
import { coverageRecord, coverageSummary } from '../coverage/record.ts';
import { copyFile, readFile, writeFile } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { basename, join, resolve } from 'node:path';
import { VerifyError } from '../errors.ts';
import type { SourceSpec } from '../source/resolve.ts';
import type { SeriesInSource } from '../series/apply.ts';
import { buildKernel, type BuiltKernel } from '../kbuild/kernel.ts';
import { loadScenario } from '../scenario/load.ts';
import type { AccelRequest } from '../qemu/args.ts';
import { resolveAccel } from '../qemu/accel.ts';
import { openRunDir, writeJson, type RunDir } from '../record/run-dir.ts';
import { summarise, type VariantSummary } from '../observe/summary.ts';
import { prefixLength } from '../flood/addr.ts';
import { familyOf } from '../scenario/schema.ts';
import { samplesOf } from '../record/results.ts';
import { runVariant, type VariantRun } from '../pipeline/variant.ts';
import { readInputs } from '../pipeline/inputs.ts';
import type { EarlierTry, Verdict } from '../compare/verdict.ts';
import { describeCheck } from '../compare/bands.ts';
import { keepTry, variantsToRetry } from '../pipeline/retry.ts';
import { judgeOnAllCores, modelsOfVariant, type Models } from '../compare/judge-all-cores.ts';
import { writeReports } from '../report/write.ts';
import type { ParsedResults } from '../record/results.ts';
import { inputsMetadata, variantMetadata, type Metadata } from '../record/metadata.ts';
import { DEFAULT_SCENARIO, VARIANTS, type VariantName } from '../pipeline/defaults.ts';
export { DEFAULT_SERIES_DIR } from '../pipeline/inputs.ts';
export { DEFAULT_SCENARIO, SMOKE_SCENARIO, VARIANTS, type VariantName } from '../pipeline/defaults.ts';

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
  /** Guests run at once (default: one a core, as many as there are variants). */
  guests?: number;
  /** Build the gcov flavour and map each variant's line counts onto the series' hunks. */
  coverage?: boolean;
  /** Runs more of a variant whose kernel misses its model, before it is held to disagree (default 1; src/pipeline/retry.ts). */
  retries?: number;
  log?: (s: string) => void;
}

/** Pure: guests at once: as asked, else one a core, never more than the variants. */
export function guestSlots(variants: number, asked: number | undefined, cores = availableParallelism()): number {
  return Math.max(1, Math.min(variants, asked ?? cores));
}

export interface VerifyResult {
  runDir: string;
  summaries: Partial<Record<VariantName, VariantSummary>>;
  kernels: Partial<Record<VariantName, BuiltKernel>>;
  runs: Partial<Record<VariantName, VariantRun>>;
  verdict: Verdict;
  /** --coverage: the series' hunks, reached or not in each variant. */
  coverage?: PatchCoverage[];
}

export async function verify(o: VerifyOptions): Promise<VerifyResult> {
  const log = o.log ?? ((s: string) => process.stderr.write(s + '\n'));
  const arch = o.arch ?? 'x86_64';
  const variants = o.variants ?? [...VARIANTS];

  // Everything the user gave is checked before anything is built or booted.
  const scenarioPath = resolve(o.scenario ?? DEFAULT_SCENARIO);
  const scenario = await loadScenario(scenarioPath);
  const inputs = await readInputs({ ...o, arch });
  const { series, fragments } = inputs;
  const { source, derived, config, plainConfig } = await inputs.prepare(log);
  // --coverage: the directories the series' C files live in get GCOV_PROFILE.
  const gcov = o.coverage ? await gcovFlavour(source.dir, touchedFiles(series)) : undefined;

  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  const runDir = await openRunDir(resolve(o.out ?? join('runs', `${stamp}-${scenario.name}`)));
  const seed = o.seed ?? 1;
  const modelRuns = o.modelRuns ?? 1000;
  const result: VerifyResult = {
    runDir: runDir.final,
    summaries: {},
    kernels: {},
    runs: {},
    verdict: { variants: {}, claims: [], claimsHold: false, judgeable: false },
  };
  const metadata = await inputsMetadata({
    scenarioPath,
    scenario,
    source,
    sourceHasSeries: derived.sourceHasSeries,
    series,
    fragments,
    config,
    arch,
    kernelArgs: o.kernelArgs ?? [],
    seed,
    modelRuns,
  });
  try {
    for (const v of variants) {
      const variantFiles = v === 'base' ? derived.base : derived.patched;
      const files = gcov ? new Map([...variantFiles, ...gcov.makefiles]) : variantFiles;
      const kernel = await buildKernel({ source, variant: v, arch, files, config, log, ...(gcov ? { coverage: { plainConfig, dirs: gcov.dirs } } : {}) });
      result.kernels[v] = kernel;
      await copyFile(join(kernel.dir, 'build.log'), join(runDir.tmp, `build-${v}.log`));
      log(`[build ${v}] ${kernel.built ? `built in ${kernel.seconds.toFixed(0)} s` : 'taken from the cache'} (${kernel.key})`);
    }
    // KVM is probed with the first kernel to boot (once per host boot: cached).
    const chosen = await resolveAccel(o.accel, { kernel: result.kernels[variants[0]!]!.image, arch, log });
    const { accel } = chosen;
    const warp = o.warp && accel === 'tcg';
    Object.assign(metadata, { accel, accelRequested: o.accel, accelChoice: chosen, timeWarp: warp });
    // The variants' guests side by side when there are cores for them (a guest
    // keeps one busy); all are waited for, so none outlives a failure of another.
    // A variant's Monte Carlos start when its guest is done, on the cores the
    // guests still to run leave free.
    const guests = guestSlots(variants.length, o.guests);
    const early: Partial<Record<VariantName, Promise<Models>>> = {};
    let left = variants.length;
    const runOne = async (v: VariantName) => {
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
        ...(gcov ? { coverage: { gcnoDir: kernel.gcnoDir!, touched: gcov.touched } } : {}),
      }).finally(() => left--);
      result.runs[v] = run;
      if (run.results.damage.length > 0) {
        const d = run.results.damage;
        log(`[run ${v}] warning: ${d.length} damaged line(s) on the results channel (first: line ${d[0]!.line}, ${d[0]!.reason}); kept in metadata.json`);
      }
      if (left > 0) {
        const threads = Math.max(1, availableParallelism() - Math.min(left, guests));
        const models = modelsOfVariant({ scenario, runs: { [v]: run.results }, seed, mcRuns: modelRuns }, v, threads);
        models.catch(() => undefined); // awaited (and its failure reported) by the judgement, unless a guest fails first
        early[v] = models;
      }
      const summary = summarise(run.results, prefixLength(scenario.service.netmask), familyOf(scenario));
      result.summaries[v] = summary;
      const samples = samplesOf(run.results);
      await writeFile(join(runDir.tmp, `samples-${v}.jsonl`), samples.map((s) => JSON.stringify(s)).join('\n') + '\n');
      metadata.variants[v] = variantMetadata(kernel, run, summary, scenario.kernel.conn_tab_bits, await readFile(run.consoleLog, 'utf8').catch(() => ''));
    };
    metadata.guestsAtOnce = guests;
    const runGuests = async (list: VariantName[]) => {
      left = list.length;
      for (let i = 0; i < list.length; i += guests) {
        const settled = await Promise.allSettled(list.slice(i, i + guests).map(runOne));
        const failed = settled.find((x): x is PromiseRejectedResult => x.status === 'rejected');
        if (failed) throw failed.reason;
      }
    };
    const started = Date.now();
    await runGuests(variants);
    metadata.guestsWallSeconds = (Date.now() - started) / 1000;
    const measured = (): Partial<Record<VariantName, ParsedResults>> => Object.fromEntries(variants.map((v) => [v, result.runs[v]!.results]));
    log(`model: ${modelRuns} runs per variant, seed ${seed}`);
    let judged = await judgeOnAllCores({ scenario, runs: measured(), seed, mcRuns: modelRuns }, early);
    // A kernel that misses its model runs again (src/pipeline/retry.ts); every try is kept.
    const earlier: Partial<Record<VariantName, { verdict: EarlierTry[]; metadata: unknown[] }>> = {};
    for (let tries = 1, again = variantsToRetry(judged.verdict, tries, o.retries ?? 1); again.length > 0; again = variantsToRetry(judged.verdict, ++tries, o.retries ?? 1)) {
      for (const v of again) {
        const x = judged.verdict.variants[v]!;
        const dir = await keepTry(runDir.tmp, v, tries);
        const kept = (earlier[v] ??= { verdict: [], metadata: [] });
        kept.verdict.push({ dir, checks: x.checks });
        kept.metadata.push({ ...(metadata.variants[v] as object), dir });
        // Its models are made again from the new run; the other variant's stand.
        delete early[v];
        log(`[run ${v}] missed the ${x.modelVariant} model (${x.checks.filter((c) => !c.agrees).map(describeCheck).join('; ')}); run again (this run is kept in ${dir}/): a correct kernel misses by as much less than once in ${(x.model.freshRuns ?? 0) + x.model.runs} runs, one the model does not describe every time`);
      }
      await runGuests(again);
      judged = await judgeOnAllCores({ scenario, runs: measured(), seed, mcRuns: modelRuns }, early);
    }
    for (const [v, kept] of Object.entries(earlier)) {
      judged.verdict.variants[v as VariantName]!.earlierTries = kept.verdict;
      metadata.variants[v] = { ...(metadata.variants[v] as object), earlierTries: kept.metadata };
    }
    // (The hunks each variant ran: its last run's counts, as its verdict is.)
    if (gcov) {
      const files = await variantTexts(source.dir, derived, gcov.touched);
      const counts = { ...(result.runs.base?.coverage ? { base: result.runs.base.coverage.counts } : {}), ...(result.runs.patched?.coverage ? { patched: result.runs.patched.coverage.counts } : {}) };
      result.coverage = seriesCoverage({ series, files, counts });
      await writeJson(join(runDir.tmp, 'coverage.json'), coverageRecord(series, files, counts, result.coverage));
      metadata.coverage = coverageSummary(result.coverage);
      log(coverageLine(result.coverage));
    }
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
    if (e instanceof VerifyError) throw await recordFailure(runDir, metadata, e);
    throw e;
  }
}

/**
 * A failed run is still a record (console and build logs are the evidence);
 * only an interrupted one is removed. Returns the error, its paths pointing
 * into the committed record.
 */
async function recordFailure(runDir: RunDir, metadata: Metadata, e: VerifyError): Promise<VerifyError> {
  // The evidence (a build log in the cache) goes into the record too.
  if (e.evidence && !e.evidence.startsWith(runDir.tmp)) {
    await copyFile(e.evidence, join(runDir.tmp, basename(e.evidence))).catch(() => undefined);
  }
  const message = e.message.replaceAll(runDir.tmp, runDir.final);
  metadata.status = 'failed';
  metadata.failure = { kind: e.kind, message };
  await writeJson(join(runDir.tmp, 'metadata.json'), metadata);
  await runDir.commit();
  return new VerifyError(e.kind, message, {
    ...(e.evidence ? { evidence: e.evidence.replaceAll(runDir.tmp, runDir.final) } : {}),
    cause: e,
  });
}
