// The scenario matrix as shards (for CI runners): shard i of n takes every n-th
// scenario of fixtures/scenarios/, in name order, and verifies each into its
// own run record under one directory.
import { readdir } from 'node:fs/promises';
import { join, resolve, dirname, basename } from 'node:path';
import { fileURLToPath } from 'node:url';
import { userError } from '../errors.ts';
import { verify, type VerifyOptions } from './verify.ts';
import type { SuiteRow } from '../report/suite-table.ts';

export const SCENARIO_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '../../fixtures/scenarios');

/** Pure: "2/3" -> { index: 2, count: 3 }. */
export function parseShard(s: string): { index: number; count: number } {
  const m = /^(\d+)\/(\d+)$/.exec(s);
  const index = Number(m?.[1]);
  const count = Number(m?.[2]);
  if (!m || count < 1 || index < 1 || index > count) throw userError(`--shard wants i/n with 1 <= i <= n, got "${s}"`);
  return { index, count };
}

/** Pure: the scenarios of shard i/n. */
export function shardOf<T>(items: T[], shard: { index: number; count: number }): T[] {
  return items.filter((_, k) => k % shard.count === shard.index - 1);
}

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
