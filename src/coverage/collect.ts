// The guest's gcov data (base64 of a tar of .gcda files, on ttyS2) as line
// counts: each .gcda beside its .gcno from the kernel's cache entry, read by
// the host's gcov (the compiler that built the kernel).
import { mkdtemp, readFile, readdir, rm, writeFile, mkdir, copyFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { execa } from 'execa';
import * as tar from 'tar';
import { kernelError, infraError } from '../errors.ts';
import { addGcovJson } from './gcov.ts';
import type { LineCounts } from './hunks.ts';

/** Tree-relative paths of the .gcno files a build kept (e.g. net/netfilter/ipvs/ip_vs_conn.gcno). */
async function gcnoFiles(gcnoDir: string): Promise<string[]> {
  const entries = await readdir(gcnoDir, { recursive: true, withFileTypes: true });
  return entries.filter((e) => e.isFile() && e.name.endsWith('.gcno')).map((e) => join(e.parentPath ?? e.path, e.name).slice(gcnoDir.length + 1));
}

export async function collectCoverage(coverageFile: string, gcnoDir: string, touched: string[]): Promise<{ counts: LineCounts; gcda: number }> {
  const b64 = await readFile(coverageFile, 'utf8').catch(() => '');
  if (b64.trim() === '') throw kernelError(`--coverage: the guest sent no gcov data (${coverageFile} is empty)`, { evidence: coverageFile });
  const work = await mkdtemp(join(tmpdir(), 'ipvs-verify-gcov-'));
  try {
    const archive = join(work, 'gcda.tar');
    await writeFile(archive, Buffer.from(b64.replace(/[^A-Za-z0-9+/=]/g, ''), 'base64'));
    const raw = join(work, 'raw');
    await mkdir(raw);
    await tar.x({ file: archive, cwd: raw, strict: true }).catch((e: Error) => {
      throw kernelError(`--coverage: the guest's gcov data is damaged: ${e.message}`, { evidence: coverageFile });
    });
    // debugfs names each .gcda by its object's absolute path at build time;
    // the tail that matches a kept .gcno says which it is.
    const gcnos = await gcnoFiles(gcnoDir);
    const found = (await readdir(raw, { recursive: true, withFileTypes: true })).filter((e) => e.isFile() && e.name.endsWith('.gcda'));
    const counts: LineCounts = new Map();
    let used = 0;
    for (const e of found) {
      const full = join(e.parentPath ?? e.path, e.name);
      const rel = gcnos.find((g) => full.endsWith(`/${g.replace(/\.gcno$/, '.gcda')}`));
      if (!rel) continue;
      const dir = join(work, 'objs', dirname(rel));
      await mkdir(dir, { recursive: true });
      const stem = rel.replace(/\.gcno$/, '');
      await copyFile(join(gcnoDir, rel), join(work, 'objs', `${stem}.gcno`));
      await copyFile(full, join(work, 'objs', `${stem}.gcda`));
      const r = await execa('gcov', ['--json-format', '--stdout', `${stem}.gcda`], { cwd: join(work, 'objs'), reject: false, maxBuffer: 1e9 });
      if (r.exitCode !== 0) throw infraError(`gcov failed on ${stem}.gcda: ${r.stderr.slice(-500)}`);
      addGcovJson(counts, r.stdout, touched);
      used++;
    }
    if (used === 0) throw kernelError(`--coverage: none of the guest's ${found.length} .gcda files matches the build's .gcno files`, { evidence: coverageFile });
    return { counts, gcda: used };
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}
