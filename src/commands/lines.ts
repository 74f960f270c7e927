// One scenario on several Debian kernel lines (`verify --kernel-lines 6.1,6.12`):
// a run record per line under one directory, then one report over them.
import { join, resolve } from 'node:path';
import { verify, type VerifyOptions, type VerifyResult } from './verify.ts';
import { mergeRecords } from '../report/write.ts';
import type { Verdict } from '../compare/verdict.ts';
import { OUTCOME_LABEL } from '../claims/outcome.ts';
import { ensureInstalled, type DebianLine } from '../source/debian.ts';
import { defaultRunDir } from '../run-stamp.ts';

export interface LineResult {
  line: DebianLine;
  result: VerifyResult;
}

/** A line's record directory under the run's. */
export const lineDir = (out: string, line: string) => join(out, `linux-${line}`);

/** Pure: the claims and the agreement of each variant, one column a line. */
export function linesTable(rows: { line: string; verdict: Verdict }[]): string {
  const ids = [...new Set(rows.flatMap((r) => r.verdict.claims.map((c) => c.id)))];
  const variants = [...new Set(rows.flatMap((r) => Object.keys(r.verdict.variants)))];
  const head = ['', ...rows.map((r) => `linux ${r.line}`)];
  const body: string[][] = [];
  for (const v of variants) {
    body.push([v, ...rows.map((r) => {
      const x = r.verdict.variants[v as keyof Verdict['variants']];
      return x ? (x.agrees ? 'agrees' : 'DISAGREES') : '-';
    })]);
  }
  for (const id of ids) {
    body.push([id, ...rows.map((r) => {
      const o = r.verdict.claims.find((c) => c.id === id)?.outcome;
      return o ? OUTCOME_LABEL[o] : '-';
    })]);
  }
  body.push(['verdict', ...rows.map((r) => (r.verdict.claimsHold ? 'PASS' : 'FAIL'))]);
  const table = [head, ...body];
  const widths = head.map((_, k) => Math.max(...table.map((row) => row[k]!.length)));
  return table.map((row) => row.map((cell, k) => cell.padEnd(widths[k]!)).join('  ').trimEnd()).join('\n');
}

/** Runs the scenario on each line in turn (the builds share the two cores), then merges the records. */
export async function verifyLines(lines: DebianLine[], o: Omit<VerifyOptions, 'source'>): Promise<{ out: string; perLine: LineResult[]; files: string[]; claimsHold: boolean }> {
  const out = resolve(o.out ?? defaultRunDir('lines'));
  // Every line's source is there (or installed) before the first build starts.
  for (const line of lines) await ensureInstalled(line);
  const perLine: LineResult[] = [];
  for (const line of lines) {
    const result = await verify({ ...o, source: { path: `debian:${line}` }, out: lineDir(out, line) });
    perLine.push({ line, result });
  }
  const merged = await mergeRecords([out], out);
  return { out, perLine, ...merged };
}
