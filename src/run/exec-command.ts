// `ipvs-verify exec`: the inputs as for verify, the one variant's kernel (built
// or from the cache), then the command in the guest.
import { basename, join, resolve } from 'node:path';
import { exists } from '../cache.ts';
import { userError } from '../errors.ts';
import { buildKernel } from '../build/kernel.ts';
import type { SourceSpec } from '../source/resolve.ts';
import type { AccelRequest } from '../qemu/args.ts';
import { resolveAccel } from '../qemu/accel.ts';
import { readInputs } from './inputs.ts';
import { execInGuest } from './exec.ts';

export interface ExecCommandOptions {
  argv: string[];
  variant: 'base' | 'patched';
  source: SourceSpec;
  patches?: string[];
  configFragments?: string[];
  /** host:guest pairs. */
  files: string[];
  /** Paths inside the kernel tree, copied to /<basename> in the guest. */
  fromSource?: string[];
  accel: AccelRequest;
  warp: boolean;
  timeoutSeconds: number;
}

export async function execCommand(o: ExecCommandOptions): Promise<number> {
  const log = (s: string) => process.stderr.write(s + '\n');
  const files = o.files.map((pair) => {
    const i = pair.indexOf(':');
    if (i <= 0 || !pair.slice(i + 1).startsWith('/')) throw userError(`--file wants host:/guest/path, got "${pair}"`);
    return { host: resolve(pair.slice(0, i)), guest: pair.slice(i + 1), mode: 0o755 };
  });
  const arch = 'x86_64';
  const inputs = await readInputs({ ...o, arch });
  const { source, derived, config } = await inputs.prepare(log);
  for (const p of o.fromSource ?? []) {
    const host = join(source.dir, p);
    if (!(await exists(host))) throw userError(`--from-source: ${p} is not in the kernel tree ${source.dir}`);
    files.push({ host, guest: `/${basename(p)}`, mode: 0o755 });
  }
  const kernel = await buildKernel({ source, variant: o.variant, arch, files: derived[o.variant], config, log });
  const { accel } = await resolveAccel(o.accel, { kernel: kernel.image, arch, log });
  log(`[exec ${o.variant}] ${kernel.built ? 'built' : 'cached'} kernel ${kernel.key}, ${accel}`);
  return execInGuest({
    kernel,
    arch,
    accel,
    warp: o.warp && accel === 'tcg',
    argv: o.argv,
    timeoutSeconds: o.timeoutSeconds,
    files,
    out: (chunk) => process.stdout.write(chunk),
    log,
  });
}
