// ipvs-verify exec on a real guest (the patched kernel from the cache).
import t from 'tap';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { execa } from 'execa';
import { DEFAULT_LINE, installedVersion } from '../../src/source/debian.ts';

const ROOT = new URL('../..', import.meta.url).pathname;

t.test('a command in the guest: its output, its exit code, netns and ipvsadm work', async (t) => {
  const script = 'uname -r; ip netns add probe && ip netns list; ipvsadm -A -t 10.0.0.1:80 -s rr -p 60 && ipvsadm -Ln | grep -c persistent; echo "it\'s done"; exit 7';
  const r = await execa('node', ['bin/ipvs-verify.js', 'exec', '--', 'sh', '-c', script], { cwd: ROOT, reject: false });
  t.equal(r.exitCode, 7, r.stderr);
  // exec boots Debian's default line: its `uname -r` is the package's upstream
  // version, the Debian revision cut off (6.1.192-3 -> 6.1.192; the config sets no
  // LOCALVERSION and the tarball is no git tree, so nothing is appended).
  const debian = await installedVersion(DEFAULT_LINE);
  t.ok(debian, `linux-source-${DEFAULT_LINE} is installed`);
  const release = debian!.replace(/-[^-]*$/, '');
  t.match(release, new RegExp(`^${DEFAULT_LINE.replace('.', '\\.')}\\.\\d+$`), `upstream version of ${debian}`);
  t.same(r.stdout.split('\n'), [release, 'probe', '1', "it's done"]);
  t.notMatch(r.stdout, /@@ipvs-verify-exit/);
  const ok = await execa('node', ['bin/ipvs-verify.js', 'exec', '--variant', 'base', '--', 'true'], { cwd: ROOT, reject: false });
  t.equal(ok.exitCode, 0, ok.stderr);
});

t.test("the kernel's own IPVS selftest, from the source tree, passes in the guest; --coverage says which hunks it ran", async (t) => {
  // On the gcov kernel (the plain one boots above): the selftest's output
  // unchanged on stdout, and on stderr which hunks it ran: its NAT test's TCP
  // connections reach ESTABLISHED (set_tcp_state(), hunk 1.11) and expire (2.2).
  const cov = await execa('node', ['bin/ipvs-verify.js', 'exec', '--coverage', '--from-source', 'tools/testing/selftests/netfilter/ipvs.sh', '--', 'sh', '/ipvs.sh'], { cwd: ROOT, reject: false });
  t.equal(cov.exitCode, 0, `${cov.stdout}\n${cov.stderr}`);
  t.match(cov.stdout, /Testing DR mode\.\.\.\nTesting NAT mode\.\.\.\nTesting Tunnel mode\.\.\./);
  t.match(cov.stdout, /ipvs\.sh: .*PASS/);
  t.notMatch(cov.stdout, /series coverage/, 'coverage stays off the command\'s output');
  t.match(cov.stderr, /series coverage: patch 1 \d+\/14 hunks, patch 2 \d+\/7 hunks \(patched only\)/);
  t.match(cov.stderr, /^1\.11\tnet\/netfilter\/ipvs\/ip_vs_proto_tcp\.c:\d+\tn\/a\tyes \(\d+\)\tset_tcp_state\(/m);
  t.match(cov.stderr, /^2\.2\tnet\/netfilter\/ipvs\/ip_vs_conn\.c:\d+\tn\/a\tyes \(\d+\)\tstatic void ip_vs_conn_expire\(/m);
  const missing = await execa('node', ['bin/ipvs-verify.js', 'exec', '--from-source', 'no/such/file.sh', '--', 'true'], { cwd: ROOT, reject: false, all: true });
  t.equal(missing.exitCode, 2);
  t.match(missing.all, /--from-source: no\/such\/file\.sh is not in the kernel tree/);
});

t.test('exec --file copies a host file into the guest byte for byte, executable, and the command runs it', async (t) => {
  // A script with a line of every byte a shell passes through (and one it must
  // not lose: no newline at the end), so the guest's sha256sum proves the copy.
  const dir = t.testdir({ 'probe.sh': '#!/bin/sh\necho "from the host: $1"\nexit 3\n# \t tab, quotes \' " and a last line without its newline' });
  const host = join(dir, 'probe.sh');
  const sha = createHash('sha256').update(readFileSync(host)).digest('hex');
  const r = await execa('node', ['bin/ipvs-verify.js', 'exec', '--file', `${host}:/probe.sh`, '--', 'sh', '-c', 'sha256sum /probe.sh; /probe.sh arg'], { cwd: ROOT, reject: false });
  t.equal(r.exitCode, 3, `the script's own exit code\n${r.stderr}`);
  t.same(r.stdout.split('\n'), [`${sha}  /probe.sh`, 'from the host: arg'], 'the same bytes; run as a program (its mode is executable)');
  const bad = await execa('node', ['bin/ipvs-verify.js', 'exec', '--file', 'probe.sh', '--', 'true'], { cwd: ROOT, reject: false, all: true });
  t.equal(bad.exitCode, 2, 'a --file without its guest path is bad input');
  t.match(bad.all, /--file wants host:\/guest\/path, got "probe\.sh"/);
});

t.test('exec --config with a fragment the merged config already satisfies: accepted, and the very kernel from the cache', async (t) => {
  // CONFIG_IP_VS_SH_TAB_BITS=8 is the symbol's default, which the default
  // fragments leave it at: merged, olddefconfig gives the same .config, so the
  // same content key. A fragment that changes the .config costs a build of its
  // own object directory: test-slow/e2e/config-fragment.ts.
  const frag = join(t.testdir({ 'same.config': 'CONFIG_IP_VS_SH_TAB_BITS=8\n' }), 'same.config');
  const plain = await execa('node', ['bin/ipvs-verify.js', 'exec', '--variant', 'patched', '--', 'true'], { cwd: ROOT, reject: false, all: true });
  const merged = await execa('node', ['bin/ipvs-verify.js', 'exec', '--variant', 'patched', '--config', frag, '--', 'true'], { cwd: ROOT, reject: false, all: true });
  t.equal(plain.exitCode, 0, plain.all);
  t.equal(merged.exitCode, 0, merged.all);
  const key = (all: string | undefined, how: string) => new RegExp(`\\[exec patched\\] ${how} kernel ([0-9a-f]{24})\\b`).exec(all ?? '')?.[1];
  t.ok(key(plain.all, '(?:built|cached)'), 'the plain kernel');
  t.equal(key(merged.all, 'cached'), key(plain.all, '(?:built|cached)'), 'the same content key, from the cache: the fragment changed nothing in the .config');
});
