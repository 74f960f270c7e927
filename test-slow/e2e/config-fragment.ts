// End to end (the full set: npm run test:full): a `--config` fragment that
// changes the kernel, taking effect. It sets CONFIG_LOCALVERSION (the guest's
// `uname -r` shows it) and CONFIG_IKCONFIG_PROC (the guest's /proc/config.gz is
// the .config the kernel was built with, so the fragment's lines can be read
// back from the running kernel).
// Cost: any change to the merged .config is a new object directory (kbuild/
// kernel.ts keys it by the config's hash), so a whole build: under the stable
// paths ccache answers most compiles after preprocessing (autoconf.h changed,
// so no direct hit; the preprocessed text of a file that uses neither symbol
// is unchanged): ~2-3 min on 2 cores; a cold build, ~7 min, where builds
// cannot use the stable paths. Then one single-variant verify of the smoke
// scenario (~30 s) and one exec (~3 s) of the same kernel. A fragment that
// leaves the .config as it is costs nothing: test/e2e/exec.test.ts.
import t from 'tap';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { execa } from 'execa';
import { DEFAULT_LINE, installedVersion } from '../../src/source/debian.ts';

const ROOT = new URL('../..', import.meta.url).pathname;
const out = join(ROOT, 'runs', `e2e-config-${Date.now()}`);
const FRAGMENT = 'CONFIG_LOCALVERSION="-frag-test"\nCONFIG_IKCONFIG=y\nCONFIG_IKCONFIG_PROC=y\n';

t.test('verify --config: the record names the fragment, and the guest runs a kernel built with it', async (t) => {
  const frag = join(t.testdir({ 'localversion.config': FRAGMENT }), 'localversion.config');
  const debian = await installedVersion(DEFAULT_LINE);
  t.ok(debian, `linux-source-${DEFAULT_LINE} is installed`);
  // The upstream version (6.1.192-3 -> 6.1.192), as test/e2e/exec.test.ts derives it, then the fragment's LOCALVERSION.
  const release = `${debian!.replace(/-[^-]*$/, '')}-frag-test`;

  const v = await execa('node', ['bin/ipvs-verify.js', 'verify', '--config', frag, '--variant', 'patched', '--scenario', 'fixtures/scenarios/smoke.yaml', '--out', out], { cwd: ROOT, reject: false, all: true });
  t.equal(v.exitCode, 0, (v.all ?? '').slice(-3000));
  const meta = JSON.parse(readFileSync(join(out, 'metadata.json'), 'utf8'));
  t.equal(meta.status, 'complete');
  const sha = createHash('sha256').update(FRAGMENT).digest('hex');
  // The default fragments (kernel-configs/*.config, in name order), then the user's.
  const defaults = ['00-qemu-boot', '10-userspace-tools', '20-netns', '30-ipvs', '40-selftests', '50-observe'].map((n) => `${n}.config`);
  t.same(meta.config.fragments.map((f: { name: string }) => f.name), [...defaults, 'localversion.config'], 'the default fragments, then this one');
  t.same(meta.config.fragments.at(-1), { name: 'localversion.config', sha256: sha }, 'the fragment, last, by name and content');
  t.match(readFileSync(join(out, 'results-patched.jsonl'), 'utf8'), `"kernel":"${release}"`, 'the guest ran the kernel the fragment made');

  const e = await execa('node', ['bin/ipvs-verify.js', 'exec', '--config', frag, '--', 'sh', '-c', 'uname -r; zcat /proc/config.gz | grep -E "^CONFIG_(LOCALVERSION|IKCONFIG|IKCONFIG_PROC)="'], { cwd: ROOT, reject: false });
  t.equal(e.exitCode, 0, e.stderr.slice(-3000));
  t.match(e.stderr, `cached kernel ${meta.variants.patched.kernel.key}`, "verify's kernel, from the cache");
  t.same(e.stdout.split('\n'), [release, 'CONFIG_LOCALVERSION="-frag-test"', 'CONFIG_IKCONFIG=y', 'CONFIG_IKCONFIG_PROC=y'], "the running kernel's own .config has the fragment's lines");
});
