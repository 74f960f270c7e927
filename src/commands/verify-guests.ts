// verify's guest runs and their judgement: the accelerator chosen, the
// variants' guests run side by side, the Monte Carlos started early, and a
// kernel that misses its model run again (src/pipeline/retry.ts).
import { readFile, writeFile } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { resolveAccel } from '../qemu/accel.ts';
import type { Accel } from '../qemu/args.ts';
import { summarise } from '../observe/summary.ts';
import { prefixLength } from '../flood/addr.ts';
import { familyOf } from '../scenario/schema.ts';
import { samplesOf, type ParsedResults } from '../record/results.ts';
import { runVariant } from '../pipeline/variant.ts';
import type { EarlierTry, Judged } from '../compare/verdict.ts';
import { describeCheck } from '../compare/bands.ts';
import { keepTry, variantsToRetry } from '../pipeline/retry.ts';
import { tryTraceOf } from '../compare/try-trace.ts';
import { judgeOnAllCores, modelsOfVariant, type Models } from '../compare/judge-all-cores.ts';
import { variantMetadata } from '../record/metadata.ts';
import type { VariantName } from '../pipeline/defaults.ts';
import type { VerifyRun } from './verify-types.ts';

/** Pure: guests at once: as asked, else one a core, never more than the variants. */
export function guestSlots(variants: number, asked: number | undefined, cores = availableParallelism()): number {
  return Math.max(1, Math.min(variants, asked ?? cores));
}

/** Runs guests, at most `guests` at once; each variant's models start early when guests are still to run. */
class Guests {
  /** Each variant's Monte Carlos, started when its guest was done. */
  readonly early: Partial<Record<VariantName, Promise<Models>>> = {};
  private left = 0;

  constructor(
    private readonly r: VerifyRun,
    private readonly accel: Accel,
    private readonly warp: boolean,
    readonly guests: number,
  ) {}

  /** All are waited for, so none outlives a failure of another. */
  async run(list: VariantName[]): Promise<void> {
    this.left = list.length;
    for (let i = 0; i < list.length; i += this.guests) {
      const settled = await Promise.allSettled(list.slice(i, i + this.guests).map((v) => this.runOne(v)));
      const failed = settled.find((x): x is PromiseRejectedResult => x.status === 'rejected');
      if (failed) throw failed.reason;
    }
  }

  private async runOne(v: VariantName): Promise<void> {
    const { r } = this;
    const { o, result, scenario, log } = r;
    const kernel = result.kernels[v]!;
    const run = await runVariant({
      variant: v,
      kernel,
      scenario,
      dir: r.runDir.tmp,
      arch: r.arch,
      accel: this.accel,
      warp: this.warp,
      log,
      ...(o.kernelArgs ? { kernelArgs: o.kernelArgs } : {}),
      ...(o.bootTimeout ? { bootTimeout: o.bootTimeout } : {}),
      ...(r.gcov ? { coverage: { gcnoDir: kernel.gcnoDir!, touched: r.gcov.touched } } : {}),
    }).finally(() => this.left--);
    result.runs[v] = run;
    if (run.results.damage.length > 0) {
      const d = run.results.damage;
      log(`[run ${v}] warning: ${d.length} damaged line(s) on the results channel (first: line ${d[0]!.line}, ${d[0]!.reason}); kept in metadata.json`);
    }
    if (this.left > 0) {
      // A variant's Monte Carlos start when its guest is done, on the cores the guests still to run leave free.
      const threads = Math.max(1, availableParallelism() - Math.min(this.left, this.guests));
      const models = modelsOfVariant({ scenario, runs: { [v]: run.results }, hz: { [v]: kernel.hz }, seed: r.seed, mcRuns: r.modelRuns }, v, threads);
      models.catch(() => undefined); // awaited (and its failure reported) by the judgement, unless a guest fails first
      this.early[v] = models;
    }
    const summary = summarise(run.results, prefixLength(scenario.service.netmask), familyOf(scenario));
    result.summaries[v] = summary;
    const samples = samplesOf(run.results);
    await writeFile(join(r.runDir.tmp, `samples-${v}.jsonl`), samples.map((s) => JSON.stringify(s)).join('\n') + '\n');
    r.metadata.variants[v] = variantMetadata(kernel, run, summary, scenario.kernel.conn_tab_bits, await readFile(run.consoleLog, 'utf8').catch(() => ''));
  }
}

/** A kernel that misses its model runs again (src/pipeline/retry.ts); every try is kept. */
async function judgeWithRetries(r: VerifyRun, g: Guests): Promise<Judged> {
  const { scenario, seed, modelRuns, metadata, log } = r;
  const measured = (): Partial<Record<VariantName, ParsedResults>> => Object.fromEntries(r.variants.map((v) => [v, r.result.runs[v]!.results]));
  // Each kernel's CONFIG_HZ, as the record keeps it (metadata.json: variants.<v>.kernel.hz).
  const hz = Object.fromEntries(r.variants.map((v) => [v, r.result.kernels[v]!.hz]));
  let judged = await judgeOnAllCores({ scenario, runs: measured(), hz, seed, mcRuns: modelRuns }, g.early);
  const retries = r.o.retries ?? 1;
  const earlier: Partial<Record<VariantName, { verdict: EarlierTry[]; metadata: unknown[] }>> = {};
  for (let tries = 1, again = variantsToRetry(judged.verdict, tries, retries); again.length > 0; again = variantsToRetry(judged.verdict, ++tries, retries)) {
    for (const v of again) {
      const x = judged.verdict.variants[v]!;
      const dir = await keepTry(r.runDir.tmp, v, tries);
      const kept = (earlier[v] ??= { verdict: [], metadata: [] });
      // Whether the host starved this try's guest: said beside the retry, judged by nothing.
      kept.verdict.push({ dir, checks: x.checks, trace: tryTraceOf(r.result.runs[v]!.results) });
      kept.metadata.push({ ...(metadata.variants[v] as object), dir });
      // Its models are made again from the new run; the other variant's stand.
      delete g.early[v];
      log(`[run ${v}] missed the ${x.modelVariant} model (${x.checks.filter((c) => !c.agrees).map(describeCheck).join('; ')}); run again (this run is kept in ${dir}/): a correct kernel misses by as much less than once in ${(x.model.freshRuns ?? 0) + x.model.runs} runs, one the model does not describe every time`);
    }
    await g.run(again);
    judged = await judgeOnAllCores({ scenario, runs: measured(), hz, seed, mcRuns: modelRuns }, g.early);
  }
  for (const [v, kept] of Object.entries(earlier)) {
    judged.verdict.variants[v as VariantName]!.earlierTries = kept.verdict;
    metadata.variants[v] = { ...(metadata.variants[v] as object), earlierTries: kept.metadata };
  }
  return judged;
}

/** The guests (on the accelerator chosen), then the judgement of their runs. */
export async function runAndJudge(r: VerifyRun): Promise<Judged> {
  const { o, metadata, log } = r;
  // KVM is probed with the first kernel to boot (once per host boot: cached).
  const chosen = await resolveAccel(o.accel, { kernel: r.result.kernels[r.variants[0]!]!.image, arch: r.arch, log });
  const { accel } = chosen;
  const warp = o.warp && accel === 'tcg';
  Object.assign(metadata, { accel, accelRequested: o.accel, accelChoice: chosen, timeWarp: warp });
  // The variants' guests side by side when there are cores for them (a guest keeps one busy).
  const g = new Guests(r, accel, warp, guestSlots(r.variants.length, o.guests));
  metadata.guestsAtOnce = g.guests;
  const started = Date.now();
  await g.run(r.variants);
  metadata.guestsWallSeconds = (Date.now() - started) / 1000;
  log(`model: ${r.modelRuns} runs per variant, seed ${r.seed}`);
  return judgeWithRetries(r, g);
}
