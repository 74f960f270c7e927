import t from 'tap';
import { debianLineOf, parseLines, tarballOf, packageOf, installedVersion } from '../../src/source/debian.ts';

t.test('debian:<line> names one of the lines Debian 12 ships', async (t) => {
  t.equal(debianLineOf('debian:6.12'), '6.12');
  t.equal(debianLineOf('debian:6.1'), '6.1');
  t.equal(debianLineOf('/usr/src/linux-source-6.1.tar.xz'), undefined, 'a path is not a line');
  t.throws(() => debianLineOf('debian:5.10'), { kind: 'user', message: /ships kernel lines 6\.1, 6\.12; there is no linux-source-5\.10/ });
  t.same(parseLines('6.1,6.12'), ['6.1', '6.12']);
  t.same(parseLines(' 6.12 , 6.12'), ['6.12'], 'once each');
  t.throws(() => parseLines('6.1,4.19'), { kind: 'user', message: /no linux-source-4\.19/ });
  t.throws(() => parseLines(','), { kind: 'user', message: /give one or more of 6\.1, 6\.12/ });
  t.equal(tarballOf('6.12'), '/usr/src/linux-source-6.12.tar.xz');
  t.equal(packageOf('6.12'), 'linux-source-6.12');
});

t.test("the installed package's exact version, from dpkg", async (t) => {
  // The default line is installed wherever the tests run (scripts/install-deps.sh).
  t.match(await installedVersion('6.1'), /^6\.1\.\d+-\d+/);
  t.equal(await installedVersion('0.0-nonexistent'), undefined);
});
