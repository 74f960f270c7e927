// One key for CI caches of built kernels: the content keys of the default base
// and patched kernels, hashed together. It changes exactly when a build would.
import { DEFAULT_ARCH } from '../qemu/args.ts';
import { VARIANTS } from '../model/params.ts';
import { createHash } from 'node:crypto';
import { kernelKey } from '../kbuild/kernel.ts';
import { readInputs } from '../pipeline/inputs.ts';

/** `line`: a Debian kernel line (default 6.1); each line's kernels have their own key. */
export async function defaultCacheKey(line?: string): Promise<string> {
  const inputs = await readInputs({ source: line ? { path: `debian:${line}` } : {}, accel: 'tcg', arch: DEFAULT_ARCH });
  const { source, derived, config } = await inputs.prepare(() => undefined);
  const keys = [];
  for (const v of VARIANTS) keys.push(await kernelKey({ arch: DEFAULT_ARCH, source, files: derived[v], config }));
  return `ipvs-verify-kernels-${createHash('sha256').update(keys.join('\n')).digest('hex').slice(0, 24)}`;
}
