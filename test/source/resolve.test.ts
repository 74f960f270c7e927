import t from 'tap';
import { writeFileSync, readFileSync, existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { execa } from 'execa';
import * as tar from 'tar';
import { resolveSource } from '../../src/source/resolve.ts';

// Each test gets its own cache.
t.beforeEach((t) => {
  process.env.IPVS_VERIFY_CACHE = t.testdir({});
});

t.test('a tarball is unpacked once, with a content identity', async (t) => {
  const dir = t.testdir({ 'linux-x': { Makefile: 'VERSION = 6\n', net: { 'a.c': 'int a;\n' } } });
  const tarball = join(dir, 'linux-x.tar.gz');
  await tar.c({ gzip: true, file: tarball, cwd: dir }, ['linux-x']);
  const s1 = await resolveSource({ path: tarball });
  t.match(s1.id, /^tar-[0-9a-f]{32}$/);
  t.equal(readFileSync(join(s1.dir, 'net/a.c'), 'utf8'), 'int a;\n', 'top directory stripped');
  const s2 = await resolveSource({ path: tarball });
  t.same(s2, s1, 'the second resolve reuses the unpacked tree');
  t.same(readdirSync(join(process.env.IPVS_VERIFY_CACHE!, 'src')), [s1.id.replace(/^/, '')], 'no temporary left behind');
});

t.test('an xz tarball goes through xz(1)', async (t) => {
  const dir = t.testdir({ 'linux-y': { Makefile: 'VERSION = 6\n' } });
  await execa('tar', ['-cJf', 'linux-y.tar.xz', 'linux-y'], { cwd: dir });
  const s = await resolveSource({ path: join(dir, 'linux-y.tar.xz') });
  t.ok(existsSync(join(s.dir, 'Makefile')));
});

t.test('a tarball without a kernel tree is refused', async (t) => {
  const dir = t.testdir({ stuff: { 'readme.txt': 'hi' } });
  await tar.c({ gzip: true, file: join(dir, 'x.tar.gz'), cwd: dir }, ['stuff']);
  await t.rejects(resolveSource({ path: join(dir, 'x.tar.gz') }), { kind: 'user', message: /does not hold a kernel tree/ });
  t.same(readdirSync(join(process.env.IPVS_VERIFY_CACHE!, 'src')), [], 'nothing half-unpacked');
});

t.test('a directory is used in place; its identity follows its content', async (t) => {
  const dir = t.testdir({ Makefile: 'VERSION = 6\n', 'a.c': 'x' });
  const s1 = await resolveSource({ path: dir });
  t.equal(s1.dir, dir);
  t.match(s1.id, /^dir-/);
  writeFileSync(join(dir, 'a.c'), 'changed, and longer');
  const s2 = await resolveSource({ path: dir });
  t.not(s2.id, s1.id);
});

t.test('a git tree at a revision is exported', async (t) => {
  const dir = t.testdir({ Makefile: 'VERSION = 6\n', 'a.c': 'one\n' });
  const git = (...a: string[]) => execa('git', ['-c', 'user.name=t', '-c', 'user.email=t@t', ...a], { cwd: dir });
  await git('init', '-q');
  await git('add', '.');
  await git('commit', '-qm', 'one');
  const first = (await git('rev-parse', 'HEAD')).stdout;
  writeFileSync(join(dir, 'a.c'), 'two\n');
  await git('commit', '-qam', 'two');
  const s = await resolveSource({ path: dir, rev: 'HEAD~1' });
  t.equal(s.id, `git-${first}`);
  t.equal(readFileSync(join(s.dir, 'a.c'), 'utf8'), 'one\n');
  await t.rejects(resolveSource({ path: dir, rev: 'no-such-rev' }), { kind: 'user', message: /no git revision "no-such-rev"/ });
});

t.test('a git work tree used in place: its HEAD, and whether it is clean', async (t) => {
  const dir = t.testdir({ Makefile: 'VERSION = 6\n', 'a.c': 'one\n' });
  const git = (...a: string[]) => execa('git', ['-c', 'user.name=t', '-c', 'user.email=t@t', ...a], { cwd: dir });
  await git('init', '-q');
  await git('add', '.');
  await git('commit', '-qm', 'one');
  const head = (await git('rev-parse', 'HEAD')).stdout;
  const clean = await resolveSource({ path: dir });
  t.same(clean.git, { commit: head, clean: true });
  t.match(clean.id, new RegExp(`^git-${head}-`));
  writeFileSync(join(dir, 'a.c'), 'edited\n');
  const edited = await resolveSource({ path: dir });
  t.same(edited.git, { commit: head, clean: false });
  t.not(edited.id, clean.id, 'a local change is another content');
  t.equal(edited.lineage, clean.lineage, 'but the same lineage');
  await git('checkout', '-q', 'a.c');
  writeFileSync(join(dir, 'new.c'), '\n');
  t.same((await resolveSource({ path: dir })).git, { commit: head, clean: false }, 'an untracked file');
});

t.test('bad paths', async (t) => {
  await t.rejects(resolveSource({ path: '/nonexistent/linux' }), { kind: 'user', message: /does not exist/ });
  const dir = t.testdir({ 'x.txt': '' });
  await t.rejects(resolveSource({ path: dir }), { kind: 'user', message: /not a kernel tree/ });
  await t.rejects(resolveSource({ path: join(dir, 'x.txt'), rev: 'HEAD' }), { kind: 'user', message: /needs a git work tree/ });
});
