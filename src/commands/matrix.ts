// The scenario matrix as shards (for CI runners): shard i of n takes every n-th
// scenario of fixtures/scenarios/, in name order, and verifies each into its
// own run record under one directory.
import { readdir } from 'node:fs/promises';
import { join, resolve, dirname, basename } from 'node:path';
import { fileURLToPath } from 'node:url';
import { verify, type VerifyOptions } from './verify.ts';
import { parseShard, shardOf } from '../pipeline/shard.ts';
import type { SuiteRow } from '../report/suite-table.ts';

export const SCENARIO_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '../../fixtures/scenarios');

export interface MatrixResult extends SuiteRow {
  dir: string;
  claimsHold: boolean;
}

/** The scenario files (names in fixtures/scenarios/) shard i/n runs, in the order it runs them. */
export async function shardScenarios(shard: string): Promise<string[]> {
  const all = (await readdir(SCENARIO_DIR)).filter((f) => f.endsWith('.yaml')).sort();
  return shardOf(all, parseShard(shard));
}

export async function runMatrix(shard: string, out: string, base: Omit<VerifyOptions, 'scenario' | 'out'>): Promise<MatrixResult[]> {
  const mine = await shardScenarios(shard);
  const results: MatrixResult[] = [];
  for (const f of mine) {
    const scenario = basename(f, '.yaml');
    const dir = join(resolve(out), scenario);
    const started = Date.now();
    const r = await verify({ ...base, scenario: join(SCENARIO_DIR, f), out: dir });
    results.push({ dir, scenario, verdict: r.verdict, seconds: (Date.now() - started) / 1000, claimsHold: r.verdict.claimsHold });
  }
  return results;
}

/** Suites `verify --suite` knows: all = every scenario of fixtures/scenarios/ (the matrix as one shard). */
export const SUITES = ['all'] as const;
