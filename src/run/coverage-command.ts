// `ipvs-verify coverage <run-dir...>`: the coverage of one or several run
// records (their union), from their coverage.json, without booting.
import { readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { userError } from '../errors.ts';
import { mergeCoverage, type CoverageRecord } from '../coverage/record.ts';

/** coverage.json files under the given paths: each a record, or a directory of records. */
export async function coverageFiles(paths: string[]): Promise<string[]> {
  const out: string[] = [];
  for (const p of paths) {
    const names = await readdir(p).catch(() => [] as string[]);
    if (names.includes('coverage.json')) out.push(join(p, 'coverage.json'));
    else for (const n of names.sort()) if ((await readdir(join(p, n)).catch(() => [] as string[])).includes('coverage.json')) out.push(join(p, n, 'coverage.json'));
  }
  return out;
}

export async function readCoverage(paths: string[]): Promise<CoverageRecord> {
  const files = await coverageFiles(paths);
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
