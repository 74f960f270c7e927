import t from 'tap';
import { VerifyError, exitCodeFor, EXIT } from '../../src/errors.ts';
import { guestTools, initramfsSpec } from '../../src/guest/initramfs-plan.ts';
import { parseLdd } from '../../src/guest/ldd.ts';

const LDD = `	linux-vdso.so.1 (0x00007f4b86f9d000)
	libpopt.so.0 => /lib/x86_64-linux-gnu/libpopt.so.0 (0x00007f4b86f66000)
	libnl-genl-3.so.200 => /lib/x86_64-linux-gnu/libnl-genl-3.so.200 (0x00007f4b86f5f000)
	libc.so.6 => /lib/x86_64-linux-gnu/libc.so.6 (0x00007f4b86d5a000)
	/lib64/ld-linux-x86-64.so.2 (0x00007f4b86f9f000)
`;

t.test('parseLdd: libraries and the loader, not the vdso', async (t) => {
  t.same(parseLdd(LDD), [
    '/lib/x86_64-linux-gnu/libpopt.so.0',
    '/lib/x86_64-linux-gnu/libnl-genl-3.so.200',
    '/lib/x86_64-linux-gnu/libc.so.6',
    '/lib64/ld-linux-x86-64.so.2',
  ]);
  t.throws(() => parseLdd('\tlibfoo.so.1 => not found\n'), /missing shared library: libfoo.so.1 => not found/);
});

t.test('spec: directories before files, devices, no duplicates', async (t) => {
  const spec = initramfsSpec({
    busybox: '/usr/bin/busybox',
    binaries: [{ guest: '/usr/sbin/ipvsadm', host: '/usr/sbin/ipvsadm', mode: 0o755 }],
    libraries: parseLdd(LDD).concat('/lib/x86_64-linux-gnu/libc.so.6'),
    files: [{ guest: '/etc/plan/env', host: '/tmp/run/plan-base/env', mode: 0o644 }],
  });
  const lines = spec.trim().split('\n');
  const idx = (s: string) => lines.findIndex((l) => l.startsWith(s));
  t.ok(idx('dir /lib ') < idx('dir /lib/x86_64-linux-gnu '), 'parents first');
  t.ok(idx('dir /lib64 ') < idx('file /lib64/ld-linux-x86-64.so.2 '));
  t.equal(lines.filter((l) => l.startsWith('file /lib/x86_64-linux-gnu/libc.so.6 ')).length, 1);
  t.ok(lines.includes('file /bin/busybox /usr/bin/busybox 0755 0 0'));
  t.ok(lines.includes('file /etc/plan/env /tmp/run/plan-base/env 0644 0 0'));
  t.ok(lines.includes('nod /dev/ttyS1 0600 0 0 c 4 65'), 'the results port exists before devtmpfs');
  t.ok(lines.includes('slink /bin/sh dash 0777 0 0'), 'a PATH-respecting /bin/sh');
  t.throws(() => initramfsSpec({ busybox: '/a b', binaries: [], libraries: [], files: [] }), /whitespace/);
});

t.test('guestTools: what the agent runs for the protocol; exec carries them all', async (t) => {
  t.same(guestTools({ protocol: 'tcp' }), ['ipvsadm', 'tcpreplay', 'ip'], 'TCP is busybox httpd and wget: no socat');
  t.same(guestTools({ protocol: 'udp' }), ['ipvsadm', 'tcpreplay', 'ip', 'socat']);
  t.same(guestTools({ protocol: 'sctp' }), ['ipvsadm', 'tcpreplay', 'ip', 'socat']);
  t.same(guestTools('exec'), ['ipvsadm', 'tcpreplay', 'ip', 'socat', 'hping3']);
});

t.test('a host path with whitespace is an infrastructure failure (exit 125)', async (t) => {
  let caught: unknown;
  try {
    initramfsSpec({ busybox: '/opt/my tools/busybox', binaries: [], libraries: [], files: [] });
  } catch (e) {
    caught = e;
  }
  t.ok(caught instanceof VerifyError, 'a VerifyError');
  t.equal((caught as VerifyError).kind, 'infra');
  t.equal(exitCodeFor(caught), EXIT.skip);
});
