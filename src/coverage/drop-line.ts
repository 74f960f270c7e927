// Pure: how often ip_vs_random_dropentry()'s drop line ran in a covered run
// (gcov), to set beside the model's count of the same line per run
// (SimOutput.dropLines). The line is the entry's removal the scan decided on:
// base (the series reverted) `ip_vs_conn_expire_now(cp);` after "del
// connection", patched `ip_vs_conn_del(cp);` after `drop:`. gcov counts each
// time it ran: an entry met twice in one scan (base leaves it hashed until its
// timer fires; the scan draws buckets with replacement) counts twice, as the
// model's count does.
import type { Variant } from '../model/params.ts';
import type { Maybe } from '../record/trace-health.ts';
import type { CoverageRecord } from './record.ts';
import { rankAmong, type Rank } from '../compare/pit.ts';

export const DROP_FILE = 'net/netfilter/ipvs/ip_vs_conn.c';

const START = /^void ip_vs_random_dropentry\(/;
const DROP = /^\s*ip_vs_conn_(expire_now|del)\(cp\);/;

/** The drop line's 1-based number in ip_vs_conn.c's text, or why it cannot be told (none, or more than one, in the function). */
export function dropLineOf(text: string): Maybe<number> {
  const lines = text.split('\n');
  const start = lines.findIndex((l) => START.test(l));
  if (start < 0) return { notRecorded: `no ip_vs_random_dropentry() in ${DROP_FILE}` };
  const found: number[] = [];
  for (let i = start + 1; i < lines.length && lines[i] !== '}'; i++) if (DROP.test(lines[i]!)) found.push(i + 1);
  if (found.length !== 1) return { notRecorded: `ip_vs_random_dropentry() has ${found.length} lines removing cp (ip_vs_conn_expire_now/ip_vs_conn_del), not one` };
  return found[0]!;
}

/** The drop line and its gcov count in a variant's kernel, from a run's coverage.json. */
export function dropLineCount(cov: CoverageRecord, variant: Variant): Maybe<{ line: number; count: number }> {
  const text = cov.files?.[DROP_FILE]?.[variant];
  if (typeof text !== 'string') return { notRecorded: `the coverage record has no ${variant} ${DROP_FILE}` };
  const line = dropLineOf(text);
  if (typeof line !== 'number') return line;
  const counts = cov.counts?.[variant]?.[DROP_FILE];
  if (!counts) return { notRecorded: `no gcov counts of ${variant}'s ${DROP_FILE}` };
  const count = counts[String(line)];
  if (typeof count !== 'number' || !Number.isFinite(count)) return { notRecorded: `gcov has no count for ${DROP_FILE}:${line} in ${variant}` };
  return { line, count };
}

/** gcov's count of the drop line beside the model's runs' counts of it. */
export interface DropComparison extends Rank {
  line: number;
  gcov: number;
  /** The model's runs' counts: lowest, median (nearest rank), highest. */
  min: number;
  median: number;
  max: number;
}

/** Where gcov's count lies among the model's runs' (`model`: one count a run, at least one run). */
export function compareDrops(covered: { line: number; count: number }, model: ArrayLike<number>): Maybe<DropComparison> {
  if (model.length === 0) return { notRecorded: 'no model runs to compare with' };
  const sorted = Array.from(model).sort((a, b) => a - b);
  return {
    line: covered.line,
    gcov: covered.count,
    ...rankAmong(covered.count, sorted),
    min: sorted[0]!,
    median: sorted[Math.ceil(sorted.length / 2) - 1]!,
    max: sorted.at(-1)!,
  };
}
