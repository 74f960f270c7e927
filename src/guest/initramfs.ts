// Builds the guest's initramfs: busybox, dash, the sampler, the tools the guest
// runs (guestTools(): ipvsadm, tcpreplay, iproute2's ip, socat, hping3), their
// libraries, and the agent from vm/, packed by the kernel's gen_init_cpio.
import { writeFile, rename, mkdir } from 'node:fs/promises';
import { join, dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { execa } from 'execa';
import { infraError } from '../errors.ts';
import { findTool } from '../host/tools.ts';
import { parseLdd } from './ldd.ts';
import { initramfsSpec, type GuestFile } from './initramfs-plan.ts';
import { buildSampler } from './sampler.ts';

const VM_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '../../vm');

/** The guest's /bin/sh (see initramfs-plan.ts). */
const GUEST_SHELL = 'dash';

export interface InitramfsInput {
  /** The kernel build's usr/gen_init_cpio. */
  genInitCpio: string;
  /** Generated files to add (guest path -> host path). */
  extra: GuestFile[];
  /** The dynamic tools to carry (guestTools()). */
  tools: string[];
  out: string;
}

export async function buildInitramfs(input: InitramfsInput): Promise<void> {
  const busybox = await findTool('busybox');
  const binaries: GuestFile[] = [];
  const libraries = new Set<string>();
  for (const name of input.tools) {
    const host = await findTool(name);
    binaries.push({ guest: `/usr/sbin/${name}`, host, mode: 0o755 });
    const { stdout } = await execa('ldd', [host]);
    for (const lib of parseLdd(stdout)) libraries.add(lib);
  }
  // Static: no libraries to add.
  binaries.push({ guest: '/usr/sbin/ipvs-sample', host: await buildSampler(), mode: 0o755 });
  const shell = await findTool(GUEST_SHELL);
  binaries.push({ guest: `/bin/${GUEST_SHELL}`, host: shell, mode: 0o755 });
  for (const lib of parseLdd((await execa('ldd', [shell])).stdout)) libraries.add(lib);
  const spec = initramfsSpec({
    busybox,
    binaries,
    libraries: [...libraries].sort(),
    files: [
      { guest: '/init', host: join(VM_DIR, 'init'), mode: 0o755 },
      { guest: '/agent.sh', host: join(VM_DIR, 'agent.sh'), mode: 0o755 },
      { guest: '/trace.sh', host: join(VM_DIR, 'trace.sh'), mode: 0o644 },
      { guest: '/gcov-dump.sh', host: join(VM_DIR, 'gcov-dump.sh'), mode: 0o755 },
      ...input.extra,
    ],
  });
  await mkdir(dirname(input.out), { recursive: true });
  const specFile = `${input.out}.spec`;
  await writeFile(specFile, spec);
  const tmp = `${input.out}.tmp`;
  // 6.1's gen_init_cpio writes the archive to stdout; a fixed timestamp keeps it reproducible.
  const r = await execa(input.genInitCpio, ['-t', '0', specFile], { reject: false, stdout: { file: tmp } });
  if (r.exitCode !== 0) throw infraError(`gen_init_cpio failed: ${r.stderr}`);
  await rename(tmp, input.out);
}
