// Does KVM run a guest here? Opening /dev/kvm is not enough: under some nested
// setups VMs and vCPUs are created, SeaBIOS prints its banner, and the guest then
// hangs for ever ("Booting from ROM..."; a kernel booted at its PVH entry gets
// as far as its banner). The probe boots the kernel about to be used under
// -accel kvm and waits for the end of its boot (KERNEL_BOOTED).
import { open } from 'node:fs/promises';
import { constants } from 'node:fs';
import { execa } from 'execa';
import { KERNEL_BANNER, KERNEL_BOOTED, probeArgs, type KvmState } from './args.ts';

/** The device opens read-write (what QEMU needs), or why not. */
export async function openKvm(path = '/dev/kvm'): Promise<{ ok: true } | { ok: false; detail: string }> {
  try {
    const fh = await open(path, constants.O_RDWR);
    await fh.close();
    return { ok: true };
  } catch (e) {
    const code = (e as { code?: string }).code;
    return { ok: false, detail: code === 'ENOENT' ? 'does not exist' : `cannot be opened read-write (${code ?? (e as Error).message})` };
  }
}

export interface ProbeOptions {
  kernel: string;
  arch: string;
  /** Wall seconds to wait for the end of the boot. */
  timeoutSeconds: number;
  /** QEMU binary (tests pass a stand-in). */
  command?: string;
  device?: string;
}

/** Boots `kernel` under KVM until it has booted, QEMU exits, or the time is up; QEMU never outlives the call. */
export async function probeKvm(o: ProbeOptions): Promise<KvmState> {
  const dev = await openKvm(o.device);
  if (!dev.ok) return { status: 'unavailable', detail: dev.detail };
  const { command, args } = probeArgs(o.arch, o.kernel);
  const started = Date.now();
  const child = execa(o.command ?? command, args, { reject: false, stdin: 'ignore', buffer: false, stderr: 'pipe', stdout: 'pipe' });
  let out = '';
  let err = '';
  let booted = false;
  const done = new Promise<void>((res) => {
    child.stdout?.on('data', (b: Buffer) => {
      out = (out + b.toString('latin1')).slice(-4096);
      if (!booted && KERNEL_BOOTED.test(out)) {
        booted = true;
        res();
      }
    });
    child.stderr?.on('data', (b: Buffer) => {
      err = (err + b.toString('utf8')).slice(-2000);
    });
  });
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<void>((res) => {
    timer = setTimeout(res, o.timeoutSeconds * 1000);
  });
  const exited = child.then((r) => r);
  try {
    await Promise.race([done, timeout, exited]);
  } finally {
    clearTimeout(timer);
    child.kill('SIGKILL');
  }
  const r = await exited;
  const seconds = (Date.now() - started) / 1000;
  if (booted) return { status: 'runs', detail: `the kernel booted in ${seconds.toFixed(2)} s`, seconds };
  if (r.exitCode !== undefined && r.exitCode !== null && !r.isTerminated) {
    const why = err.trim().split('\n').filter(Boolean).pop() ?? 'no message';
    return { status: 'broken', detail: `QEMU exited with code ${r.exitCode} before the kernel finished booting: ${why}` };
  }
  const printed = out.trim() === '' ? 'no console output' : KERNEL_BANNER.test(out) ? 'the kernel started but did not finish booting' : 'console output but no kernel';
  return { status: 'broken', detail: `${printed} in ${o.timeoutSeconds} s` };
}
