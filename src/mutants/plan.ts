// Pure: which mutant runs on which scenario. The chosen mutants (all, or those
// --mutant names) are cut into shards like the matrix's scenarios (every n-th,
// in catalogue order), so that one runner builds each of its mutants once and
// runs every chosen scenario on it.
import { basename } from 'node:path';
import { userError } from '../errors.ts';
import { shardOf, type Shard } from '../pipeline/shard.ts';
import type { Mutant } from './catalogue.ts';

export interface PlannedRun {
  mutant: Mutant;
  /** The scenario file, and its name in the table (the file's name without .yaml). */
  scenarioPath: string;
  scenario: string;
}

export interface MutantsPlan {
  mutants: Mutant[];
  scenarios: string[];
  /** Mutant by mutant, each on every scenario in the order given. */
  runs: PlannedRun[];
}

export const scenarioName = (path: string) => basename(path).replace(/\.ya?ml$/, '');

/** The catalogue's mutants named by `ids` (all when none), in catalogue order. */
export function chooseMutants(catalogue: Mutant[], ids: string[] | undefined): Mutant[] {
  if (!ids || ids.length === 0) return catalogue;
  const known = new Set(catalogue.map((m) => m.id));
  const unknown = ids.filter((id) => !known.has(id));
  if (unknown.length > 0) throw userError(`--mutant: no mutant ${unknown.map((u) => `"${u}"`).join(', ')} in the catalogue (known: ${[...known].join(', ')})`);
  const wanted = new Set(ids);
  return catalogue.filter((m) => wanted.has(m.id));
}

export function planMutants(catalogue: Mutant[], o: { ids?: string[]; scenarioPaths: string[]; shard: Shard }): MutantsPlan {
  if (o.scenarioPaths.length === 0) throw userError('no scenario to run the mutants on');
  const names = o.scenarioPaths.map(scenarioName);
  const dup = names.find((n, i) => names.indexOf(n) !== i);
  if (dup) throw userError(`two scenarios are named "${dup}": each needs its own column and run directory`);
  const mutants = shardOf(chooseMutants(catalogue, o.ids), o.shard);
  const runs = mutants.flatMap((mutant) => o.scenarioPaths.map((scenarioPath, k) => ({ mutant, scenarioPath, scenario: names[k]! })));
  return { mutants, scenarios: names, runs };
}
