import t from 'tap';
import { chooseAccel, qemuArgs, type QemuPlan } from '../../src/qemu/args.ts';
import { findPanic, kvmUsable } from '../../src/qemu/run.ts';

t.test('accelerator decision', async (t) => {
  t.same(chooseAccel('auto', true), { accel: 'kvm' });
  t.same(chooseAccel('auto', false), { accel: 'tcg' });
  t.same(chooseAccel('tcg', true), { accel: 'tcg' });
  t.same(chooseAccel('kvm', true), { accel: 'kvm' });
  t.match(chooseAccel('kvm', false), { error: /--accel kvm was asked for/ }, 'never a silent fall back');
});

t.test('kvmUsable opens the device read-write', async (t) => {
  t.equal(await kvmUsable('/nonexistent/kvm'), false);
  const dir = t.testdir({ kvm: '' });
  t.equal(await kvmUsable(`${dir}/kvm`), true, 'a writable file opens');
});

const plan: QemuPlan = {
  arch: 'x86_64',
  accel: 'tcg',
  warp: true,
  kernel: '/k/bzImage',
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
  t.match(joined, /-accel tcg -cpu max/);
  t.match(joined, /-nic none/);
  t.match(joined, /-no-reboot/);
  t.match(joined, /-icount shift=auto,sleep=off/);
  const append = args[args.indexOf('-append') + 1];
  t.equal(append, 'console=ttyS0 panic=-1 oops=panic rdinit=/init ip_vs.conn_tab_bits=12');
  // Console first, results second: the guest writes results to ttyS1.
  const serials = args.flatMap((a, i) => (a === '-serial' ? [args[i + 1]] : []));
  t.same(serials, ['file:/r/console.log', 'file:/r/results.jsonl']);
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
