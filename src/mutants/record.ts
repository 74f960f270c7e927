// Pure: the mutants' record (mutants.json): each mutant x scenario's outcome,
// each mutant's status and the score; and several shards' records as one.
import { userError } from '../errors.ts';
import { byHunk, type MutantInfo } from './catalogue.ts';

export type CellOutcome = 'killed' | 'survived' | 'error';

export interface MutantCell {
  mutant: string;
  scenario: string;
  outcome: CellOutcome;
  /** What killed it (series bands, claim ids); empty unless killed. */
  by: string[];
  /** Why (the kill's numbers, or the error's message). */
  note: string;
  /** Its run record, when one was written. */
  run?: string;
  seconds: number;
}

export interface MutantsRecord {
  tool: 'ipvs-verify';
  kind: 'mutants';
  /** The kernel line the mutants were built on (6.1, 6.12). */
  kernelLine: string;
  mutants: MutantInfo[];
  scenarios: string[];
  cells: MutantCell[];
}

/**
 * killed: some scenario killed it (even one argued equivalent: the argument is
 * then wrong). equivalent: argued so in the catalogue, and nothing killed it.
 * error: every run of it failed (it did not apply, build or boot). survived:
 * it ran and nothing killed it. not run: no cell (a partial record).
 */
export type MutantStatus = 'killed' | 'equivalent' | 'survived' | 'error' | 'not run';

export function mutantStatus(m: MutantInfo, cells: MutantCell[]): MutantStatus {
  const mine = cells.filter((c) => c.mutant === m.id);
  if (mine.some((c) => c.outcome === 'killed')) return 'killed';
  if (m.equivalent) return 'equivalent';
  if (mine.length === 0) return 'not run';
  return mine.every((c) => c.outcome === 'error') ? 'error' : 'survived';
}

export interface Score {
  killed: number;
  /** Mutants not argued equivalent (or argued so, but killed). */
  nonEquivalent: number;
  equivalent: number;
  survived: string[];
  errors: string[];
  /** No cell in the record (a partial run): neither killed nor survived, and not killed for the score. */
  notRun: string[];
  /** killed / nonEquivalent (1 when every mutant is equivalent). */
  score: number;
}

export function score(r: MutantsRecord): Score {
  const status = r.mutants.map((m) => ({ id: m.id, s: mutantStatus(m, r.cells) }));
  const killed = status.filter((x) => x.s === 'killed').length;
  const equivalent = status.filter((x) => x.s === 'equivalent').length;
  const nonEquivalent = status.length - equivalent;
  return {
    killed,
    nonEquivalent,
    equivalent,
    survived: status.filter((x) => x.s === 'survived').map((x) => x.id),
    errors: status.filter((x) => x.s === 'error').map((x) => x.id),
    notRun: status.filter((x) => x.s === 'not run').map((x) => x.id),
    score: nonEquivalent === 0 ? 1 : killed / nonEquivalent,
  };
}

/** The command's success (exit 0): every mutant not argued equivalent was killed. */
export function everyMutantKilled(r: MutantsRecord): boolean {
  const s = score(r);
  return s.killed === s.nonEquivalent;
}

/** Shards' records as one: the union of their mutants, scenarios and cells (one line, no cell twice). */
export function mergeMutantRecords(records: MutantsRecord[]): MutantsRecord {
  if (records.length === 0) throw userError('no mutants record to merge');
  const lines = [...new Set(records.map((r) => r.kernelLine))];
  if (lines.length > 1) throw userError(`the records are of different kernel lines (${lines.join(', ')}): merge a line at a time`);
  const mutants = new Map<string, MutantInfo>();
  const cells = new Map<string, MutantCell>();
  for (const r of records) {
    for (const m of r.mutants) if (!mutants.has(m.id)) mutants.set(m.id, m);
    for (const c of r.cells) {
      const key = `${c.mutant}\0${c.scenario}`;
      if (cells.has(key)) throw userError(`mutant ${c.mutant} on scenario ${c.scenario} is in two of the records (a shard given twice?)`);
      cells.set(key, c);
    }
  }
  return {
    tool: 'ipvs-verify',
    kind: 'mutants',
    kernelLine: lines[0]!,
    mutants: [...mutants.values()].sort(byHunk),
    scenarios: [...new Set(records.flatMap((r) => r.scenarios))].sort(),
    cells: [...cells.values()],
  };
}

/** A mutants.json's text, checked for what this code reads. */
export function parseMutantsRecord(text: string, where: string): MutantsRecord {
  let r: Partial<MutantsRecord>;
  try {
    r = JSON.parse(text) as Partial<MutantsRecord>;
  } catch (e) {
    throw userError(`${where}: not JSON: ${(e as Error).message}`);
  }
  if (r.kind !== 'mutants' || !Array.isArray(r.mutants) || !Array.isArray(r.cells) || !Array.isArray(r.scenarios) || typeof r.kernelLine !== 'string') {
    throw userError(`${where}: not a mutants record (kind, kernelLine, mutants, scenarios, cells)`);
  }
  return r as MutantsRecord;
}
