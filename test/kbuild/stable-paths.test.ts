import t from 'tap';
import { makeInvocation, STABLE } from '../../src/kbuild/stable-paths.ts';

t.test('make runs where the trees are, or with both bind-mounted at the stable paths', async (t) => {
  const plain = makeInvocation('/c/work/tar-1', '/c/obj/tar-1-abc', ['ARCH=x86_64', '-j2', 'bzImage'], false);
  t.same(plain, { command: 'make', args: ['O=/c/obj/tar-1-abc', 'ARCH=x86_64', '-j2', 'bzImage'], cwd: '/c/work/tar-1' });
  const stable = makeInvocation('/home/u/linux', '/c/obj/git-1-abc', ['ARCH=x86_64', '-j2', 'bzImage'], true);
  t.equal(stable.command, 'unshare');
  t.same(stable.args.slice(0, 5), ['--mount', '--propagation', 'private', '--', 'sh']);
  // The trees are arguments of the script, never spliced into it.
  const [, , script, , work, obj, ...make] = stable.args.slice(4);
  t.match(script, /^mount --bind "\$1" \/run\/ipvs-verify\/src && mount --bind "\$2" \/run\/ipvs-verify\/obj && cd \/run\/ipvs-verify\/src && shift 2 && exec make "\$@"$/);
  t.same([work, obj], ['/home/u/linux', '/c/obj/git-1-abc']);
  t.same(make, [`O=${STABLE.obj}`, 'ARCH=x86_64', '-j2', 'bzImage'], 'every tree builds into the same object path');
});
