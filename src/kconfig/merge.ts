// Produces a kernel .config from the fragments in kernel-configs/ with the
// kernel's own merge_config.sh and olddefconfig, in a scratch build directory.
import { readFile, readdir, mkdtemp, rm, mkdir } from 'node:fs/promises';
import { createHash } from 'node:crypto';
import { join, resolve, dirname } from 'node:path';
import { tmpdir } from 'node:os';
import { fileURLToPath } from 'node:url';
import { execa } from 'execa';
import { buildError, userError } from '../errors.ts';
import { droppedSymbols, droppedMessage } from './fragments.ts';
import { atomicWriteFile, cacheRoot } from '../cache.ts';

const CONFIG_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '../../kernel-configs');

export interface Fragment {
  name: string;
  path: string;
  text: string;
}

export async function readFragments(dir = CONFIG_DIR, extra: string[] = []): Promise<Fragment[]> {
  const names = (await readdir(dir)).filter((n) => n.endsWith('.config')).sort();
  const paths = [...names.map((n) => join(dir, n)), ...extra.map((p) => resolve(p))];
  const out: Fragment[] = [];
  for (const path of paths) {
    try {
      out.push({ name: path.split('/').at(-1)!, path, text: await readFile(path, 'utf8') });
    } catch (e) {
      throw userError(`cannot read config fragment ${path}: ${(e as Error).message}`);
    }
  }
  return out;
}

/** allnoconfig + fragments + olddefconfig; returns the final .config text. */
async function mergeConfig(sourceDir: string, arch: string, fragments: Fragment[]): Promise<string> {
  const scratch = await mkdtemp(join(tmpdir(), 'ipvs-verify-kconfig-'));
  try {
    const make = (target: string) =>
      execa('make', ['-s', `O=${scratch}`, `ARCH=${arch}`, target], {
        cwd: sourceDir,
        reject: false,
        all: true,
      });
    let r = await make('allnoconfig');
    if (r.exitCode !== 0) throw buildError(`make allnoconfig failed:\n${r.all}`);
    r = await execa(
      join(sourceDir, 'scripts/kconfig/merge_config.sh'),
      ['-m', '-O', scratch, join(scratch, '.config'), ...fragments.map((f) => f.path)],
      { cwd: sourceDir, reject: false, all: true },
    );
    if (r.exitCode !== 0) throw buildError(`merge_config.sh failed:\n${r.all}`);
    r = await make('olddefconfig');
    if (r.exitCode !== 0) throw buildError(`make olddefconfig failed:\n${r.all}`);
    const final = await readFile(join(scratch, '.config'), 'utf8');
    const dropped = droppedSymbols(fragments, final);
    if (dropped.length > 0) throw buildError(droppedMessage(dropped));
    return final;
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
}

/**
 * mergeConfig, remembered per source and fragment set: the result depends on
 * nothing else, and making it costs the kconfig tools' build each time.
 */
export async function cachedMergeConfig(sourceDir: string, sourceId: string, arch: string, fragments: Fragment[]): Promise<string> {
  const h = createHash('sha256').update(arch);
  for (const f of fragments) h.update('\0').update(f.name).update('\0').update(f.text);
  const file = join(cacheRoot(), 'configs', `${sourceId}-${h.digest('hex').slice(0, 16)}.config`);
  const known = await readFile(file, 'utf8').catch(() => undefined);
  if (known !== undefined) return known;
  const config = await mergeConfig(sourceDir, arch, fragments);
  await mkdir(dirname(file), { recursive: true });
  await atomicWriteFile(file, config);
  return config;
}
