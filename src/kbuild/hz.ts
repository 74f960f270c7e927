// The built kernel's CONFIG_HZ: the model's jiffy, read from the .config the
// build used (its copy in the kernel's cache entry), not assumed.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { buildError } from '../errors.ts';

/** Pure: CONFIG_HZ of a .config's text (kernel/Kconfig.hz: HZ_100 ... HZ_1000 set it), if it has one. */
export function configHz(config: string): number | undefined {
  const m = /^CONFIG_HZ=(\d+)$/m.exec(config);
  return m ? Number(m[1]) : undefined;
}

/** CONFIG_HZ of the kernel in a cache entry (its `config`: the build's .config). */
export async function builtHz(entryDir: string): Promise<number> {
  const path = join(entryDir, 'config');
  const text = await readFile(path, 'utf8').catch((e: Error) => {
    throw buildError(`the built kernel's config cannot be read: ${e.message}`, { cause: e });
  });
  const hz = configHz(text);
  if (hz === undefined) throw buildError(`the built kernel's config has no CONFIG_HZ: ${path}`, { evidence: path });
  return hz;
}
