// Run records on disk, found by the file each reader needs (result.json for
// report --merge, coverage.json for coverage, metadata.json for calibrate):
// one finder, so "what counts as a record under these paths" is one answer.
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';

/**
 * Run records under the given paths holding `file`: a path holding it is a
 * record and is not searched further (its try-N/ are inside it); else its
 * entries, in name order, are searched `depth` levels down (1: a directory
 * of records; Infinity: any depth, as a matrix's --out holds linux-<line>/
 * directories of them). An unreadable path, or a file, holds none.
 */
export async function recordsHolding(paths: string[], file: string, depth = 1): Promise<string[]> {
  const out: string[] = [];
  for (const p of paths) {
    const names = await readdir(p).catch(() => [] as string[]);
    if (names.includes(file)) out.push(p);
    else if (depth > 0) out.push(...(await recordsHolding(names.sort().map((n) => join(p, n)), file, depth - 1)));
  }
  return out;
}
