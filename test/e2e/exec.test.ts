// ipvs-verify exec on a real guest (the patched kernel from the cache).
import t from 'tap';
import { execa } from 'execa';

const ROOT = new URL('../..', import.meta.url).pathname;

t.test('a command in the guest: its output, its exit code, netns and ipvsadm work', async (t) => {
  const script = 'uname -r; ip netns add probe && ip netns list; ipvsadm -A -t 10.0.0.1:80 -s rr -p 60 && ipvsadm -Ln | grep -c persistent; echo "it\'s done"; exit 7';
  const r = await execa('node', ['bin/ipvs-verify.js', 'exec', '--', 'sh', '-c', script], { cwd: ROOT, reject: false });
  t.equal(r.exitCode, 7, r.stderr);
  t.same(r.stdout.split('\n'), ['6.1.192', 'probe', '1', "it's done"]);
  t.notMatch(r.stdout, /@@ipvs-verify-exit/);
  const ok = await execa('node', ['bin/ipvs-verify.js', 'exec', '--variant', 'base', '--', 'true'], { cwd: ROOT, reject: false });
  t.equal(ok.exitCode, 0, ok.stderr);
});

t.test("the kernel's own IPVS selftest, from the source tree, passes in the guest", async (t) => {
  const r = await execa('node', ['bin/ipvs-verify.js', 'exec', '--from-source', 'tools/testing/selftests/netfilter/ipvs.sh', '--', 'sh', '/ipvs.sh'], {
    cwd: ROOT,
    reject: false,
  });
  t.equal(r.exitCode, 0, `${r.stdout}\n${r.stderr}`);
  t.match(r.stdout, /Testing DR mode\.\.\.\nTesting NAT mode\.\.\.\nTesting Tunnel mode\.\.\./);
  t.match(r.stdout, /ipvs\.sh: .*PASS/);
  const missing = await execa('node', ['bin/ipvs-verify.js', 'exec', '--from-source', 'no/such/file.sh', '--', 'true'], { cwd: ROOT, reject: false, all: true });
  t.equal(missing.exitCode, 2);
  t.match(missing.all, /--from-source: no\/such\/file\.sh is not in the kernel tree/);
});
