// Pure: QEMU command lines, per architecture (as virtme-ng keeps them).
import { infraError } from '../errors.ts';

export type Accel = 'kvm' | 'tcg';
export type AccelRequest = Accel | 'auto';

export interface ArchSpec {
  qemu: string;
  /** Kernel image under the build directory, and make's target that builds it. */
  image: string;
  target: string;
  machine: string;
  /** Firmware the guests boot with (absent: QEMU's default). */
  bios?: string;
  console: string;
  /** CPU model per accelerator: KVM passes the host's through. */
  cpu: Record<Accel, string>;
}

/** Debian's qemu-system-data. */
const QBOOT = '/usr/share/qemu/qboot.rom';

/** The architecture the harness builds and boots: the one ARCHES has a table for. */
export const DEFAULT_ARCH = 'x86_64';

export const ARCHES: Record<string, ArchSpec> = {
  [DEFAULT_ARCH]: {
    qemu: 'qemu-system-x86_64',
    // The uncompressed ELF, booted at its PVH entry (CONFIG_PVH): QEMU loads
    // it directly, so the guest neither decompresses a bzImage nor moves the
    // kernel into place, byte by byte under TCG (~0.4 s of each boot).
    image: 'vmlinux',
    target: 'vmlinux',
    machine: 'pc',
    // qboot, not SeaBIOS: it sets up what the kernel reads (e820, the MP
    // table) and jumps to the PVH entry, ~0.2 s sooner under TCG.
    bios: QBOOT,
    console: 'ttyS0',
    // TCG without ERMS: the kernel's memcpy and clear_page then use rep movsq /
    // rep stosq, not the byte-wise rep movsb / stosb that TCG runs an iteration
    // a byte (unpacking the initramfs alone took ~0.5 s more).
    cpu: { kvm: 'host', tcg: 'max,-erms' },
  },
};

/** The QEMU binary of the default architecture (what the host needs, what the KVM probe runs). */
export const DEFAULT_QEMU = ARCHES[DEFAULT_ARCH]!.qemu;

/**
 * What this host's KVM can do: the device cannot be opened, or it opens and a
 * probe boot showed (or did not show) the kernel's first console line.
 */
export type KvmState =
  | { status: 'unavailable'; detail: string }
  | { status: 'runs'; detail: string; seconds: number }
  | { status: 'broken'; detail: string };

export type AccelChoice = { accel: Accel; note?: string } | { error: string };

/**
 * Pure: which accelerator to use. `auto` takes KVM only when a probe saw a
 * guest run under it (a nested host can open /dev/kvm and still hang every
 * guest after SeaBIOS), else TCG with one line saying why. An explicit `kvm`
 * never falls back: nightly runners must not silently lose their accelerator.
 */
export function chooseAccel(request: AccelRequest, kvm: KvmState | undefined): AccelChoice {
  if (request === 'tcg') return { accel: 'tcg' };
  if (kvm === undefined) throw new Error(`chooseAccel(${request}) needs the state of KVM`);
  if (kvm.status === 'runs') return { accel: 'kvm' };
  const why = kvm.status === 'unavailable' ? `/dev/kvm ${kvm.detail}` : `KVM at /dev/kvm does not run guests (${kvm.detail})`;
  if (request === 'kvm') return { error: `--accel kvm: ${why}; use --accel tcg (or auto) on this host` };
  return { accel: 'tcg', note: `${why}; using TCG` };
}

/**
 * Proof that a guest really runs: a line the kernel prints only once all its
 * initcalls ran (so its timer and interrupts work). Without an initramfs that
 * is its panic for want of a root file system. The kernel's banner is no proof:
 * booted at its PVH entry, with no firmware in the way, a kernel prints it
 * before a nested KVM that runs no guest hangs it at its first timer.
 */
export const KERNEL_BOOTED = /VFS: Unable to mount root fs|Run \/init as init process/;

/** The kernel's first console line: it started, no more (see KERNEL_BOOTED). */
export const KERNEL_BANNER = /Linux version \d/;

/**
 * Pure: QEMU command line of the KVM probe: the kernel about to be used, booted
 * as the runs boot it (firmware, kernel arguments), no initramfs, console (with
 * earlyprintk) on stdout. Under a working KVM the kernel reaches its panic for
 * want of a root file system within a fraction of a second.
 */
export function probeArgs(arch: string, kernel: string): { command: string; args: string[] } {
  const spec = ARCHES[arch];
  if (!spec) throw infraError(`no QEMU table for architecture ${arch}`);
  return {
    command: spec.qemu,
    args: [
      '-machine', spec.machine,
      '-accel', 'kvm',
      '-cpu', spec.cpu.kvm,
      '-m', '128',
      '-smp', '1',
      '-nodefaults',
      '-display', 'none',
      '-nic', 'none',
      '-no-reboot',
      ...(spec.bios ? ['-bios', spec.bios] : []),
      '-kernel', kernel,
      '-append', [`console=${spec.console}`, `earlyprintk=serial,${spec.console}`, 'panic=-1', ...BOOT_ARGS].join(' '),
      '-serial', 'stdio',
    ],
  };
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
  /** --coverage: ttyS2 carries the guest's gcov data (base64 of a tar), apart from the results. */
  coverageFile?: string;
}

/**
 * Kernel arguments every guest boots with, for speed, not for what is measured.
 * `noapictimer`: calibrate_APIC_clock() busy-waits 100 ms of guest time for
 * the PIT's ticks, and under TCG with time warp that wait costs ~2 s of wall
 * time (QEMU's TCG has no TSC-deadline timer, the one way the kernel skips
 * it). The guest then ticks from the PIT instead: the kernels are built
 * HZ_PERIODIC with one CPU, so jiffies advance 250 times a guest second either
 * way. `no_timer_check`: check_timer()'s test of the timer interrupt's
 * routing (timer_irq_works(), a 40 ms busy wait) on QEMU's fixed wiring.
 */
const BOOT_ARGS = ['noapictimer', 'no_timer_check'];

export function qemuArgs(plan: QemuPlan): { command: string; args: string[] } {
  const spec = ARCHES[plan.arch];
  if (!spec) throw infraError(`no QEMU table for architecture ${plan.arch}`);
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
    ...(spec.bios ? ['-bios', spec.bios] : []),
    '-kernel', plan.kernel,
    '-initrd', plan.initrd,
    '-append', [`console=${spec.console}`, 'panic=-1', 'oops=panic', 'rdinit=/init', ...BOOT_ARGS, ...plan.cmdline].join(' '),
    // ttyS0: console, kept as a log. ttyS1: the agent's results, nothing else.
    '-serial', `file:${plan.consoleLog}`,
    '-serial', `file:${plan.resultsFile}`,
    ...(plan.coverageFile ? ['-serial', `file:${plan.coverageFile}`] : []),
  ];
  if (plan.warp) args.push('-icount', 'shift=auto,sleep=off');
  return { command: spec.qemu, args };
}
