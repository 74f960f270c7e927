// The run directory's name, from a fixed Date: Date.UTC(2024, 2, 5, 7, 8, 9, 12)
// is 2024-03-05 07:08:09.012 UTC (month 2 is March), which toISOString()
// writes 2024-03-05T07:08:09.012Z; ':' and '.' become '-' by hand.
import t from 'tap';
import { defaultRunDir, runStamp } from '../src/run-stamp.ts';

const AT = new Date(Date.UTC(2024, 2, 5, 7, 8, 9, 12));

t.test('the stamp: UTC, no colon or dot, milliseconds kept', async (t) => {
  t.equal(runStamp(AT), '2024-03-05T07-08-09-012Z');
});

t.test('the directory: runs/<stamp>-<what>', async (t) => {
  t.equal(defaultRunDir('fuzz-7', AT), 'runs/2024-03-05T07-08-09-012Z-fuzz-7');
  t.equal(defaultRunDir('suite-base', AT), 'runs/2024-03-05T07-08-09-012Z-suite-base');
});

t.test('now by default: a stamp of the present time', async (t) => {
  const before = runStamp(new Date(Date.now() - 1));
  const now = runStamp();
  const after = runStamp(new Date(Date.now() + 1));
  // The stamp's characters sort as the time does (fixed width, most significant first).
  t.ok(before <= now && now <= after, `${before} <= ${now} <= ${after}`);
  t.match(defaultRunDir('x'), /^runs\/\d{4}-\d\d-\d\dT\d\d-\d\d-\d\d-\d{3}Z-x$/);
});
