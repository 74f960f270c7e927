// Applies or reverts a series with patch(1) (--force: never guess that a patch
// is reversed, as --batch would) on a scratch copy of the files it
// touches, so that a patch that does not apply changes nothing real. Failures
// name the patch, the file and the hunk.
import { mkdtemp, rm, mkdir, copyFile, readFile } from 'node:fs/promises';
import { join, dirname } from 'node:path';
import { tmpdir } from 'node:os';
import { execa } from 'execa';
import { userError } from '../errors.ts';
import { findTool } from '../host/tools.ts';
import { touchedFiles, type SeriesPatch } from './read.ts';

export interface ApplyFailure {
  patch: string;
  subject: string;
  file: string;
  hunk: string;
  output: string;
}

/** Which file and hunk patch(1) says failed. */
export function failedHunk(output: string, patch: SeriesPatch): { file: string; hunk: string } {
  let file = patch.files[0] ?? '?';
  for (const line of output.split('\n')) {
    const f = /^(?:patching|checking) file '?([^']+?)'?$/.exec(line.trim());
    if (f) file = f[1]!;
    const h = /^Hunk #(\d+) FAILED/.exec(line.trim());
    if (h) {
      const n = Number(h[1]);
      const hunks = patch.hunks.filter((x) => x.file === file);
      return { file, hunk: `#${n} ${hunks[n - 1]?.header ?? ''}`.trim() };
    }
    const missing = /can't find file to patch|No file to patch/.test(line);
    if (missing) return { file, hunk: 'file missing' };
  }
  if (/Reversed \(or previously applied\) patch detected/.test(output)) return { file, hunk: 'already applied' };
  return { file, hunk: '?' };
}

/** How many hunks patch(1) could not place (failed, or ignored with their file missing). */
function failedHunks(output: string): number {
  let n = 0;
  for (const m of output.matchAll(/^Hunk #\d+ FAILED|^(\d+) out of \d+ hunks? ignored/gm)) n += m[1] ? Number(m[1]) : 1;
  return n;
}

function failureMessage(f: ApplyFailure, reverse: boolean): string {
  return `patch ${f.patch} ("${f.subject}") does not ${reverse ? 'revert' : 'apply'}: ${f.file}: hunk ${f.hunk}`;
}

/**
 * Runs the series forward (or backward, last patch first) over copies of the
 * touched files of `tree`. Returns the resulting contents, or the first failure.
 */
export async function runSeries(
  tree: string,
  series: SeriesPatch[],
  reverse: boolean,
): Promise<{ files: Map<string, Buffer | null> } | { failure: ApplyFailure }> {
  const patchBin = await findTool('patch');
  const scratch = await mkdtemp(join(tmpdir(), 'ipvs-verify-series-'));
  try {
    for (const f of touchedFiles(series)) {
      await mkdir(dirname(join(scratch, f)), { recursive: true });
      await copyFile(join(tree, f), join(scratch, f)).catch(() => undefined);
    }
    const order = reverse ? [...series].reverse() : series;
    for (const p of order) {
      const r = await execa(
        patchBin,
        ['-p1', '--force', '--no-backup-if-mismatch', ...(reverse ? ['-R'] : ['--forward'])],
        { cwd: scratch, input: p.diff, reject: false, all: true },
      );
      if (r.exitCode !== 0) {
        const where = failedHunk(r.all ?? '', p);
        return { failure: { patch: p.origin, subject: p.subject, ...where, output: r.all ?? '' } };
      }
    }
    const files = new Map<string, Buffer | null>();
    for (const f of touchedFiles(series)) {
      files.set(f, await readFile(join(scratch, f)).catch(() => null));
    }
    return { files };
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
}

export interface Variants {
  /** Whether the source tree already carries the series (Debian's 6.1 does). */
  sourceHasSeries: boolean;
  base: Map<string, Buffer | null>;
  patched: Map<string, Buffer | null>;
}

export type SeriesInSource = 'auto' | 'yes' | 'no';

/**
 * base and patched contents of the touched files. A tree that carries the series
 * is reverted to make base; one that lacks it is patched to make patched. `auto`
 * finds out which; `yes` and `no` insist, and say so when the tree disagrees.
 */
export async function deriveVariants(tree: string, series: SeriesPatch[], inSource: SeriesInSource = 'auto'): Promise<Variants> {
  const asIs = new Map<string, Buffer | null>();
  for (const f of touchedFiles(series)) asIs.set(f, await readFile(join(tree, f)).catch(() => null));
  const said = (r: { failure: ApplyFailure }, reverse: boolean) => `${failureMessage(r.failure, reverse)}\npatch(1) said:\n${r.failure.output.trim()}`;
  if (inSource !== 'no') {
    const reverted = await runSeries(tree, series, true);
    if ('files' in reverted) return { sourceHasSeries: true, base: reverted.files, patched: asIs };
    if (inSource === 'yes') throw userError(`the source was said to carry the series, but ${said(reverted, true)}`);
    const applied = await runSeries(tree, series, false);
    if ('files' in applied) return { sourceHasSeries: false, base: asIs, patched: applied.files };
    // Neither way works: lead with the direction that came closer (fewer failed
    // hunks), which is where the patch and the tree really disagree.
    const [first, firstReverse, other, otherReverse] =
      failedHunks(reverted.failure.output) < failedHunks(applied.failure.output)
        ? [reverted, true, applied, false]
        : [applied, false, reverted, true];
    throw userError(
      `${failureMessage(first.failure, firstReverse)}\n` +
        `(nor does it ${otherReverse ? 'revert' : 'apply'}: ${failureMessage(other.failure, otherReverse)})\n` +
        `patch(1) said:\n${first.failure.output.trim()}`,
    );
  }
  const applied = await runSeries(tree, series, false);
  if ('files' in applied) return { sourceHasSeries: false, base: asIs, patched: applied.files };
  const reverted = await runSeries(tree, series, true);
  if ('files' in reverted) {
    throw userError(`the series is already applied to the source (it reverts cleanly); use --series-in-source yes or auto\n${failureMessage(applied.failure, false)}`);
  }
  throw userError(said(applied, false));
}
