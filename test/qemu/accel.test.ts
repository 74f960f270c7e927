// The KVM probe and the accelerator choice, with stand-in QEMUs (shell scripts
// that print what a real one would on a working or a broken KVM): no real boot.
import t from 'tap';
import { chmodSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { probeKvm, openKvm } from '../../src/qemu/kvm-probe.ts';
import { resolveAccel, resetAccelMemo, kvmState, precheckAccel, validEntry } from '../../src/qemu/accel.ts';
import { VerifyError, exitCodeFor } from '../../src/errors.ts';

/** A stand-in QEMU: counts its calls in `calls`, then runs `body`. */
function standIn(dir: string, name: string, body: string): string {
  const p = join(dir, name);
  writeFileSync(p, `#!/bin/sh\necho x >> ${join(dir, `${name}.calls`)}\n${body}\n`);
  chmodSync(p, 0o755);
  return p;
}
const calls = (qemu: string) => (existsSync(`${qemu}.calls`) ? readFileSync(`${qemu}.calls`, 'utf8').split('\n').filter(Boolean).length : 0);

function setup(t: { testdir: (f: Record<string, string>) => string }) {
  const dir = t.testdir({ kvm: '' });
  resetAccelMemo();
  const working = standIn(dir, 'qemu-ok', "echo '[    0.000000] Linux version 6.1.192 (gcc 12.2.0)'; echo '[    0.412000] Kernel panic - not syncing: VFS: Unable to mount root fs on unknown-block(0,0)'; exec sleep 30");
  const banner = standIn(dir, 'qemu-banner', "echo '[    0.000000] Linux version 6.1.192 (gcc 12.2.0)'; echo '[    0.053328] clocksource: refined-jiffies: mask: 0xffffffff'; exec sleep 30");
  const silent = standIn(dir, 'qemu-silent', 'exec sleep 30');
  const rom = standIn(dir, 'qemu-rom', "printf 'SeaBIOS (version 1.16.2)\\nBooting from ROM...\\n'; exec sleep 30");
  const failing = standIn(dir, 'qemu-fail', "echo 'qemu-system-x86_64: failed to initialize kvm: Permission denied' >&2; exit 1");
  const lines: string[] = [];
  const common = { kernel: '/k/vmlinux', arch: 'x86_64', log: (s: string) => lines.push(s), device: join(dir, 'kvm'), cacheFile: join(dir, 'cache', 'kvm-probe.json'), bootId: 'boot-1', timeoutSeconds: 1 };
  return { dir, working, banner, silent, rom, failing, lines, common };
}

t.test('openKvm: missing device, or one that opens read-write', async (t) => {
  t.same(await openKvm('/nonexistent/kvm'), { ok: false, detail: 'does not exist' });
  const dir = t.testdir({ kvm: '' });
  t.same(await openKvm(join(dir, 'kvm')), { ok: true });
});

t.test("probe: the end of the kernel's boot is proof of life; silence, SeaBIOS alone, a banner alone, or a QEMU error is not", async (t) => {
  const s = setup(t);
  const o = { kernel: '/k/vmlinux', arch: 'x86_64', device: s.common.device, timeoutSeconds: 1 };
  const ok = await probeKvm({ ...o, command: s.working });
  t.equal(ok.status, 'runs');
  const started = Date.now();
  t.same(await probeKvm({ ...o, command: s.silent }), { status: 'broken', detail: 'no console output in 1 s' });
  t.ok(Date.now() - started < 4000, 'the probe gives up after its timeout');
  t.same(await probeKvm({ ...o, command: s.rom }), { status: 'broken', detail: 'console output but no kernel in 1 s' });
  t.same(await probeKvm({ ...o, command: s.banner }), { status: 'broken', detail: 'the kernel started but did not finish booting in 1 s' }, 'a PVH kernel on a broken nested KVM');
  t.match(await probeKvm({ ...o, command: s.failing }), { status: 'broken', detail: /QEMU exited with code 1 .*failed to initialize kvm: Permission denied/ });
  t.same(await probeKvm({ ...o, command: s.working, device: '/nonexistent/kvm' }), { status: 'unavailable', detail: 'does not exist' });
  t.equal(calls(s.working), 1, 'no device: QEMU is not even started');
});

t.test('auto on a broken KVM: TCG, one line saying why, recorded', async (t) => {
  const s = setup(t);
  const a = await resolveAccel('auto', { ...s.common, command: s.silent });
  t.equal(a.accel, 'tcg');
  t.equal(a.note, 'KVM at /dev/kvm does not run guests (no console output in 1 s); using TCG');
  t.match(a.kvm, { status: 'broken', probed: true, cached: false });
  const again = await resolveAccel('auto', { ...s.common, command: s.silent });
  t.equal(again.accel, 'tcg');
  t.equal(s.lines.filter((l) => l.includes('using TCG')).length, 1, 'the fallback line is printed once per process');
  t.equal(calls(s.silent), 1, 'probed once per process');
});

t.test('auto on a working KVM: KVM', async (t) => {
  const s = setup(t);
  const a = await resolveAccel('auto', { ...s.common, command: s.working });
  t.equal(a.accel, 'kvm');
  t.equal(a.note, undefined);
  t.match(a.kvm, { status: 'runs', probed: true });
});

t.test('--accel kvm on a broken KVM: infra failure (exit 125) in seconds', async (t) => {
  const s = setup(t);
  const started = Date.now();
  const e = await resolveAccel('kvm', { ...s.common, command: s.silent }).catch((e: unknown) => e);
  t.ok(e instanceof VerifyError);
  t.equal(exitCodeFor(e), 125);
  t.match((e as Error).message, /--accel kvm: KVM at \/dev\/kvm does not run guests \(no console output in 1 s\)/);
  t.ok(Date.now() - started < 5000, `${Date.now() - started} ms`);
  // The same boot's cached answer now stops --accel kvm before anything is built.
  await t.rejects(precheckAccel('kvm', { ...s.common, command: s.silent }), /does not run guests/);
  await t.resolves(precheckAccel('auto', { ...s.common, command: s.silent }));
  await t.rejects(precheckAccel('kvm', { ...s.common, device: '/nonexistent/kvm' }), /\/dev\/kvm does not exist/);
  await t.resolves(precheckAccel('kvm', { ...s.common, bootId: 'boot-2' }), 'no answer for this boot yet: the probe decides later');
});

t.test('TCG asked for: KVM is not probed', async (t) => {
  const s = setup(t);
  t.same(await resolveAccel('tcg', { ...s.common, command: s.silent }), { requested: 'tcg', accel: 'tcg' });
  t.equal(calls(s.silent), 0);
});

t.test("the probe's answer is kept for the host's boot; another boot or a damaged entry is probed again", async (t) => {
  const s = setup(t);
  const first = await kvmState({ ...s.common, command: s.silent });
  t.match(first, { status: 'broken', cached: false });
  const second = await kvmState({ ...s.common, command: s.silent });
  t.match(second, { status: 'broken', cached: true, probed: true });
  t.equal(calls(s.silent), 1, 'the second asked the cache');
  await kvmState({ ...s.common, command: s.silent, bootId: 'boot-2' });
  t.equal(calls(s.silent), 2, 'another boot: probed again');
  writeFileSync(s.common.cacheFile, '{"version":1,"bootId":"boot-2","qem');
  await kvmState({ ...s.common, command: s.silent, bootId: 'boot-2' });
  t.equal(calls(s.silent), 3, 'damaged entry: probed again');
  await kvmState({ ...s.common, command: s.silent, bootId: 'boot-2', fresh: true });
  t.equal(calls(s.silent), 4, 'doctor probes afresh');
  const entry = JSON.parse(readFileSync(s.common.cacheFile, 'utf8'));
  t.match(entry, { version: 2, bootId: 'boot-2', state: { status: 'broken' } });
});

t.test('validEntry accepts only a whole entry of this boot and this QEMU', async (t) => {
  const good = JSON.stringify({ version: 2, bootId: 'b', qemu: 'q', probedAt: 'now', state: { status: 'runs', detail: 'd', seconds: 0.1 } });
  t.match(validEntry(good, 'b', 'q'), { status: 'runs', seconds: 0.1 });
  t.equal(validEntry(good, 'other', 'q'), undefined);
  t.equal(validEntry(good, 'b', '/other/qemu'), undefined);
  t.equal(validEntry(undefined, 'b', 'q'), undefined);
  t.equal(validEntry('null', 'b', 'q'), undefined);
  t.equal(validEntry(JSON.stringify({ version: 2, bootId: 'b', qemu: 'q', probedAt: 'now', state: { status: 'runs', detail: 'd' } }), 'b', 'q'), undefined, 'runs without seconds');
  t.equal(validEntry(JSON.stringify({ version: 2, bootId: 'b', qemu: 'q', probedAt: 'now', state: { status: 'unavailable', detail: 'd' } }), 'b', 'q'), undefined, 'the device is checked, never cached');
  t.equal(validEntry(JSON.stringify({ version: 1, bootId: 'b', qemu: 'q', probedAt: 'now', state: { status: 'runs', detail: 'kernel banner after 4.58 s', seconds: 4.58 } }), 'b', 'q'), undefined, "version 1's probe took a banner for proof: probed again");
});
