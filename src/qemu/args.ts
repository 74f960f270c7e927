// Pure: QEMU command lines, per architecture (as virtme-ng keeps them).

export type Accel = 'kvm' | 'tcg';
export type AccelRequest = Accel | 'auto';

export interface ArchSpec {
  qemu: string;
  /** Kernel image under the build directory. */
  image: string;
  machine: string;
  console: string;
  /** CPU model per accelerator: KVM passes the host's through. */
  cpu: Record<Accel, string>;
}

export const ARCHES: Record<string, ArchSpec> = {
  x86_64: {
    qemu: 'qemu-system-x86_64',
    image: 'arch/x86/boot/bzImage',
    machine: 'pc',
    console: 'ttyS0',
    cpu: { kvm: 'host', tcg: 'max' },
  },
};

/**
 * Which accelerator to use. `auto` takes KVM when /dev/kvm opens read-write and
 * falls back to TCG; an explicit `kvm` never falls back (nightly runners must
 * not silently lose their accelerator).
 */
export function chooseAccel(request: AccelRequest, kvmUsable: boolean): { accel: Accel } | { error: string } {
  if (request === 'tcg') return { accel: 'tcg' };
  if (kvmUsable) return { accel: 'kvm' };
  if (request === 'kvm') return { error: '--accel kvm was asked for but /dev/kvm cannot be opened read-write' };
  return { accel: 'tcg' };
}

export interface QemuPlan {
  arch: string;
  accel: Accel;
  /** TCG only: let idle guest time pass without waiting (-icount shift=auto,sleep=off). */
  warp: boolean;
  kernel: string;
  initrd: string;
  cmdline: string[];
  consoleLog: string;
  resultsFile: string;
  memoryMiB: number;
}

export function qemuArgs(plan: QemuPlan): { command: string; args: string[] } {
  const spec = ARCHES[plan.arch];
  if (!spec) throw new Error(`no QEMU table for architecture ${plan.arch}`);
  if (plan.warp && plan.accel !== 'tcg') throw new Error('time warp (-icount) needs TCG');
  const args = [
    '-machine', spec.machine,
    '-accel', plan.accel,
    '-cpu', spec.cpu[plan.accel],
    '-m', String(plan.memoryMiB),
    '-smp', '1',
    '-nodefaults',
    '-display', 'none',
    '-nic', 'none',
    '-no-reboot',
    '-kernel', plan.kernel,
    '-initrd', plan.initrd,
    '-append', [`console=${spec.console}`, 'panic=-1', 'oops=panic', 'rdinit=/init', ...plan.cmdline].join(' '),
    // ttyS0: console, kept as a log. ttyS1: the agent's results, nothing else.
    '-serial', `file:${plan.consoleLog}`,
    '-serial', `file:${plan.resultsFile}`,
  ];
  if (plan.warp) args.push('-icount', 'shift=auto,sleep=off');
  return { command: spec.qemu, args };
}
