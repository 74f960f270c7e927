// `ipvs-verify fuzz`: a campaign of drawn scenarios (src/fuzz/), each run as
// `verify` runs one (both variants, judged), the scenario written as YAML in
// the case's directory and its run record beside it; --replay runs one drawn
// (or shrunk) scenario again, --merge merges shards' reports.
import { mkdir, writeFile } from 'node:fs/promises';
import { join, relative, resolve } from 'node:path';
import { VerifyError } from '../errors.ts';
import { verify, type VerifyOptions } from './verify.ts';
import { outcomeOf, type RunOutcome } from '../fuzz/case-record.ts';
import { runCampaign, scenarioYaml, type CampaignOptions } from '../fuzz/campaign.ts';
import { caseName, scenarioAt } from '../fuzz/draw.ts';
import { stepName } from '../fuzz/step-dir.ts';
import type { Runner } from '../fuzz/shrink.ts';
import type { Scenario } from '../scenario/schema.ts';

export type FuzzVerifyOptions = Omit<VerifyOptions, 'scenario' | 'out'>;

/** Runs a scenario with verify into `dir` (its YAML beside it, `dir`.yaml); a failure to build or boot is the run's error, not a throw. */
async function verifyRun(scenario: Scenario, dir: string, base: FuzzVerifyOptions, campaignDir: string): Promise<RunOutcome> {
  const file = `${dir}.yaml`;
  await writeFile(file, scenarioYaml(scenario, ['a fuzz run: its run record is the directory beside this file']));
  const started = Date.now();
  try {
    const r = await verify({ ...base, scenario: file, out: dir });
    return outcomeOf(r.verdict, (Date.now() - started) / 1000, relative(campaignDir, dir));
  } catch (e) {
    if (!(e instanceof VerifyError)) throw e;
    return { variants: {}, claims: [], wallSeconds: (Date.now() - started) / 1000, dir: relative(campaignDir, dir), error: { kind: e.kind, message: e.message } };
  }
}

/** The campaign's runner: step k of case i goes to <out>/fuzz-000i/step-0k. */
const verifyRunner =
  (out: string, base: FuzzVerifyOptions): Runner =>
  (scenario, at) =>
    verifyRun(scenario, join(out, caseName(at.index), stepName(at.step)), base, out);

export function runFuzz(o: Omit<CampaignOptions, 'runner'> & { verify: FuzzVerifyOptions }) {
  const out = resolve(o.out);
  return runCampaign({ ...o, out, runner: verifyRunner(out, o.verify) });
}

/** --replay SEED[:PATH]: the scenario drawn (or shrunk to) there, run once into `out`. */
export async function replay(x: { seed: number; path?: string }, out: string, base: FuzzVerifyOptions): Promise<{ scenario: Scenario; run: RunOutcome }> {
  const scenario = scenarioAt(x.seed, 'fuzz-replay', x.path);
  await mkdir(resolve(out), { recursive: true });
  const run = await verifyRun(scenario, join(resolve(out), 'replay'), base, resolve(out));
  return { scenario, run };
}
