// gcov's JSON (`gcov --json-format --stdout`, GCC 9+) as line counts of the
// files the series touches. A header's inline functions are counted in every
// object that includes it: their counts add up.
import type { LineCounts } from './hunks.ts';

interface GcovJson {
  files?: { file: string; lines?: { line_number: number; count: number }[] }[];
}

/** The tree-relative path a gcov file name stands for, among `touched` (gcov names sources as the compiler saw them). */
export function treePath(gcovFile: string, touched: string[]): string | undefined {
  const f = gcovFile.replace(/\\/g, '/');
  return touched.find((t) => f === t || f.endsWith(`/${t}`));
}

/** One or more JSON documents (one a line, as gcov -t prints them) into `into`. */
export function addGcovJson(into: LineCounts, text: string, touched: string[]): LineCounts {
  for (const doc of text.split('\n').filter((l) => l.trim().startsWith('{'))) {
    const j = JSON.parse(doc) as GcovJson;
    for (const f of j.files ?? []) {
      const path = treePath(f.file, touched);
      if (!path) continue;
      const m = into.get(path) ?? new Map<number, number>();
      for (const l of f.lines ?? []) m.set(l.line_number, (m.get(l.line_number) ?? 0) + l.count);
      into.set(path, m);
    }
  }
  return into;
}

/** For result.json: { file: { line: count } }. */
export const countsToJson = (c: LineCounts): Record<string, Record<string, number>> =>
  Object.fromEntries([...c].map(([f, m]) => [f, Object.fromEntries([...m].sort((a, b) => a[0] - b[0]))]));

export const countsFromJson = (j: Record<string, Record<string, number>>): LineCounts =>
  new Map(Object.entries(j).map(([f, m]) => [f, new Map(Object.entries(m).map(([l, n]) => [Number(l), n]))]));
