// The campaign report from three hand-made records: the counts, walls, claim
// outcomes and failures worked out by hand below; the Markdown shows them.
import t from 'tap';
import { fuzzReport, fuzzMarkdown, mutantLine, rebase } from '../../src/fuzz/report.ts';
import type { CaseRecord, RunOutcome } from '../../src/fuzz/case-record.ts';
import type { Scenario } from '../../src/scenario/schema.ts';

const run = (patchedAgrees: boolean, c2: 'pass' | 'fail', wallSeconds: number): RunOutcome => ({
  variants: { base: true, patched: patchedAgrees },
  claims: [{ id: 'C2', variant: 'patched', outcome: c2 }, { id: 'C10', variant: 'both', outcome: 'inconclusive' }],
  wallSeconds,
});
const minimal = { name: 'fuzz-0001' } as Scenario;
const records: CaseRecord[] = [
  { index: 0, fuzzSeed: 4, seed: 11, hash: 'a', outcome: 'pass', first: run(true, 'pass', 20), dir: 'fuzz-0000', wallSeconds: 20 },
  {
    index: 1, fuzzSeed: 4, seed: 12, hash: 'b', outcome: 'fail', first: run(false, 'fail', 30), dir: 'fuzz-0001', wallSeconds: 330,
    shrink: { steps: 10, reused: 2, exhausted: true, path: '0:1:2', minimal, minimalHash: 'c', minimalRun: run(true, 'fail', 30), file: 'fuzz-0001/minimal.yaml' },
  },
  { index: 2, fuzzSeed: 4, seed: 13, hash: 'd', outcome: 'error', first: { variants: {}, claims: [], wallSeconds: 10, error: { kind: 'build', message: 'make failed\nmore' } }, dir: 'fuzz-0002', wallSeconds: 10 },
];

t.test('counts, walls, claims and failures by hand', async (t) => {
  const r = fuzzReport(records);
  t.same(r.seeds, [4]);
  t.same(r.counts, { cases: 3, pass: 1, fail: 1, error: 1, shrunk: 1 });
  // Runs: 3 first runs + 10 steps = 13, in 20 + 330 + 10 = 360 s: 13 an hour x 10 = 130 an hour.
  t.same(r.walls, { seconds: 360, runs: 13, pairsPerHour: 130, firstRun: { mean: 20, max: 30 } });
  t.same(r.variants, { base: { agrees: 2, disagrees: 0 }, patched: { agrees: 1, disagrees: 1 } });
  // C2 before C10 (numeric order), the errored case has no claims.
  t.same(Object.keys(r.claims), ['C2 patched', 'C10 both']);
  t.same(r.claims['C2 patched'], { pass: 1, fail: 1, inconclusive: 0, 'not-delivered': 0 });
  t.same(r.failures, [{ index: 1, seed: 12, dir: 'fuzz-0001', failed: 'patched disagrees, C2 patched FAIL', shrunk: { file: 'fuzz-0001/minimal.yaml', steps: 10, exhausted: true, failed: 'C2 patched FAIL', replay: 'fuzz --replay 12:0:1:2' } }]);
  t.same(r.errors, [{ index: 2, seed: 13, dir: 'fuzz-0002', message: 'build error: make failed' }]);
  const md = fuzzMarkdown(r);
  t.match(md, '3 cases: 1 pass, 1 fail (1 shrunk), 1 could not run.');
  t.match(md, '13 runs (pairs of variants judged) in 0.10 h: 130 an hour; a case\'s first run 20 s on average, 30 s at most.');
  t.match(md, '| patched | 1 | 1 |');
  t.match(md, '| C2 patched | 1 | 1 | 0 | 0 |');
  t.match(md, '| 1 (fuzz-0001) | patched disagrees, C2 patched FAIL | fuzz-0001/minimal.yaml: C2 patched FAIL | 10 (budget ran out) | `fuzz --replay 12:0:1:2` |');
  t.match(md, '- case 2 (fuzz-0002): build error: make failed');
});

t.test('an empty campaign reports zeros, not NaN', async (t) => {
  const r = fuzzReport([]);
  t.same(r.walls, { seconds: 0, runs: 0, pairsPerHour: 0, firstRun: { mean: 0, max: 0 } });
  t.match(fuzzMarkdown(r), '0 cases: 0 pass');
});

t.test("rebase: a shard's paths seen from the merge's directory", async (t) => {
  const r = rebase(records[1]!, '/x/shard-2', '/x/merged');
  t.equal(r.dir, '../shard-2/fuzz-0001');
  t.equal(r.shrink!.file, '../shard-2/fuzz-0001/minimal.yaml');
});

t.test('a mutant campaign: the report names the mutant and says where it was caught and shrunk to', async (t) => {
  const tag = { id: 'assure-ct-inverted', sha256: 'c'.repeat(64) };
  const r = fuzzReport(records.map((x) => ({ ...x, mutant: tag })));
  t.same(r.mutant, tag);
  // Case 1 is the only failure: shrunk to fuzz-0001/minimal.yaml in 10 runs, its step budget spent.
  t.equal(mutantLine(r), 'mutant assure-ct-inverted: failure found at case 1, shrunk to fuzz-0001/minimal.yaml in 10 runs (budget ran out) (C2 patched FAIL)');
  const md = fuzzMarkdown(r);
  t.match(md, '# Fuzz report (seed 4, mutant assure-ct-inverted)');
  t.match(md, `mutant \`assure-ct-inverted\` (patch sha256 ${'c'.repeat(64)})`);
  t.match(md, '**mutant assure-ct-inverted: failure found at case 1, shrunk to fuzz-0001/minimal.yaml');
  t.match(md, "13 runs (the mutant's patched variant judged)");
  t.equal(r.failures[0]!.shrunk!.replay, 'fuzz --replay 12:0:1:2 --mutant assure-ct-inverted');
  // Cases 0 and 2 alone: none failed.
  const none = fuzzReport([records[0]!, records[2]!].map((x) => ({ ...x, mutant: tag })));
  t.equal(mutantLine(none), 'mutant assure-ct-inverted: no failure found in 2 cases (it survived this campaign)');
  t.equal(fuzzReport(records).mutant, undefined, 'a campaign of the series names no mutant');
  t.notMatch(fuzzMarkdown(fuzzReport(records)), 'mutant');
});
