// Faults provoked for real on a built kernel (taken from the cache the smoke
// test fills): each gets a specific message and exit code, keeps its evidence,
// and leaves no QEMU and no half-written record behind.
import t from 'tap';
import { existsSync, mkdirSync, readFileSync, readdirSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { execa } from 'execa';
import { cacheRoot } from '../../src/cache.ts';

const ROOT = new URL('../..', import.meta.url).pathname;
const stamp = Date.now();
const outDir = (name: string) => join(ROOT, 'runs', `e2e-fault-${name}-${stamp}`);
const base = ['bin/ipvs-verify.js', 'verify', '--scenario', 'fixtures/scenarios/smoke.yaml', '--variant', 'patched'];

/** QEMU processes whose command line mentions `needle`. */
async function qemusWith(needle: string): Promise<string[]> {
  const r = await execa('pgrep', ['-af', 'qemu-system'], { reject: false });
  return r.stdout.split('\n').filter((l) => l.includes(needle));
}

t.test('kernel panic: reported with its text, exit 125, console log kept', async (t) => {
  const out = outDir('panic');
  // No init in the initramfs: the kernel looks for a root device and panics.
  const r = await execa('node', [...base, '--kernel-arg', 'rdinit=/nonexistent', '--out', out], { cwd: ROOT, reject: false, all: true });
  t.equal(r.exitCode, 125, 'skip: not the claim under test');
  t.match(r.all, /kernel failure: kernel panic in the guest; console log: .*console-patched\.log/);
  t.match(r.all, /Kernel panic - not syncing/);
  const meta = JSON.parse(readFileSync(join(out, 'metadata.json'), 'utf8'));
  t.equal(meta.status, 'failed');
  t.equal(meta.failure.kind, 'kernel');
  t.match(readFileSync(join(out, 'console-patched.log'), 'utf8'), /Kernel panic - not syncing/);
  t.same(await qemusWith(out), [], 'QEMU is gone');
});

t.test('guest hang: the watchdog stops QEMU, exit 125, console log kept', async (t) => {
  const out = outDir('hang');
  // A real hang, not a race with a short timeout (a guest reaches its agent in
  // under a second now): dash as PID 1 waits for ever on a console with no input.
  const r = await execa('node', [...base, '--kernel-arg', 'rdinit=/bin/dash', '--boot-timeout', '5', '--out', out], { cwd: ROOT, reject: false, all: true });
  t.equal(r.exitCode, 125);
  t.match(r.all, /infra failure: timeout: no report from the guest agent within 5 s/);
  const meta = JSON.parse(readFileSync(join(out, 'metadata.json'), 'utf8'));
  t.equal(meta.failure.kind, 'infra');
  t.ok(existsSync(join(out, 'console-patched.log')));
  t.same(await qemusWith(out), [], 'QEMU is gone');
});

t.test('a build failure: the log tail shown, the full log kept, exit 125', async (t) => {
  const dir = t.testdir({
    'break-build.patch': [
      'From 0000000000000000000000000000000000000000 Mon Sep 17 00:00:00 2001',
      'From: Test <test@example.org>',
      'Subject: [PATCH] ipvs: break the build on purpose',
      '',
      '---',
      'diff --git a/net/netfilter/ipvs/ip_vs_conn.c b/net/netfilter/ipvs/ip_vs_conn.c',
      '--- a/net/netfilter/ipvs/ip_vs_conn.c',
      '+++ b/net/netfilter/ipvs/ip_vs_conn.c',
      '@@ -19,6 +19,7 @@',
      ' ',
      ' #define KMSG_COMPONENT "IPVS"',
      ' #define pr_fmt(fmt) KMSG_COMPONENT ": " fmt',
      '+#error ipvs-verify: this build fails on purpose',
      ' ',
      ' #include <linux/interrupt.h>',
      ' #include <linux/in.h>',
      '',
    ].join('\n'),
  });
  const out = outDir('build');
  const r = await execa('node', ['bin/ipvs-verify.js', 'verify', '--scenario', 'fixtures/scenarios/smoke.yaml', '--patch', join(dir, 'break-build.patch'), '--out', out], {
    cwd: ROOT,
    reject: false,
    all: true,
  });
  t.equal(r.exitCode, 125, r.all?.slice(-3000));
  t.match(r.all, /build failure: kernel build \(patched\) failed after \d+ s; full log: (\S+build-\w+\.log)/);
  t.match(r.all, /#error ipvs-verify: this build fails on purpose/, 'the log tail shows the error');
  const log = /full log: (\S+\.log)/.exec(r.all ?? '')?.[1];
  t.ok(log && existsSync(log), `the full log is kept: ${log}`);
  const meta = JSON.parse(readFileSync(join(out, 'metadata.json'), 'utf8'));
  t.same([meta.status, meta.failure.kind], ['failed', 'build'], 'the run record says why');
  t.ok(readdirSync(out).some((f) => /^build-.*\.log$/.test(f)), 'with the build log');
  t.notOk(readdirSync(out).some((f) => f.startsWith('console-')), 'nothing was booted');
});

for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  t.test(`${signal} during a guest run: no QEMU, no record, no partial directory`, async (t) => {
    const out = outDir(signal.toLowerCase());
    const child = execa('node', [...base, '--out', out], { cwd: ROOT, reject: false, all: true, buffer: false });
    let seen = '';
    await new Promise<void>((resolve) => {
      child.all!.on('data', (d: Buffer) => {
        seen += d.toString();
        if (/\[run patched\] booting/.test(seen)) resolve();
      });
    });
    // Let QEMU come up.
    for (let i = 0; i < 40 && (await qemusWith(`e2e-fault-${signal.toLowerCase()}`)).length === 0; i++) await new Promise((r) => setTimeout(r, 250));
    t.ok((await qemusWith(`e2e-fault-${signal.toLowerCase()}`)).length > 0, 'QEMU was running');
    child.kill(signal);
    const r = await child;
    // 128 + the signal number, even when QEMU adds its files to the run directory
    // while the handler removes it (that race once turned one stop in ten into exit 1).
    t.equal(r.exitCode, signal === 'SIGTERM' ? 143 : 130, `stopped by ${signal}`);
    await new Promise((res) => setTimeout(res, 500));
    t.same(await qemusWith(`e2e-fault-${signal.toLowerCase()}`), [], 'QEMU is gone');
    t.notOk(existsSync(out), 'no run record');
    const leftovers = readdirSync(join(ROOT, 'runs')).filter((n) => n.includes(`e2e-fault-${signal.toLowerCase()}`));
    t.same(leftovers, [], 'no partial directory');
  });
}

t.test('SIGTERM during a kernel build: no make left, no cache entry, the lock released', async (t) => {
  // A cache of its own (sharing the unpacked source), so that make really
  // runs and what it leaves is thrown away with the test.
  const dir = t.testdir({});
  const cache = join(dir, 'cache');
  mkdirSync(cache);
  for (const shared of ['src', 'digests']) symlinkSync(join(cacheRoot(), shared), join(cache, shared));
  const env = { ...process.env, IPVS_VERIFY_CACHE: cache };
  const out = outDir('build-sigterm');
  const child = execa('node', [...base, '--out', out], { cwd: ROOT, reject: false, all: true, env });
  let ended = false;
  void child.finally(() => (ended = true));
  // This test's make: the one whose environment names its cache (make may run at
  // the stable paths, src/kbuild/stable-paths.ts, where its arguments do not).
  const makes = async () => {
    const pids = (await execa('pgrep', ['-x', 'make'], { reject: false })).stdout.split('\n').filter(Boolean);
    return pids.filter((pid) => {
      try {
        return readFileSync(`/proc/${pid}/environ`, 'utf8').split('\0').includes(`IPVS_VERIFY_CACHE=${cache}`);
      } catch {
        return false;
      }
    });
  };
  // Killed as soon as its make runs (a few seconds into the build, well before it could finish).
  for (let i = 0; i < 1200 && !ended && (await makes()).length === 0; i++) await new Promise((r) => setTimeout(r, 250));
  await new Promise((r) => setTimeout(r, 2000));
  t.ok((await makes()).length > 0, 'make was running');
  child.kill('SIGTERM');
  t.equal((await child).exitCode, 143, 'stopped by SIGTERM (128 + 15)');
  for (let i = 0; i < 20 && (await makes()).length > 0; i++) await new Promise((r) => setTimeout(r, 250));
  t.same(await makes(), [], 'no make left running');
  t.notOk(existsSync(out), 'no run record');
  t.same(readdirSync(join(cache, 'locks')).filter((n) => n.endsWith('.lock')), [], 'no lock left behind');
  t.notOk(existsSync(join(cache, 'kernels')), 'no kernel entry, not even a half-written one');
});

t.test('--accel kvm goes by the real probe: 125 in seconds where KVM runs no guest, a run where it does', async (t) => {
  const doc = await execa('node', ['bin/ipvs-verify.js', 'doctor'], { cwd: ROOT, reject: false, all: true });
  const line = doc.stdout.split('\n').find((l) => /KVM probe|\/dev\/kvm/.test(l) && !/opens read-write/.test(l)) ?? '';
  t.comment(`doctor: ${line}`);
  const out = outDir('kvm');
  const started = Date.now();
  const r = await execa('node', [...base, '--accel', 'kvm', '--out', out], { cwd: ROOT, reject: false, all: true });
  const seconds = (Date.now() - started) / 1000;
  if (/runs guests/.test(line)) {
    t.equal(r.exitCode, 0, r.all?.slice(-2000));
    // It ran, and under KVM: never a silent fall-back to TCG.
    const meta = JSON.parse(readFileSync(join(out, 'metadata.json'), 'utf8'));
    t.same([meta.accelRequested, meta.accel, meta.timeWarp], ['kvm', 'kvm', false], 'the record says KVM, no time warp');
    t.match(meta.variants.patched.qemu.join(' '), /-accel kvm /, "and so does QEMU's command line");
  } else {
    t.match(line, /does not run guests|does not exist|cannot be opened/, 'doctor says why KVM is not used');
    t.equal(r.exitCode, 125, r.all?.slice(-2000));
    t.match(r.all, /infra failure: --accel kvm: (KVM at \/dev\/kvm does not run guests|\/dev\/kvm )/);
    t.ok(seconds < 30, `failed in ${seconds.toFixed(1)} s, not after a watchdog`);
    t.notOk(existsSync(join(out, 'samples-patched.jsonl')), 'no guest ran');
  }
  t.same(await qemusWith('-accel kvm'), [], 'no QEMU left');
});
