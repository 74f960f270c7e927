import t from 'tap';
import { VerifyError, exitCodeFor, EXIT } from '../../src/errors.ts';
import { chooseAccel, probeArgs, qemuArgs, KERNEL_BOOTED, type KvmState, type QemuPlan } from '../../src/qemu/args.ts';
import { bootFailure, findPanic, type Booted } from '../../src/qemu/run.ts';

const runs: KvmState = { status: 'runs', detail: 'the kernel booted in 0.20 s', seconds: 0.2 };
const broken: KvmState = { status: 'broken', detail: 'no console output in 5 s' };
const absent: KvmState = { status: 'unavailable', detail: 'does not exist' };

t.test('accelerator decision', async (t) => {
  t.same(chooseAccel('auto', runs), { accel: 'kvm' }, 'auto takes a KVM that ran a guest');
  t.same(chooseAccel('auto', broken), { accel: 'tcg', note: 'KVM at /dev/kvm does not run guests (no console output in 5 s); using TCG' });
  t.same(chooseAccel('auto', absent), { accel: 'tcg', note: '/dev/kvm does not exist; using TCG' });
  t.same(chooseAccel('tcg', undefined), { accel: 'tcg' }, 'TCG asks nothing of KVM');
  t.same(chooseAccel('tcg', broken), { accel: 'tcg' });
  t.same(chooseAccel('kvm', runs), { accel: 'kvm' });
  t.match(chooseAccel('kvm', broken), { error: /^--accel kvm: KVM at \/dev\/kvm does not run guests \(no console output in 5 s\)/ }, 'never a silent fall back');
  t.match(chooseAccel('kvm', absent), { error: /^--accel kvm: \/dev\/kvm does not exist/ });
  t.throws(() => chooseAccel('auto', undefined), /needs the state of KVM/);
});

t.test('the probe boots the kernel under KVM with its console on stdout', async (t) => {
  const { command, args } = probeArgs('x86_64', '/k/vmlinux');
  t.equal(command, 'qemu-system-x86_64');
  const joined = args.join(' ');
  t.match(joined, /-accel kvm -cpu host/);
  t.match(joined, /-kernel \/k\/vmlinux/);
  t.notMatch(joined, /-initrd/);
  t.match(joined, /-no-reboot/);
  t.same(args.slice(-2), ['-serial', 'stdio']);
  t.match(args[args.indexOf('-append') + 1], /earlyprintk=serial,ttyS0/);
  t.ok(KERNEL_BOOTED.test('Kernel panic - not syncing: VFS: Unable to mount root fs on unknown-block(0,0)'), 'no initramfs: the end of the boot is this panic');
  t.ok(KERNEL_BOOTED.test('[    0.614577] Run /init as init process'));
  t.notOk(KERNEL_BOOTED.test('[    0.000000] Linux version 6.1.192 (root@host) (gcc (Debian 12.2.0-14) 12.2.0)'), 'a banner is no proof: a PVH kernel prints it before a broken KVM hangs it');
  t.notOk(KERNEL_BOOTED.test('SeaBIOS (version 1.16.2-debian-1.16.2-1)\nBooting from ROM...'), "SeaBIOS's banner is no proof");
  t.match(joined, /-bios \/usr\/share\/qemu\/qboot\.rom -kernel /, 'the firmware the runs boot with');
  t.match(args[args.indexOf('-append') + 1], /panic=-1 noapictimer no_timer_check$/, 'and their kernel arguments');
});

const plan: QemuPlan = {
  arch: 'x86_64',
  accel: 'tcg',
  warp: true,
  kernel: '/k/vmlinux',
  initrd: '/r/initramfs.cpio',
  cmdline: ['ip_vs.conn_tab_bits=12'],
  consoleLog: '/r/console.log',
  resultsFile: '/r/results.jsonl',
  memoryMiB: 512,
};

t.test('x86_64 TCG with time warp', async (t) => {
  const { command, args } = qemuArgs(plan);
  t.equal(command, 'qemu-system-x86_64');
  const joined = args.join(' ');
  t.match(joined, /-accel tcg -cpu max,-erms /);
  t.match(joined, /-bios \/usr\/share\/qemu\/qboot\.rom -kernel /);
  t.match(joined, /-nic none/);
  t.match(joined, /-no-reboot/);
  t.match(joined, /-icount shift=auto,sleep=off/);
  const append = args[args.indexOf('-append') + 1];
  t.equal(append, 'console=ttyS0 panic=-1 oops=panic rdinit=/init noapictimer no_timer_check ip_vs.conn_tab_bits=12');
  // Console first, results second: the guest writes results to ttyS1.
  const serials = args.flatMap((a, i) => (a === '-serial' ? [args[i + 1]] : []));
  t.same(serials, ['file:/r/console.log', 'file:/r/results.jsonl']);
  // --coverage: the gcov data on a port of its own (ttyS2), never on the results'.
  const cov = qemuArgs({ ...plan, coverageFile: '/r/gcov.b64' }).args;
  t.same(cov.flatMap((a, i) => (a === '-serial' ? [cov[i + 1]] : [])), ['file:/r/console.log', 'file:/r/results.jsonl', 'file:/r/gcov.b64']);
});

t.test('KVM uses the host CPU and refuses -icount', async (t) => {
  const { args } = qemuArgs({ ...plan, accel: 'kvm', warp: false });
  t.match(args.join(' '), /-accel kvm -cpu host/);
  t.notMatch(args.join(' '), /icount/);
  t.throws(() => qemuArgs({ ...plan, accel: 'kvm', warp: true }), /needs TCG/);
  t.throws(() => qemuArgs({ ...plan, arch: 'sparc' }), /no QEMU table/);
});

t.test('findPanic returns the panic and its context', async (t) => {
  const log = ['[    1.0] ok', '[    2.0] sysrq: Trigger a crash', '[    2.1] Kernel panic - not syncing: sysrq triggered crash', '[    2.2] CPU: 0'].join('\n');
  t.match(findPanic(log), /Kernel panic - not syncing: sysrq triggered crash/);
  t.match(findPanic(log), /sysrq: Trigger a crash/);
  t.equal(findPanic('[ 1.0] all fine\n'), undefined);
});

t.test("a watchdog stop of a guest that printed nothing names the accelerator", async (t) => {
  const silent: Booted = { reason: 'no report from the guest agent within 120 s of starting QEMU', qemuExit: undefined, qemuOutput: '', wallSeconds: 120, growth: [], console: '', command: [] };
  const kvm = bootFailure(silent, { ...plan, accel: 'kvm', warp: false }, false);
  t.match(kvm?.message, /printed nothing on its console under KVM .*try --accel tcg/);
  const tcg = bootFailure(silent, plan, false);
  t.match(tcg?.message, /printed nothing on its console under TCG;/);
  t.notMatch(tcg?.message, /try --accel tcg/);
  const talked = bootFailure({ ...silent, console: '[ 0.0] Linux version 6.1\n' }, { ...plan, accel: 'kvm', warp: false }, false);
  t.notMatch(talked?.message, /printed nothing/, 'a kernel that printed is not blamed on the accelerator');
});

t.test('an architecture with no QEMU table is an infrastructure failure (exit 125), at both sites', async (t) => {
  const sites: [string, () => unknown][] = [
    ['probeArgs', () => probeArgs('sparc', '/k')],
    ['qemuArgs', () => qemuArgs({ ...plan, arch: 'sparc' })],
  ];
  t.equal(sites.length, 2);
  for (const [name, call] of sites) {
    let caught: unknown;
    try {
      call();
    } catch (e) {
      caught = e;
    }
    t.ok(caught instanceof VerifyError, `${name}: a VerifyError`);
    t.equal((caught as VerifyError).kind, 'infra', name);
    t.equal(exitCodeFor(caught), EXIT.skip, name);
  }
});
