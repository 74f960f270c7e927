// Pure: shards for the nightly's runners: shard i of n takes items i-1,
// i-1+n, i-1+2n, ... of a list (the matrix's scenarios, the mutants, a fuzz
// campaign's cases), so the shards together take each item once.
import { userError } from '../errors.ts';

export interface Shard {
  index: number;
  count: number;
}

/** "2/3" -> { index: 2, count: 3 }. */
export function parseShard(s: string): Shard {
  const m = /^(\d+)\/(\d+)$/.exec(s);
  const index = Number(m?.[1]);
  const count = Number(m?.[2]);
  if (!m || count < 1 || index < 1 || index > count) throw userError(`--shard wants i/n with 1 <= i <= n, got "${s}"`);
  return { index, count };
}

/** The items of shard i/n. */
export function shardOf<T>(items: T[], shard: Shard): T[] {
  return items.filter((_, k) => k % shard.count === shard.index - 1);
}
