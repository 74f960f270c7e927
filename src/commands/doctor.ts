// `ipvs-verify doctor`: every host tool and file the harness needs, and the
// Debian package that provides a missing one.
import { DEFAULT_ARCH } from '../qemu/args.ts';
import { TOOL_PACKAGES, FILE_PACKAGES, whichTool } from '../host/tools.ts';
import { exists } from '../cache.ts';
import { join } from 'node:path';
import { stat } from 'node:fs/promises';
import { cacheRoot } from '../cache.ts';
import { kernelImage, listKernels } from '../kbuild/kernel.ts';
import { kvmState, type AccelRecord } from '../qemu/accel.ts';
import { openKvm } from '../qemu/kvm-probe.ts';

export interface DoctorLine {
  what: string;
  ok: boolean;
  detail: string;
}

export async function doctor(): Promise<DoctorLine[]> {
  const out: DoctorLine[] = [];
  for (const [tool, pkg] of Object.entries(TOOL_PACKAGES)) {
    const p = await whichTool(tool);
    out.push({ what: tool, ok: p !== undefined, detail: p ?? `missing: apt-get install ${pkg}` });
  }
  for (const [file, pkg] of Object.entries(FILE_PACKAGES)) {
    const ok = await exists(file);
    out.push({ what: file, ok, detail: ok ? 'present' : `missing: apt-get install ${pkg}` });
  }
  // Not a failure: TCG works everywhere, only slower.
  const dev = await openKvm();
  out.push({ what: '/dev/kvm', ok: true, detail: dev.ok ? 'opens read-write' : `${dev.detail}: guests run under TCG` });
  if (dev.ok) out.push({ what: 'KVM probe', ok: true, detail: await probeLine() });
  return out;
}

/** The newest complete kernel in the cache, to probe KVM with. */
async function newestKernel(): Promise<string | undefined> {
  let best: { image: string; t: number } | undefined;
  for (const key of await listKernels()) {
    const dir = join(cacheRoot(), 'kernels', key);
    const t = await stat(join(dir, 'metadata.json')).then((s) => s.mtimeMs, () => undefined);
    if (t !== undefined && (!best || t > best.t)) best = { image: kernelImage(dir, DEFAULT_ARCH), t };
  }
  return best?.image;
}

/** Probes afresh (and refreshes this boot's cached answer) when a kernel is at hand. */
async function probeLine(): Promise<string> {
  const kernel = await newestKernel();
  if (!kernel) return 'not probed yet (no kernel built): the first guest of a run probes it';
  const s: NonNullable<AccelRecord['kvm']> = await kvmState({ kernel, arch: DEFAULT_ARCH, log: () => undefined, fresh: true });
  if (s.status === 'runs') return `runs guests (${s.detail}): auto uses KVM`;
  return `does not run guests (${s.detail}): auto uses TCG, --accel kvm fails (exit 125)`;
}
