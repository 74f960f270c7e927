// `ipvs-verify coverage <run-dir...>`: the coverage of one or several run
// records (their union), from their coverage.json, without booting.
import { readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { userError } from '../errors.ts';
import { mergeCoverage, type CoverageRecord } from './record.ts';

/** Run records under the given paths holding `file`: each path a record, or a directory of records. */
export async function recordsHolding(paths: string[], file: string): Promise<string[]> {
  const out: string[] = [];
  for (const p of paths) {
    const names = await readdir(p).catch(() => [] as string[]);
    if (names.includes(file)) out.push(p);
    else for (const n of names.sort()) if ((await readdir(join(p, n)).catch(() => [] as string[])).includes(file)) out.push(join(p, n));
  }
  return out;
}

export async function readCoverage(paths: string[]): Promise<CoverageRecord> {
  const files = (await recordsHolding(paths, 'coverage.json')).map((r) => join(r, 'coverage.json'));
  if (files.length === 0) throw userError(`no coverage data (coverage.json) under ${paths.join(', ')}: verify with --coverage makes it`);
  const records = await Promise.all(files.map(async (f) => JSON.parse(await readFile(f, 'utf8')) as CoverageRecord));
  const diff = (r: CoverageRecord) => r.series.map((p) => p.diff).join('\n');
  const odd = files.find((_, i) => diff(records[i]!) !== diff(records[0]!));
  if (odd) throw userError(`${odd} covers another series than ${files[0]}: coverage adds up only over one series`);
  const tree = (r: CoverageRecord) => JSON.stringify(r.files);
  const other = files.find((_, i) => tree(records[i]!) !== tree(records[0]!));
  if (other) throw userError(`${other} was made on other sources than ${files[0]} (another kernel line?): its line numbers do not add up with them`);
  return mergeCoverage(records);
}
