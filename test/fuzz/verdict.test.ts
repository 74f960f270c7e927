// A campaign's exit code (README "Exit codes", fuzz --help): over the series a
// failure is exit 1; over a mutant a failure is the mutant caught, exit 0, and
// none caught exit 1; errors alone 125 either way. Each row is read off those
// rules by hand.
import t from 'tap';
import { campaignExit } from '../../src/fuzz/verdict.ts';

const tag = { id: 'tcp-no-assure', sha256: '0'.repeat(64) };
const counts = (fail: number, error: number) => ({ cases: 5, pass: 5 - fail - error, fail, error, shrunk: fail });

t.test('campaignExit: series and mutant campaigns', async (t) => {
  const rows: [string, Parameters<typeof campaignExit>[0], number][] = [
    ['series, all pass', { counts: counts(0, 0) }, 0],
    ['series, a failure (and an error)', { counts: counts(1, 1) }, 1],
    ['series, errors only', { counts: counts(0, 2) }, 125],
    ['mutant caught (and an error)', { mutant: tag, counts: counts(1, 1) }, 0],
    ['mutant not caught', { mutant: tag, counts: counts(0, 0) }, 1],
    ['mutant not caught, errors', { mutant: tag, counts: counts(0, 2) }, 125],
  ];
  t.equal(rows.length, 6);
  for (const [what, r, code] of rows) t.equal(campaignExit(r), code, what);
});
