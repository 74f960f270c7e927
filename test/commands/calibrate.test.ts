// calibrate() over records on disk: found at any depth, read from result.json
// where it keeps PITs (nothing judged here: the verdicts are written by hand,
// a record that cannot be judged skipped.
import t from 'tap';
import { join } from 'node:path';
import { calibrate, findRecords } from '../../src/commands/calibrate.ts';

const pits = (templates: number) => ({ claims: {}, series: { templates: { below: 0, ties: 0, runs: 1000, pit: templates } } });
/** Two variant-runs; patched run again once when `retried`. */
const result = (i: number, retried = false) =>
  JSON.stringify({
    run: `r${i}`,
    verdict: {
      variants: { base: { variant: 'base', pit: pits(0.1 * i) }, patched: { variant: 'patched', pit: pits(0.5), ...(retried ? { earlierTries: [{ dir: 'try-1', checks: [], pit: pits(0.99) }] } : {}) } },
      claims: [],
      claimsHold: true,
      judgeable: true,
    },
  });
const root = t.testdir({
  out: {
    'linux-6.1': {
      r1: { 'metadata.json': '{}', 'result.json': result(1) },
      // A record verify ran a variant of twice: its first try in try-1/ (no metadata.json there).
      r2: { 'metadata.json': '{}', 'result.json': result(2, true), 'try-1': { 'results-patched.jsonl': '' } },
    },
    // No scenario in its metadata, no result.json: judging it fails as bad input.
    bad: { 'metadata.json': '{}' },
    notes: { 'README.md': 'not a record' },
  },
});

t.test('records at any depth, not inside a record', async (t) => {
  const found = await findRecords([join(root, 'out')]);
  t.same(found, [join(root, 'out/bad'), join(root, 'out/linux-6.1/r1'), join(root, 'out/linux-6.1/r2')]);
  t.same(await findRecords([join(root, 'out/linux-6.1/r1')]), [join(root, 'out/linux-6.1/r1')], 'a record itself');
});

t.test('the stored PITs, the retries, and the record that could not be judged', async (t) => {
  const r = await calibrate([join(root, 'out')]);
  t.same([r.calibration.records, r.calibration.variantRuns, r.calibration.retried], [2, 4, 1]);
  // base 0.1, 0.2; patched 0.5, 0.5 and its earlier try's 0.99.
  t.same(r.calibration.quantities.map((q) => [q.name, q.pits]), [['area:templates', [0.1, 0.5, 0.2, 0.5, 0.99]]]);
  t.equal(r.skipped.length, 1);
  t.match(r.skipped[0], { dir: join(root, 'out/bad'), why: /names no scenario/ });
  t.match(r.text, /\nretries: 1 of 4 variant-runs needed one/);
  t.match(r.text, /\nskipped .*out\/bad: .*names no scenario\n$/);
  await t.rejects(calibrate([join(root, 'out/notes')]), /no run records/);
});
