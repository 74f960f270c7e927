import t from 'tap';
import { makeArgs } from '../../src/kbuild/kernel.ts';
import { ARCHES } from '../../src/qemu/args.ts';

t.test('make builds the image QEMU boots, and nothing else', async (t) => {
  const args = makeArgs('x86_64', '/o', 2);
  t.same(args, ['O=/o', 'ARCH=x86_64', 'CC=ccache gcc', 'HOSTCC=ccache gcc', '-j2', 'vmlinux']);
  // The ELF at the object directory's top, booted at its PVH entry: no bzImage to compress.
  t.equal(ARCHES.x86_64!.image, ARCHES.x86_64!.target);
  t.throws(() => makeArgs('sparc', '/o', 2), /no build table for architecture sparc/);
});
