// Pure: line counts of each variant's kernel (gcov) mapped onto the series'
// hunks. A hunk's changed lines are found where they are in this tree's files:
// its `+` lines in the patched file, its `-` lines in the base file (each as a
// block with its context where it can be, line by line where a later patch
// changed the context). A hunk is reached in a variant when one of its changed
// lines there ran at least once; a changed line gcov calls not executable (a
// declaration, a brace, a #define, a line of a macro body) counts for neither,
// but for a line that continues a statement, which counts as its first line.
import { parsePatch } from 'diff';
import type { SeriesPatch } from '../series/read.ts';

/** Per tree-relative file: executable line -> times it ran (absent: not executable). */
export type LineCounts = Map<string, Map<number, number>>;

export interface HunkLine {
  /** Line number in the variant's file, or null when the line is not in it. */
  line: number | null;
  text: string;
  /** Times it ran; null when gcov has no count for it (not executable, or not found). */
  count: number | null;
}

export interface HunkCoverage {
  patch: number;
  hunk: number;
  file: string;
  /** The hunk's header, e.g. "@@ -1251,11 +1300,18 @@ void ip_vs_random_dropentry(...)". */
  header: string;
  /** Where it is: the function git names in the header, when it does. */
  context: string;
  /** Its `-` lines in base, its `+` lines in patched. */
  base: HunkLine[];
  patched: HunkLine[];
  /** Reached: a changed line with a count > 0; null when no changed line is executable there. */
  reachedBase: boolean | null;
  reachedPatched: boolean | null;
}

export interface PatchCoverage {
  patch: number;
  subject: string;
  hunks: HunkCoverage[];
  /** Hunks with an executable changed line in either variant, and those reached in either. */
  measurable: number;
  reached: number;
}

interface ParsedHunk {
  file: string;
  header: string;
  oldStart: number;
  newStart: number;
  lines: string[];
}

/** The hunks of one patch, in order, with their headers as written. */
export function hunksOf(patch: SeriesPatch): ParsedHunk[] {
  const out: ParsedHunk[] = [];
  const headers = patch.diff.split('\n').filter((l) => l.startsWith('@@ '));
  let k = 0;
  for (const f of parsePatch(patch.diff)) {
    const file = (f.newFileName ?? f.oldFileName ?? '').replace(/^[ab]\//, '');
    for (const h of f.hunks) {
      out.push({ file, header: headers[k++] ?? `@@ -${h.oldStart} +${h.newStart} @@`, oldStart: h.oldStart, newStart: h.newStart, lines: h.lines });
    }
  }
  return out;
}

/** 1-based line numbers where `block` occurs in `lines`, nearest to `near` first. */
function blockAt(lines: string[], block: string[], near: number): number | undefined {
  if (block.length === 0) return undefined;
  let best: number | undefined;
  for (let i = 0; i + block.length <= lines.length; i++) {
    let ok = true;
    for (let j = 0; j < block.length && ok; j++) ok = lines[i + j] === block[j];
    if (ok && (best === undefined || Math.abs(i + 1 - near) < Math.abs(best - near))) best = i + 1;
  }
  return best;
}

/**
 * The changed lines of a hunk (`sign` '+' or '-') located in a file's lines:
 * the whole side (context and changed lines) as a block where it is intact,
 * else each changed line with the line before it, else alone, nearest to
 * where the block would start.
 */
export function locate(fileLines: string[], hunkLines: string[], sign: '+' | '-', near: number): { text: string; line: number | null }[] {
  const side = hunkLines.filter((l) => l[0] === ' ' || l[0] === sign);
  const texts = side.map((l) => l.slice(1));
  const at = blockAt(fileLines, texts, near);
  const out: { text: string; line: number | null }[] = [];
  side.forEach((l, i) => {
    if (l[0] !== sign) return;
    const text = l.slice(1);
    if (at !== undefined) return out.push({ text, line: at + i });
    const expected = near + i;
    const withPrev = i > 0 ? blockAt(fileLines, [texts[i - 1]!, text], expected - 1) : undefined;
    const alone = withPrev === undefined ? blockAt(fileLines, [text], expected) : withPrev + 1;
    out.push({ text, line: alone ?? null });
  });
  return out;
}

/** A line that goes on into the next: the statement it starts is not over. */
const CONTINUES = /(,|\(|&&|\|\||[-+*/|&?=<>])\s*$/;

/**
 * A line's count; a line gcov does not count that continues a statement from
 * the lines above (an argument of a call spread over lines) takes the count of
 * the statement's first line, where gcov puts it.
 */
function countOf(counts: Map<number, number> | undefined, line: number | null, fileLines: string[]): number | null {
  if (line === null || !counts) return null;
  const own = counts.get(line);
  if (own !== undefined) return own;
  for (let l = line - 1; l >= Math.max(1, line - 10); l--) {
    if (!CONTINUES.test(fileLines[l - 1] ?? '')) return null;
    const n = counts.get(l);
    if (n !== undefined) return n;
  }
  return null;
}

function reached(lines: HunkLine[]): boolean | null {
  const executable = lines.filter((l) => l.count !== null);
  if (executable.length === 0) return null;
  return executable.some((l) => l.count! > 0);
}

export interface CoverageInput {
  series: SeriesPatch[];
  /** Per touched file: its text in base and in patched (null: absent there). */
  files: Map<string, { base: string | null; patched: string | null }>;
  counts: { base?: LineCounts; patched?: LineCounts };
}

/** Every hunk of every patch with its counts in each variant. */
export function seriesCoverage(input: CoverageInput): PatchCoverage[] {
  const split = (s: string | null) => (s === null ? [] : s.split('\n'));
  return input.series.map((patch, p) => {
    const hunks = hunksOf(patch).map((h, k): HunkCoverage => {
      const f = input.files.get(h.file);
      const baseLines = split(f?.base ?? null);
      const patchedLines = split(f?.patched ?? null);
      const base = locate(baseLines, h.lines, '-', h.oldStart).map((l) => ({ ...l, count: countOf(input.counts.base?.get(h.file), l.line, baseLines) }));
      const patched = locate(patchedLines, h.lines, '+', h.newStart).map((l) => ({ ...l, count: countOf(input.counts.patched?.get(h.file), l.line, patchedLines) }));
      const context = /^@@ [^@]+ @@\s*(.*)$/.exec(h.header)?.[1]?.trim() ?? '';
      return {
        patch: p + 1,
        hunk: k + 1,
        file: h.file,
        header: h.header,
        context,
        base,
        patched,
        reachedBase: input.counts.base ? reached(base) : null,
        reachedPatched: input.counts.patched ? reached(patched) : null,
      };
    });
    const measurable = hunks.filter((h) => h.reachedBase !== null || h.reachedPatched !== null).length;
    const reachedCount = hunks.filter((h) => h.reachedBase === true || h.reachedPatched === true).length;
    return { patch: p + 1, subject: patch.subject, hunks, measurable, reached: reachedCount };
  });
}

/** Two runs' counts as one (a suite's coverage is the union: counts add). */
export function mergeCounts(a: LineCounts, b: LineCounts): LineCounts {
  const out: LineCounts = new Map();
  for (const src of [a, b]) {
    for (const [file, lines] of src) {
      const m = out.get(file) ?? new Map<number, number>();
      for (const [line, n] of lines) m.set(line, (m.get(line) ?? 0) + n);
      out.set(file, m);
    }
  }
  return out;
}

/** "series coverage: patch 1 5/9 hunks, patch 2 6/6 hunks" */
export function coverageLine(patches: PatchCoverage[]): string {
  return `series coverage: ${patches.map((p) => `patch ${p.patch} ${p.reached}/${p.hunks.length} hunks`).join(', ')}`;
}

/** The table: unreached hunks first (with the function they are in), then the reached. */
export function coverageTable(patches: PatchCoverage[]): string {
  const rows: string[] = [];
  const fmt = (r: boolean | null, lines: HunkLine[]) => {
    if (r === null) return 'n/a';
    const n = lines.reduce((s, l) => s + (l.count ?? 0), 0);
    return `${r ? 'yes' : 'NO'} (${n})`;
  };
  const all = patches.flatMap((p) => p.hunks);
  const order = [...all.filter((h) => h.reachedBase !== true && h.reachedPatched !== true), ...all.filter((h) => h.reachedBase === true || h.reachedPatched === true)];
  rows.push(['hunk', 'file:line (patched|base)', 'base', 'patched', 'in'].join('\t'));
  for (const h of order) {
    const where = h.patched.find((l) => l.line !== null)?.line ?? h.base.find((l) => l.line !== null)?.line ?? '?';
    rows.push([`${h.patch}.${h.hunk}`, `${h.file}:${where}`, fmt(h.reachedBase, h.base), fmt(h.reachedPatched, h.patched), h.context || '-'].join('\t'));
  }
  return rows.join('\n');
}
