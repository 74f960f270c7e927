// parseLdd's failure: a library ldd cannot find is the host's fault (infra,
// exit 125: git bisect skips), not a bug of the harness (128).
import t from 'tap';
import { parseLdd } from '../../src/guest/ldd.ts';
import { VerifyError, exitCodeFor, EXIT } from '../../src/errors.ts';

t.test('a missing shared library is an infrastructure failure', async (t) => {
  let caught: unknown;
  try {
    parseLdd('\tlibfoo.so.1 => not found\n');
  } catch (e) {
    caught = e;
  }
  t.ok(caught instanceof VerifyError, 'a VerifyError');
  t.equal((caught as VerifyError).kind, 'infra');
  t.equal(exitCodeFor(caught), EXIT.skip);
  t.match((caught as Error).message, /missing shared library: libfoo.so.1 => not found/);
});
