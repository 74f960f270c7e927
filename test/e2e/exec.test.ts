// ipvs-verify exec on a real guest (the patched kernel from the cache).
import t from 'tap';
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
