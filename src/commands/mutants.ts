// `ipvs-verify mutants`: each planned mutant built as the patched variant (the
// series plus the mutant's patch: only the IPVS objects recompile, through
// the shared work tree and ccache), each chosen scenario run on it against the
// patched model, and each run's verdict turned into killed or survived
// (../mutants/kill.ts). The record (mutants.json, mutants.md) is rewritten
// after every run, so an interrupted shard keeps what it finished.
import { mkdir, readFile, readdir } from 'node:fs/promises';
import { atomicWriteFile } from '../cache.ts';
import { join, resolve } from 'node:path';
import { VerifyError, userError } from '../errors.ts';
import { readCatalogue, infoOf, MUTANTS_DIR } from '../mutants/catalogue.ts';
import { planMutants, type MutantsPlan, type PlannedRun } from '../mutants/plan.ts';
import { killDecision } from '../mutants/kill.ts';
import { mutantVerifyOptions } from '../mutants/variant.ts';
import { mergeMutantRecords, parseMutantsRecord, type MutantCell, type MutantsRecord } from '../mutants/record.ts';
import { mutantsMarkdown } from '../mutants/table.ts';
import { DEFAULT_LINE } from '../source/debian.ts';
import { SCENARIO_DIR, SUITES } from './matrix.ts';
import { parseShard } from '../pipeline/shard.ts';
import { verify, type VerifyOptions, type VerifyResult } from './verify.ts';

export interface MutantsOptions {
  /** --mutant ids (none: the whole catalogue). */
  ids?: string[];
  /** --scenario files; without them, the suite (default all). */
  scenarios?: string[];
  suite?: string;
  shard?: string;
  out: string;
  /** The Debian line the source is (recorded; the source itself is in `verify`). */
  kernelLine?: string;
  catalogue?: string;
  verify: Omit<VerifyOptions, 'scenario' | 'out' | 'variants' | 'mutant'>;
  log?: (s: string) => void;
}

/** What runs a mutant on a scenario: `verify` itself, or a test's stand-in. */
export interface MutantsDeps {
  verify: (o: VerifyOptions) => Promise<Pick<VerifyResult, 'verdict' | 'runDir'>>;
  now: () => number;
}

export async function scenarioPaths(o: Pick<MutantsOptions, 'scenarios' | 'suite'>): Promise<string[]> {
  if (o.scenarios && o.scenarios.length > 0) {
    if (o.suite !== undefined) throw userError('--scenario and --suite both choose the scenarios: give one');
    return o.scenarios.map((s) => resolve(s));
  }
  const suite = o.suite ?? 'all';
  if (!(SUITES as readonly string[]).includes(suite)) throw userError(`--suite: unknown suite "${suite}" (known: ${SUITES.join(', ')})`);
  return (await readdir(SCENARIO_DIR)).filter((f) => f.endsWith('.yaml')).sort().map((f) => join(SCENARIO_DIR, f));
}

async function planFor(o: MutantsOptions): Promise<MutantsPlan> {
  const catalogue = await readCatalogue(o.catalogue ?? MUTANTS_DIR);
  return planMutants(catalogue, { ...(o.ids ? { ids: o.ids } : {}), scenarioPaths: await scenarioPaths(o), shard: parseShard(o.shard ?? '1/1') });
}

/** One mutant on one scenario: its run judged, or the error that stopped it (a mutant that does not apply, build or boot). */
async function runOne(p: PlannedRun, o: MutantsOptions, deps: MutantsDeps): Promise<MutantCell> {
  const dir = join(resolve(o.out), p.mutant.id, p.scenario);
  const started = deps.now();
  const cell = { mutant: p.mutant.id, scenario: p.scenario };
  try {
    const r = await deps.verify({ ...o.verify, scenario: p.scenarioPath, out: dir, ...mutantVerifyOptions(p.mutant) });
    const k = killDecision(r.verdict);
    return { ...cell, outcome: k.outcome, by: k.by, note: k.note, run: r.runDir, seconds: (deps.now() - started) / 1000 };
  } catch (e) {
    // A bug of ipvs-verify stops everything; what the mutant did to the run is its cell.
    if (!(e instanceof VerifyError) || e.kind === 'internal') throw e;
    return { ...cell, outcome: 'error', by: [], note: `${e.kind}: ${e.message}`, seconds: (deps.now() - started) / 1000 };
  }
}

async function writeMutantsRecord(out: string, r: MutantsRecord): Promise<string[]> {
  await mkdir(out, { recursive: true });
  const files = [join(out, 'mutants.json'), join(out, 'mutants.md')];
  const texts = [JSON.stringify(r, null, 2) + '\n', mutantsMarkdown(r)];
  // Each written whole (atomicWriteFile): a reader never sees half a record.
  for (const [k, f] of files.entries()) await atomicWriteFile(f, texts[k]!);
  return files;
}

export async function runMutants(o: MutantsOptions, deps: MutantsDeps = { verify, now: Date.now }): Promise<{ record: MutantsRecord; files: string[] }> {
  const log = o.log ?? ((s: string) => process.stderr.write(s + '\n'));
  const plan = await planFor(o);
  const record: MutantsRecord = { tool: 'ipvs-verify', kind: 'mutants', kernelLine: o.kernelLine ?? DEFAULT_LINE, mutants: plan.mutants.map(infoOf), scenarios: plan.scenarios, cells: [] };
  log(`[mutants] ${plan.mutants.length} mutant(s) x ${plan.scenarios.length} scenario(s): ${plan.runs.length} run(s)`);
  let files = await writeMutantsRecord(o.out, record);
  for (const [k, p] of plan.runs.entries()) {
    log(`[mutants] ${k + 1}/${plan.runs.length}: ${p.mutant.id} (${p.mutant.hunk}) on ${p.scenario}`);
    const cell = await runOne(p, o, deps);
    log(`[mutants] ${p.mutant.id} on ${p.scenario}: ${cell.outcome}${cell.by.length > 0 ? ` by ${cell.by.join(', ')}` : ''}`);
    record.cells.push(cell);
    files = await writeMutantsRecord(o.out, record);
  }
  return { record, files };
}

/** `mutants --merge OUT DIR...`: the shards' mutants.json as one record in OUT. */
export async function mergeMutants(dirs: string[], out: string): Promise<{ record: MutantsRecord; files: string[] }> {
  if (dirs.length === 0) throw userError('--merge: name the shards\' output directories');
  const records: MutantsRecord[] = [];
  for (const d of dirs) {
    const f = join(d, 'mutants.json');
    const text = await readFile(f, 'utf8').catch((e: Error) => {
      throw userError(`${f}: cannot read: ${e.message}`);
    });
    records.push(parseMutantsRecord(text, f));
  }
  const record = mergeMutantRecords(records);
  return { record, files: await writeMutantsRecord(out, record) };
}
