// `ipvs-verify coverage <run-dir...>`: the coverage of one or several run
// records (their union), from their coverage.json, without booting.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { userError } from '../errors.ts';
import { mergeCoverage, type CoverageRecord } from './record.ts';
import { recordsHolding } from '../record/find-records.ts';

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
