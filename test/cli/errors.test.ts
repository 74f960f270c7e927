// Bad input through the real command line: a specific message, exit code 2,
// and nothing built, booted or recorded.
import t from 'tap';
import { readFileSync, writeFileSync, existsSync, readdirSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { execa } from 'execa';

const ROOT = new URL('../..', import.meta.url).pathname;
const cli = (args: string[], env: Record<string, string> = {}) =>
  execa(process.execPath, ['bin/ipvs-verify.js', ...args], { cwd: ROOT, reject: false, all: true, env });

t.test('a patch that does not apply: file and hunk named, exit 2, no run record', async (t) => {
  const dir = t.testdir({});
  const good = readFileSync(join(ROOT, 'fixtures/patches/ipvs-template-drop/0002-ipvs-drop-conn-templates-under-attack.patch'), 'utf8');
  // Break the context of the hunk that edits ip_vs_random_dropentry().
  const broken = good.replace(' \t\thlist_for_each_entry_rcu(cp, &ip_vs_conn_tab[hash], c_list) {', ' \t\thlist_for_each_entry_rcu(cp, &ip_vs_conn_tab[hash], c_lost) {');
  t.not(broken, good);
  writeFileSync(join(dir, 'broken.patch'), broken);
  const out = join(dir, 'run');
  const r = await cli(['verify', '--patch', join(dir, 'broken.patch'), '--out', out]);
  t.equal(r.exitCode, 2, r.all);
  // Debian's tree carries the series, so the patch is judged in reverse; the
  // broken context is in its 6th hunk (ip_vs_random_dropentry).
  t.match(r.all, /patch broken\.patch \("\[PATCH 2\/2\] ipvs: drop conn templates under attack"\) does not revert: net\/netfilter\/ipvs\/ip_vs_conn\.c: hunk #6 @@ -1251,/);
  t.notOk(existsSync(out), 'no run record');
  t.same(readdirSync(dir), ['broken.patch'], 'no partial directory either');
});

t.test('a bad scenario: key and line named, exit 2', async (t) => {
  const dir = t.testdir({ 'bad.yaml': readFileSync(join(ROOT, 'fixtures/scenarios/smoke.yaml'), 'utf8').replace('  rate: 200', '  rate: 200\n  ratee: 5') });
  const r = await cli(['verify', '--scenario', join(dir, 'bad.yaml')]);
  t.equal(r.exitCode, 2);
  t.match(r.all, /bad\.yaml:\d+: unknown key "flood\.ratee"/);
  const c = await cli(['check-scenario', join(dir, 'bad.yaml')]);
  t.equal(c.exitCode, 2);
  t.match(c.all, /bad\.yaml:\d+: unknown key "flood\.ratee"/, 'check-scenario names the key too');
  const ok = await cli(['check-scenario', join(ROOT, 'fixtures/scenarios/smoke.yaml')]);
  t.equal(ok.exitCode, 0);
  t.match(ok.all, /ok \(smoke, 160 guest-s\)/);
});

t.test('unknown options, commands and bad numbers: named, exit 2 (bad input, as the README says)', async (t) => {
  const r = await cli(['verify', '--frobnicate']);
  t.equal(r.exitCode, 2, r.all);
  t.match(r.all, /ipvs-verify: error: unknown option '--frobnicate'/);
  const s = await cli(['model', '--runs', '0']);
  t.equal(s.exitCode, 2, s.all);
  t.match(s.all, /option '--runs <n>' argument '0' is invalid\. --runs must be a positive integer/);
  const n = await cli(['model', '--runs', 'abc']);
  t.equal(n.exitCode, 2, n.all);
  t.match(n.all, /option '--runs <n>' argument 'abc' is invalid/);
  const u = await cli(['frobnicate']);
  t.equal(u.exitCode, 2, u.all);
  t.match(u.all, /unknown command 'frobnicate'/);
});

t.test('doctor names the package of a missing tool', async (t) => {
  const r = await cli(['doctor']);
  t.match(r.all, /ok\s+qemu-system-x86_64/);
  // Every tool is installed here, so the message for a missing one is checked directly.
  const { missingToolMessage } = await import('../../src/host/tools.ts');
  t.equal(missingToolMessage('hping3'), 'hping3 not found: install it with `apt-get install hping3` (or run scripts/install-deps.sh)');
});

t.test('missing host tools: all named with their packages, exit 125, before anything runs', async (t) => {
  const out = join(t.testdir({}), 'run');
  const r = await cli(['verify', '--scenario', 'fixtures/scenarios/smoke.yaml', '--out', out], { PATH: '/nonexistent' });
  t.equal(r.exitCode, 125);
  t.match(r.all, /missing on this host: make \(apt-get install make\), gcc \(apt-get install gcc\)/);
  t.match(r.all, /qemu-system-x86_64 \(apt-get install qemu-system-x86\)/);
  t.match(r.all, /xz \(apt-get install xz-utils\)/);
  t.notOk(existsSync(out));
});

t.test('a config symbol olddefconfig drops: named, exit 125, nothing built', async (t) => {
  // IP_VS_FTP depends on connection tracking, which kernel-configs/ leaves off.
  const dir = t.testdir({ 'ftp.config': 'CONFIG_IP_VS_FTP=y\n' });
  const out = join(dir, 'run');
  const r = await cli(['verify', '--config', join(dir, 'ftp.config'), '--scenario', 'fixtures/scenarios/smoke.yaml', '--out', out]);
  t.equal(r.exitCode, 125, r.all);
  t.match(r.all, /requested symbol\(s\) did not survive merge_config\.sh \+ olddefconfig/);
  t.match(r.all, /CONFIG_IP_VS_FTP: wanted y, got n \(from ftp\.config\)/);
  t.notOk(existsSync(out));
});

t.test('disk full while unpacking a source: named, exit 125, the cache keeps no partial entry', async (t) => {
  if (process.getuid?.() !== 0) {
    t.fail('this test mounts a small tmpfs and needs root (CI runs as root)');
    return;
  }
  // Not a t.testdir(): the mount must be gone before the directory is removed.
  const dir = mkdtempSync(join(tmpdir(), 'ipvs-verify-diskfull-'));
  const cache = join(dir, 'cache');
  mkdirSync(cache);
  mkdirSync(join(dir, 'src'));
  await execa('mount', ['-t', 'tmpfs', '-o', 'size=1m', 'tmpfs', cache]);
  t.teardown(async () => {
    await execa('umount', [cache], { reject: false });
    rmSync(dir, { recursive: true, force: true });
  });
  // A "kernel tree" of 3 MB that does not compress.
  mkdirSync(join(dir, 'src', 'linux'));
  writeFileSync(join(dir, 'src', 'linux', 'Makefile'), 'VERSION = 6\n');
  writeFileSync(join(dir, 'src', 'linux', 'blob'), randomBytes(3 << 20));
  await execa('tar', ['-czf', join(dir, 'linux.tar.gz'), '-C', join(dir, 'src'), 'linux']);
  const r = await cli(['verify', '--source', join(dir, 'linux.tar.gz'), '--scenario', 'fixtures/scenarios/smoke.yaml', '--out', join(dir, 'run')], {
    IPVS_VERIFY_CACHE: cache,
  });
  t.equal(r.exitCode, 125, r.all);
  t.match(r.all, /infra failure: disk full: ENOSPC/);
  const left = existsSync(join(cache, 'src')) ? readdirSync(join(cache, 'src')) : [];
  t.same(left, [], 'no partial source tree in the cache');
});

t.test('--accel kvm where this boot already showed KVM cannot run guests: exit 125 in seconds, nothing built', async (t) => {
  const cache = t.testdir({});
  const bootId = readFileSync('/proc/sys/kernel/random/boot_id', 'utf8').trim();
  mkdirSync(join(cache, 'host'));
  const entry = { version: 2, bootId, qemu: 'qemu-system-x86_64', probedAt: new Date().toISOString(), state: { status: 'broken', detail: 'no console output in 5 s' } };
  writeFileSync(join(cache, 'host', 'kvm-probe.json'), JSON.stringify(entry));
  const out = join(cache, 'run');
  const started = Date.now();
  const r = await cli(['verify', '--accel', 'kvm', '--out', out], { IPVS_VERIFY_CACHE: cache });
  t.equal(r.exitCode, 125, r.all);
  // Without a usable device the same command fails the same way, on the device's account.
  t.match(r.all, /infra failure: --accel kvm: (KVM at \/dev\/kvm does not run guests \(no console output in 5 s\)|\/dev\/kvm (does not exist|cannot be opened))/);
  t.ok(Date.now() - started < 30_000, `${Date.now() - started} ms`);
  t.same(readdirSync(cache), ['host'], 'nothing unpacked or built, no run record');
});

t.test('a kernel line Debian does not ship, or --kernel-lines with --source: exit 2, nothing built', async (t) => {
  const dir = t.testdir({});
  const out = join(dir, 'run');
  const a = await cli(['verify', '--source', 'debian:5.10', '--out', out]);
  t.equal(a.exitCode, 2, a.all);
  t.match(a.all, /--source debian:5\.10: Debian 12 ships kernel lines 6\.1, 6\.12; there is no linux-source-5\.10/);
  const b = await cli(['verify', '--kernel-lines', '6.1,4.19', '--out', out]);
  t.equal(b.exitCode, 2, b.all);
  t.match(b.all, /no linux-source-4\.19/);
  const c = await cli(['verify', '--kernel-lines', '6.1', '--source', 'debian:6.12', '--out', out]);
  t.equal(c.exitCode, 2, c.all);
  t.match(c.all, /--kernel-lines takes Debian's sources itself: drop --source\/--rev/);
  t.notOk(existsSync(out), 'no run record');
});

t.test('--suite: an unknown suite, or with --scenario / --variant: exit 2, nothing run', async (t) => {
  const dir = t.testdir({});
  const out = join(dir, 'run');
  const a = await cli(['verify', '--suite', 'nightly', '--out', out]);
  t.equal(a.exitCode, 2, a.all);
  t.match(a.all, /--suite: unknown suite "nightly" \(known: all\)/);
  const b = await cli(['verify', '--suite', 'all', '--scenario', 'fixtures/scenarios/smoke.yaml', '--out', out]);
  t.equal(b.exitCode, 2, b.all);
  t.match(b.all, /--suite runs every scenario on both variants: drop --scenario/);
  const c = await cli(['verify', '--suite', 'all', '--variant', 'base', '--out', out]);
  t.equal(c.exitCode, 2, c.all);
  t.match(c.all, /drop --variant/);
  t.notOk(existsSync(out), 'no run record');
});
