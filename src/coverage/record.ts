// What a run record keeps of its coverage: coverage.json (the series, the
// touched files as each variant has them, the raw counts: enough to map again
// or to merge with other records) and a summary in metadata.json/result.json.
import type { SeriesPatch } from '../series/read.ts';
import type { Variant } from '../model/params.ts';
import { countsFromJson, countsToJson } from './gcov.ts';
import { seriesCoverage, mergeCounts, type LineCounts, type PatchCoverage } from './hunks.ts';

export interface CoverageRecord {
  series: SeriesPatch[];
  files: Record<string, { base: string | null; patched: string | null }>;
  counts: { base?: Record<string, Record<string, number>>; patched?: Record<string, Record<string, number>> };
  patches: PatchCoverage[];
}

export function coverageRecord(
  series: SeriesPatch[],
  files: Map<string, { base: string | null; patched: string | null }>,
  counts: { base?: LineCounts; patched?: LineCounts },
  patches: PatchCoverage[],
): CoverageRecord {
  return {
    series,
    files: Object.fromEntries(files),
    counts: { ...(counts.base ? { base: countsToJson(counts.base) } : {}), ...(counts.patched ? { patched: countsToJson(counts.patched) } : {}) },
    patches,
  };
}

export type CoverageSummary = ReturnType<typeof coverageSummary>;

/** Per patch: hunks reached of all, and each hunk's where and counts (for result.json). */
export function coverageSummary(patches: PatchCoverage[]) {
  const total = (ls: { count: number | null }[]) => ls.reduce((s, l) => s + (l.count ?? 0), 0);
  return patches.map((p) => ({
    patch: p.patch,
    subject: p.subject,
    hunks: p.hunks.length,
    measurable: p.measurable,
    reached: p.reached,
    detail: p.hunks.map((h) => ({
      hunk: h.hunk,
      file: h.file,
      line: h.patched.find((l) => l.line !== null)?.line ?? h.base.find((l) => l.line !== null)?.line ?? null,
      context: h.context,
      reachedBase: h.reachedBase,
      reachedPatched: h.reachedPatched,
      countBase: total(h.base),
      countPatched: total(h.patched),
    })),
  }));
}

/**
 * Several records of the same series as one: counts added per variant (a
 * suite's coverage is the union), then mapped again. Records of another series
 * or other files are refused by the caller comparing `series`.
 */
export function mergeCoverage(records: CoverageRecord[]): CoverageRecord {
  const first = records[0]!;
  const sum = (v: Variant) => {
    const all = records.map((r) => r.counts[v]).filter((c): c is Record<string, Record<string, number>> => c !== undefined).map(countsFromJson);
    return all.length ? all.reduce(mergeCounts) : undefined;
  };
  const [base, patched] = [sum('base'), sum('patched')];
  const counts = { ...(base ? { base } : {}), ...(patched ? { patched } : {}) };
  const files = new Map(Object.entries(first.files));
  return coverageRecord(first.series, files, counts, seriesCoverage({ series: first.series, files, counts }));
}
