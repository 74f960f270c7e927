import t from 'tap';
import { readFileSync } from 'node:fs';
import { changesInBuild, cmdFileInputs, relevance } from '../../src/kbuild/relevance.ts';

const inputs = new Set(['net/netfilter/ipvs/ip_vs_conn.c', 'include/net/ip_vs.h', 'arch/x86/entry/syscalls/syscall_64.tbl']);

t.test('what the earlier build read, or what steers a build, makes the step rebuild', async (t) => {
  for (const path of [
    'net/netfilter/ipvs/ip_vs_conn.c',
    'include/net/ip_vs.h',
    'net/netfilter/ipvs/Makefile',
    'net/netfilter/ipvs/Kconfig',
    'arch/x86/Kconfig.debug',
    'Kbuild',
    'tools/objtool/Build',
    'tools/build/Makefile.build',
    'scripts/setlocalversion',
    'scripts/mod/modpost.c',
    'usr/gen_init_cpio.c',
    'arch/x86/tools/relocs.c',
    'lib/build_OID_registry.pl',
    'firmware/blob.bin',
  ]) {
    t.equal(relevance(path, inputs).inBuild, true, path);
  }
});

t.test('documentation, metadata and sources the build never read do not', async (t) => {
  for (const path of [
    'README',
    'MAINTAINERS',
    'CREDITS',
    'Documentation/networking/ipvs-sysctl.rst',
    'Documentation/devicetree/bindings/x.yaml',
    'LICENSES/preferred/GPL-2.0',
    'tools/testing/selftests/netfilter/ipvs.sh',
    'tools/testing/selftests/netfilter/Makefile',
    'arch/um/kernel/dyn.lds.S',
    'drivers/gpu/drm/i915/i915_drv.c',
    'drivers/gpu/drm/i915/i915_drv.h',
    'tools/perf/builtin-top.c',
    'net/netfilter/.gitignore',
    'notes.txt',
  ]) {
    t.equal(relevance(path, inputs).inBuild, false, path);
  }
});

t.test('changesInBuild lists only the paths that matter, with the reason', async (t) => {
  t.same(changesInBuild(['README', 'MAINTAINERS'], inputs), []);
  t.same(changesInBuild(['README', 'include/net/ip_vs.h', 'foo.bin'], inputs), [
    { path: 'include/net/ip_vs.h', why: 'read by the earlier build' },
    { path: 'foo.bin', why: 'unknown kind of file: rebuilt to be safe' },
  ]);
});

t.test('a real kbuild .cmd file: sources and dependencies, relative and absolute, nothing of the object tree', async (t) => {
  const text = readFileSync(new URL('../../fixtures/kbuild/ip_vs_conn.o.cmd', import.meta.url), 'utf8');
  const got = cmdFileInputs(text, '/root/.cache/ipvs-verify/obj/OBJ', '/root/.cache/ipvs-verify/bisect-fixture/linux');
  t.ok(got.includes('net/netfilter/ipvs/ip_vs_conn.c'), 'source_ (relative to the object directory)');
  t.ok(got.includes('include/linux/compiler_attributes.h'), 'deps_ (relative)');
  t.ok(got.includes('include/linux/kconfig.h'), '-include (absolute)');
  t.notOk(got.some((p) => p.startsWith('/') || p.startsWith('..')), 'every path is tree-relative');
  t.notOk(got.some((p) => p.includes('include/config/')), 'config stamps are the object tree, not sources');
  t.notOk(got.includes(''), 'the tree itself (-fmacro-prefix-map=TREE/=) is not a path in it');
  // A tree whose name is a prefix of another's: only the right one counts.
  t.same(cmdFileInputs('deps := /src/linux2/a.c /src/linux/b.c', '/obj', '/src/linux'), ['b.c']);
});
