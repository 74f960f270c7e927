// `ipvs-verify coverage <run-dir...>` and `report --merge` over records made with
// --coverage, through the real command line, without a kernel: records whose
// coverage.json is written here by hand for a series of one patch with two
// hunks, so each table line can be worked out (README "Series coverage": a hunk is
// reached in a variant when one of its changed lines ran there; several records:
// their union, counts added; unreached hunks first).
import t from 'tap';
import { cpSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { execa } from 'execa';

const ROOT = new URL('../..', import.meta.url).pathname;
const cli = (args: string[]) => execa(process.execPath, ['bin/ipvs-verify.js', ...args], { cwd: ROOT, reject: false, all: true });

const BASE = 'int a(void)\n{\n\treturn 1;\n}\n\nint b(void)\n{\n\treturn 2;\n}\n';
const PATCHED = BASE.replace('return 1;', 'return 10;').replace('return 2;', 'return 20;');
// Hunk 1 changes line 3 (in a()), hunk 2 line 8 (in b()), in both variants' files.
const DIFF = `--- a/f.c
+++ b/f.c
@@ -1,4 +1,4 @@ int a(void)
 int a(void)
 {
-\treturn 1;
+\treturn 10;
 }
@@ -6,4 +6,4 @@ int b(void)
 int b(void)
 {
-\treturn 2;
+\treturn 20;
 }
`;
const series = (diff = DIFF) => [{ origin: 'x.patch', subject: 'f: return more', diff, files: ['f.c'], hunks: [{ file: 'f.c', header: '@@ -1,4 +1,4 @@ int a(void)' }, { file: 'f.c', header: '@@ -6,4 +6,4 @@ int b(void)' }] }];
/** A coverage.json: gcov's counts of f.c's executable lines (3 and 8) in each variant. `patches` is what the command maps again. */
const coverage = (counts: { base: [number, number]; patched: [number, number] }, diff?: string) =>
  JSON.stringify({
    series: series(diff),
    files: { 'f.c': { base: BASE, patched: PATCHED } },
    counts: { base: { 'f.c': { 3: counts.base[0], 8: counts.base[1] } }, patched: { 'f.c': { 3: counts.patched[0], 8: counts.patched[1] } } },
    patches: [],
  });

const root = t.testdir({
  runs: {
    // Record A ran a()'s changed line 5 times in base, nothing in patched.
    a: { 'coverage.json': coverage({ base: [5, 0], patched: [0, 0] }) },
    // Record B ran b()'s changed line twice in patched.
    b: { 'coverage.json': coverage({ base: [0, 0], patched: [0, 2] }) },
  },
  other: { 'coverage.json': coverage({ base: [1, 1], patched: [1, 1] }, DIFF.replace('return 20;', 'return 21;')) },
  plain: {},
});
const A = join(root, 'runs/a');
const B = join(root, 'runs/b');
const HEADER = ['hunk', 'file:line (patched|base)', 'base', 'patched', 'in'].join('\t');

t.test('coverage of one record: hunk 1 reached in base only, hunk 2 in neither (listed first)', async (t) => {
  const r = await cli(['coverage', A]);
  t.equal(r.exitCode, 0, r.all);
  t.same(r.stdout.split('\n'), [
    'series coverage: patch 1 1/2 hunks',
    HEADER,
    '1.2\tf.c:8\tNO (0)\tNO (0)\tint b(void)',
    '1.1\tf.c:3\tyes (5)\tNO (0)\tint a(void)',
  ]);
});

t.test('coverage of two records, or of a directory of them: their union', async (t) => {
  const union = ['series coverage: patch 1 2/2 hunks', HEADER, '1.1\tf.c:3\tyes (5)\tNO (0)\tint a(void)', '1.2\tf.c:8\tNO (0)\tyes (2)\tint b(void)'];
  const r = await cli(['coverage', A, B]);
  t.equal(r.exitCode, 0, r.all);
  t.same(r.stdout.split('\n'), union);
  const d = await cli(['coverage', join(root, 'runs')]);
  t.equal(d.exitCode, 0, d.all);
  t.same(d.stdout.split('\n'), union, 'the records under a directory');
});

t.test('coverage: records of another series, or none made with --coverage: named, exit 2', async (t) => {
  const o = await cli(['coverage', A, join(root, 'other')]);
  t.equal(o.exitCode, 2, o.all);
  t.match(o.all, /other\/coverage\.json covers another series than .*runs\/a\/coverage\.json: coverage adds up only over one series/);
  const n = await cli(['coverage', join(root, 'plain'), join(ROOT, 'fixtures/runs/smoke-1')]);
  t.equal(n.exitCode, 2, n.all);
  t.match(n.all, /no coverage data \(coverage\.json\) under .*plain, .*smoke-1: verify with --coverage makes it/);
});

t.test('report --merge over records made with --coverage: their union written and printed', async (t) => {
  // merge reads each record's result.json: a recorded run's, judged once here
  // (200 model runs, set in the copy's metadata), in both records.
  const judged = join(root, 'judged');
  cpSync(join(ROOT, 'fixtures/runs/smoke-1'), judged, { recursive: true });
  const meta = JSON.parse(readFileSync(join(judged, 'metadata.json'), 'utf8'));
  writeFileSync(join(judged, 'metadata.json'), JSON.stringify({ ...meta, model: { seed: 1, runs: 200 } }));
  t.equal((await cli(['report', judged])).exitCode, 0);
  for (const r of [A, B]) cpSync(join(judged, 'result.json'), join(r, 'result.json'));
  const out = join(root, 'merged');
  const m = await cli(['report', '--merge', out, join(root, 'runs')]);
  t.equal(m.exitCode, 0, m.all);
  t.same(m.stdout.split('\n'), [...['index.html', 'result.tap', 'result.junit.xml', 'coverage.json'].map((f) => join(out, f)), 'series coverage: patch 1 2/2 hunks']);
  const merged = JSON.parse(readFileSync(join(out, 'coverage.json'), 'utf8'));
  t.same(merged.counts, { base: { 'f.c': { 3: 5, 8: 0 } }, patched: { 'f.c': { 3: 0, 8: 2 } } }, 'counts added line by line');
  t.same(merged.patches.map((p: { reached: number; measurable: number }) => [p.reached, p.measurable]), [[2, 2]]);
  t.ok(existsSync(join(out, 'index.html')));
});
