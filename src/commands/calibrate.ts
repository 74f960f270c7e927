// `ipvs-verify calibrate <run-dir...>`: the calibration report over run
// records (src/report/calibration.ts). Each record's verdict is read from its
// result.json when that keeps every variant's PITs, else the record is judged
// again, as `report` does (its own seed and model runs), without booting.
// Beside it, what might explain the runs outside every model run: each
// variant-run's trace overrun, connections made vs flood packets sent + client connections given, and gcov's
// drop-line count vs the model's (./calibrate-diagnostics.ts).
// A fuzz case's shrink steps (fuzz-NNNN/step-001 on) are left out unless asked
// for: the shrink runs scenarios near a failure, so counting them would weight
// failing cases; each case's drawn run (step-000) is counted.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { VerifyError, userError } from '../errors.ts';
import type { Verdict } from '../compare/verdict.ts';
import { judgeRecord } from '../pipeline/judge-record.ts';
import { calibration, calibrationText, type Calibration } from '../report/calibration.ts';
import { diagnosticsSummary, type DiagnosticsSummary, type VariantRunDiagnostics } from '../report/calibration-diagnostics.ts';
import { diagnosticsText } from '../report/calibration-diagnostics-text.ts';
import { diagnoseRecord } from './calibrate-diagnostics.ts';
import { recordsHolding } from '../record/find-records.ts';
import { shrinkStepOf } from '../fuzz/step-dir.ts';

const hasPits = (v: Verdict | undefined): v is Verdict => v !== undefined && Object.values(v.variants).every((x) => x.pit !== undefined);

/** A record's verdict: its result.json's when that has PITs (unless `rejudge`), else judged again. */
async function verdictOf(dir: string, rejudge: boolean): Promise<Verdict> {
  const stored = rejudge ? undefined : await readFile(join(dir, 'result.json'), 'utf8').then((s) => (JSON.parse(s) as { verdict?: Verdict }).verdict, () => undefined);
  if (hasPits(stored)) return stored;
  let meta: { model?: { seed?: number; runs?: number } };
  try {
    meta = JSON.parse(await readFile(join(dir, 'metadata.json'), 'utf8'));
  } catch (e) {
    throw userError(`${dir} is not a run record: ${(e as Error).message}`);
  }
  return (await judgeRecord(dir, { seed: meta.model?.seed ?? 1, mcRuns: meta.model?.runs ?? 1000 })).verdict;
}

export interface CalibrateResult {
  calibration: Calibration;
  /** Each variant-run's PITs and diagnostics (earlier tries too). */
  runs: VariantRunDiagnostics[];
  diagnostics: DiagnosticsSummary;
  /** Records that could not be judged (a failed run's, say), with why. */
  skipped: { dir: string; why: string }[];
  /** The fuzz cases' shrink-step records found, and whether they were counted (--shrink-steps). */
  shrinkSteps: { found: number; counted: boolean };
  text: string;
}

export interface CalibrateOptions {
  rejudge?: boolean;
  /** The model's runs counted for the drop line of a covered run (default DROP_RUNS). */
  dropRuns?: number;
  /** Count fuzz cases' shrink steps too (default: only each case's drawn run). */
  shrinkSteps?: boolean;
  progress?: (dir: string) => void;
}

export async function calibrate(paths: string[], opts: CalibrateOptions = {}): Promise<CalibrateResult> {
  // At any depth: a matrix's --out holds linux-<line>/ directories of records.
  const found = await recordsHolding(paths, 'metadata.json', Infinity);
  const shrinkSteps = { found: found.filter((d) => shrinkStepOf(d) !== undefined).length, counted: opts.shrinkSteps ?? false };
  const dirs = shrinkSteps.counted ? found : found.filter((d) => shrinkStepOf(d) === undefined);
  if (dirs.length === 0) throw userError(`no run records (metadata.json) under ${paths.join(', ')}${shrinkSteps.found ? ` but ${shrinkSteps.found} fuzz shrink steps (--shrink-steps counts them)` : ''}`);
  const verdicts: Verdict[] = [];
  const runs: VariantRunDiagnostics[] = [];
  const skipped: CalibrateResult['skipped'] = [];
  for (const dir of dirs) {
    opts.progress?.(dir);
    try {
      const verdict = await verdictOf(dir, opts.rejudge ?? false);
      verdicts.push(verdict);
      runs.push(...(await diagnoseRecord(dir, verdict, opts.dropRuns !== undefined ? { dropRuns: opts.dropRuns } : {})));
    } catch (e) {
      // A record that holds no judgeable run is reported, not fatal; anything else is a bug.
      if (!(e instanceof VerifyError && e.kind === 'user')) throw e;
      skipped.push({ dir, why: e.message });
    }
  }
  const c = calibration(verdicts);
  const diagnostics = diagnosticsSummary(runs);
  const skippedText = skipped.map((s) => `skipped ${s.dir}: ${s.why}\n`).join('');
  const text = `${calibrationText(c, shrinkStepsNote(shrinkSteps))}\n${diagnosticsText(diagnostics)}${skippedText}`;
  return { calibration: c, runs, diagnostics, skipped, shrinkSteps, text };
}

/** The line under the report's head that says what became of the shrink steps (none when there were none). */
function shrinkStepsNote(s: CalibrateResult['shrinkSteps']): string[] {
  if (s.found === 0) return [];
  if (s.counted) return [`(${s.found} fuzz shrink-step records counted, as --shrink-steps asks: they run scenarios near a failure)`];
  return [`(${s.found} fuzz shrink-step records left out: only each fuzz case's drawn run, step-000, is counted; --shrink-steps counts them)`];
}
