// The built kernel's CONFIG_HZ, read from its .config. Expectations by hand:
// the value after `CONFIG_HZ=`; the HZ_* choice lines are not it.
import t from 'tap';
import { configHz, builtHz } from '../../src/kbuild/hz.ts';
import { VerifyError, exitCodeFor, EXIT } from '../../src/errors.ts';

t.test('configHz: the CONFIG_HZ line, not the choice that sets it', async (t) => {
  t.equal(configHz('CONFIG_HZ_250=y\n# CONFIG_HZ_300 is not set\nCONFIG_HZ=250\nCONFIG_SCHED_HRTICK=y\n'), 250);
  t.equal(configHz('# CONFIG_HZ_250 is not set\nCONFIG_HZ_100=y\nCONFIG_HZ=100\n'), 100);
  t.equal(configHz('CONFIG_HZ_PERIODIC=y\nCONFIG_HZ_1000=y\n'), undefined, 'no CONFIG_HZ line');
});

t.test("builtHz: the cache entry's config; none is a build failure (exit 125)", async (t) => {
  const dir = t.testdir({ good: { config: 'CONFIG_HZ_1000=y\nCONFIG_HZ=1000\n' }, bad: { config: 'CONFIG_X86=y\n' } });
  t.equal(await builtHz(`${dir}/good`), 1000);
  for (const entry of ['bad', 'missing']) {
    let caught: unknown;
    try {
      await builtHz(`${dir}/${entry}`);
    } catch (e) {
      caught = e;
    }
    t.ok(caught instanceof VerifyError, `${entry}: a VerifyError`);
    t.equal((caught as VerifyError).kind, 'build', entry);
    t.equal(exitCodeFor(caught), EXIT.skip, entry);
  }
});
