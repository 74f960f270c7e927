// The types verify's steps share (./verify.ts, ./verify-guests.ts).
import type { SourceSpec } from '../source/resolve.ts';
import type { SeriesPatch } from '../series/read.ts';
import type { SeriesInSource } from '../series/apply.ts';
import type { AccelRequest } from '../qemu/args.ts';
import type { BuiltKernel } from '../kbuild/kernel.ts';
import type { gcovFlavour } from '../kbuild/coverage.ts';
import type { PatchCoverage } from '../coverage/hunks.ts';
import type { VariantSummary } from '../observe/summary.ts';
import type { VariantRun } from '../pipeline/variant.ts';
import type { readInputs } from '../pipeline/inputs.ts';
import type { Verdict } from '../compare/verdict.ts';
import type { RunDir } from '../record/run-dir.ts';
import type { Metadata } from '../record/metadata.ts';
import type { Scenario } from '../scenario/schema.ts';
import type { VariantName } from '../pipeline/defaults.ts';

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
  /** A mutant (fixtures/mutants/): patched is the series plus this patch (ipvs-verify mutants). */
  mutant?: SeriesPatch;
  log?: (s: string) => void;
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

/** What verify's steps share: the checked inputs, the open record and what the run has made so far. */
export interface VerifyRun {
  o: VerifyOptions;
  log: (s: string) => void;
  arch: string;
  variants: VariantName[];
  scenario: Scenario;
  seed: number;
  modelRuns: number;
  inputs: Awaited<ReturnType<typeof readInputs>>;
  prepared: Awaited<ReturnType<Awaited<ReturnType<typeof readInputs>>['prepare']>>;
  gcov: Awaited<ReturnType<typeof gcovFlavour>> | undefined;
  runDir: RunDir;
  metadata: Metadata;
  result: VerifyResult;
}

