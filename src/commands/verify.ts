// `ipvs-verify verify`: source -> variants -> config -> builds -> guest runs ->
// run record. The planner-like steps are pure modules; this file does the I/O
// in order and writes the record.
import { touchedFiles } from '../series/read.ts';
import { gcovFlavour, variantTexts } from '../kbuild/coverage.ts';
import { seriesCoverage, coverageLine } from '../coverage/hunks.ts';
import { coverageRecord, coverageSummary } from '../coverage/record.ts';
import { copyFile } from 'node:fs/promises';
import { basename, join, resolve } from 'node:path';
import { VerifyError } from '../errors.ts';
import { buildKernel } from '../kbuild/kernel.ts';
import { loadScenario } from '../scenario/load.ts';
import { openRunDir, writeJson, type RunDir } from '../record/run-dir.ts';
import { readInputs } from '../pipeline/inputs.ts';
import type { Judged } from '../compare/verdict.ts';
import { writeReports } from '../report/write.ts';
import { inputsMetadata, type Metadata } from '../record/metadata.ts';
import { DEFAULT_SCENARIO, VARIANTS } from '../pipeline/defaults.ts';
import { DEFAULT_ARCH } from '../qemu/args.ts';
import type { VerifyOptions, VerifyResult, VerifyRun } from './verify-types.ts';
import { runAndJudge } from './verify-guests.ts';
import { patchDigest } from '../mutants/variant.ts';
import { defaultRunDir } from '../run-stamp.ts';
export type { VerifyOptions, VerifyResult } from './verify-types.ts';

/** Everything the user gave, checked before anything is built or booted; then the record opened. */
async function prepare(o: VerifyOptions): Promise<VerifyRun> {
  const log = o.log ?? ((s: string) => process.stderr.write(s + '\n'));
  const arch = o.arch ?? DEFAULT_ARCH;
  const variants = o.variants ?? [...VARIANTS];
  const scenarioPath = resolve(o.scenario ?? DEFAULT_SCENARIO);
  const scenario = await loadScenario(scenarioPath);
  const inputs = await readInputs({ ...o, arch });
  const prepared = await inputs.prepare(log);
  const { source, derived, config } = prepared;
  // --coverage: the directories the series' C files live in get GCOV_PROFILE.
  const gcov = o.coverage ? await gcovFlavour(source.dir, touchedFiles(inputs.series)) : undefined;
  const runDir = await openRunDir(resolve(o.out ?? defaultRunDir(scenario.name)));
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
    series: inputs.series,
    fragments: inputs.fragments,
    config,
    arch,
    kernelArgs: o.kernelArgs ?? [],
    seed,
    modelRuns,
  });
  if (o.mutant) metadata.mutant = { origin: o.mutant.origin, subject: o.mutant.subject, files: o.mutant.files, sha256: patchDigest(o.mutant) };
  return { o, log, arch, variants, scenario, seed, modelRuns, inputs, prepared, gcov, runDir, metadata, result };
}

/** Each variant's kernel, built or taken from the cache; its build log goes into the record. */
async function buildVariants(r: VerifyRun): Promise<void> {
  const { source, derived, config, plainConfig } = r.prepared;
  const gcov = r.gcov;
  for (const v of r.variants) {
    const variantFiles = v === 'base' ? derived.base : derived.patched;
    const files = gcov ? new Map([...variantFiles, ...gcov.makefiles]) : variantFiles;
    const kernel = await buildKernel({ source, variant: v, arch: r.arch, files, config, log: r.log, ...(gcov ? { coverage: { plainConfig, dirs: gcov.dirs } } : {}) });
    r.result.kernels[v] = kernel;
    await copyFile(join(kernel.dir, 'build.log'), join(r.runDir.tmp, `build-${v}.log`));
    r.log(`[build ${v}] ${kernel.built ? `built in ${kernel.seconds.toFixed(0)} s` : 'taken from the cache'} (${kernel.key})`);
  }
}

/** --coverage: the hunks each variant ran (its last run's counts, as its verdict is). */
async function recordCoverage(r: VerifyRun): Promise<void> {
  if (!r.gcov) return;
  const { result, metadata } = r;
  const series = r.inputs.series;
  const files = await variantTexts(r.prepared.source.dir, r.prepared.derived, r.gcov.touched);
  const counts = { ...(result.runs.base?.coverage ? { base: result.runs.base.coverage.counts } : {}), ...(result.runs.patched?.coverage ? { patched: result.runs.patched.coverage.counts } : {}) };
  result.coverage = seriesCoverage({ series, files, counts });
  await writeJson(join(r.runDir.tmp, 'coverage.json'), coverageRecord(series, files, counts, result.coverage));
  metadata.coverage = coverageSummary(result.coverage);
  r.log(coverageLine(result.coverage));
}

/** The verdict, the models' bands, the metadata and the reports; then the record is committed. */
async function finish(r: VerifyRun, judged: Judged): Promise<void> {
  await recordCoverage(r);
  const { verdict, detail } = judged;
  r.result.verdict = verdict;
  for (const [v, d] of Object.entries(detail)) {
    const bands = Object.fromEntries(Object.entries(d.mc.bands).map(([k, b]) => [k, Object.fromEntries(Object.entries(b).map(([q, a]) => [q, [...a]]))]));
    await writeJson(join(r.runDir.tmp, `model-${v}.json`), { origin: d.origin, t: [...d.mc.t], runs: d.mc.runs, bands });
  }
  r.metadata.finishedAt = new Date().toISOString();
  r.metadata.status = 'complete';
  await writeJson(join(r.runDir.tmp, 'metadata.json'), r.metadata);
  // The canonical result (result.json) and the reports made from it.
  await writeReports(r.runDir.tmp, judged, r.metadata, basename(r.runDir.final));
  await r.runDir.commit();
}

export async function verify(o: VerifyOptions): Promise<VerifyResult> {
  const r = await prepare(o);
  try {
    await buildVariants(r);
    const judged = await runAndJudge(r);
    await finish(r, judged);
    return r.result;
  } catch (e) {
    if (e instanceof VerifyError) throw await recordFailure(r.runDir, r.metadata, e);
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
