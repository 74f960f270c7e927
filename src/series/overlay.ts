// One more patch over a variant's files (a mutant over the patched variant):
// the files are written into a scratch directory, patch(1) runs there (never
// in the user's tree), and the result is the variant's file set with the
// patch's changes. A file the patch touches that the variant does not name is
// taken from the tree, so the build's file set stays complete.
import { mkdtemp, rm, mkdir, writeFile, readFile, copyFile } from 'node:fs/promises';
import { join, dirname } from 'node:path';
import { tmpdir } from 'node:os';
import { execa } from 'execa';
import { userError } from '../errors.ts';
import { findTool } from '../host/tools.ts';
import { failedHunk } from './apply.ts';
import type { SeriesPatch } from './read.ts';

export async function applyOver(tree: string, files: Map<string, Buffer | null>, patch: SeriesPatch): Promise<Map<string, Buffer | null>> {
  const patchBin = await findTool('patch');
  const scratch = await mkdtemp(join(tmpdir(), 'ipvs-verify-overlay-'));
  try {
    const all = [...new Set([...files.keys(), ...patch.files])].sort();
    for (const f of all) {
      await mkdir(dirname(join(scratch, f)), { recursive: true });
      const content = files.get(f);
      if (content) await writeFile(join(scratch, f), content);
      else if (!files.has(f)) await copyFile(join(tree, f), join(scratch, f)).catch(() => undefined);
    }
    // --fuzz=0: a mutant is one exact change; a hunk that only lands with fuzz is stale.
    const r = await execa(patchBin, ['-p1', '--force', '--forward', '--fuzz=0', '--no-backup-if-mismatch'], { cwd: scratch, input: patch.diff, reject: false, all: true });
    if (r.exitCode !== 0) {
      const where = failedHunk(r.all ?? '', patch);
      throw userError(`${patch.origin} does not apply over the patched files: ${where.file}: hunk ${where.hunk}\npatch(1) said:\n${(r.all ?? '').trim()}`);
    }
    const out = new Map<string, Buffer | null>();
    for (const f of all) out.set(f, await readFile(join(scratch, f)).catch(() => null));
    return out;
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
}
