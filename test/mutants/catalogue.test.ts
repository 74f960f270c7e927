// The mutant catalogue (fixtures/mutants/): each file read by the catalogue
// reader and by the series reader, its header, its files, its hunk id; and,
// with Debian's source present, each applied over the patched variant's files
// the way `mutants` applies it (series/overlay.ts, a scratch copy).
import t from 'tap';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { MUTANTS_DIR, parseMutant, readCatalogue } from '../../src/mutants/catalogue.ts';
import { readSeries, touchedFiles } from '../../src/series/read.ts';
import { hunksOf } from '../../src/coverage/hunks.ts';
import { DEFAULT_SERIES_DIR } from '../../src/pipeline/inputs.ts';
import { deriveVariants } from '../../src/series/apply.ts';
import { applyOver } from '../../src/series/overlay.ts';
import { resolveSource } from '../../src/source/resolve.ts';
import { DEBIAN_LINES, tarballOf } from '../../src/source/debian.ts';

const FILES = readdirSync(MUTANTS_DIR).filter((f) => f.endsWith('.patch')).sort();
const seriesPaths = () => readdirSync(DEFAULT_SERIES_DIR).filter((f) => f.endsWith('.patch')).sort().map((f) => join(DEFAULT_SERIES_DIR, f));

// The series' functional hunks, read off the two patches by hand (README
// "Series coverage" numbering): all but 1.2 (a prototype's new signature: the
// compiler holds every caller to it) and 2.3, 2.4 (comments).
const FUNCTIONAL = ['1.1', '1.3', '1.4', '1.5', '1.6', '1.7', '1.8', '1.9', '1.10', '1.11', '1.12', '1.13', '1.14', '2.1', '2.2', '2.5', '2.6', '2.7'];

t.test('the catalogue: at least 15 mutants, unique ids, each with its Mutant/Hunk/Breaks header, at least one per functional hunk', async (t) => {
  t.ok(FILES.length >= 15, `${FILES.length} files`);
  const cat = await readCatalogue();
  t.equal(cat.length, FILES.length, 'every file read');
  t.equal(new Set(cat.map((m) => m.id)).size, cat.length, 'ids unique');
  for (const f of FILES) {
    const head = readFileSync(join(MUTANTS_DIR, f), 'utf8').split('\n').slice(0, 3);
    t.match(head[0], /^Mutant: [a-z0-9-]+$/, `${f}: Mutant line`);
    t.match(head[1], /^Hunk: \d+\.\d+$/, `${f}: Hunk line`);
    t.match(head[2], /^Breaks: .{20,}$/, `${f}: Breaks line says what it breaks`);
  }
  const hunks = new Set(cat.map((m) => m.hunk));
  t.same(FUNCTIONAL.filter((h) => !hunks.has(h)), [], 'no functional hunk without a mutant');
});

t.test('every mutant parses with the series reader, targets a hunk the series has, and touches only the series\' files or IPVS files', async (t) => {
  const series = await readSeries(seriesPaths());
  t.equal(series.length, 2);
  // Hunks per patch, counted by hand off the diffs: 14 in patch 1, 7 in patch 2.
  const counts = series.map((p) => hunksOf(p).length);
  t.same(counts, [14, 7]);
  const touched = new Set(touchedFiles(series));
  const cat = await readCatalogue();
  t.equal(cat.length, FILES.length);
  for (const m of cat) {
    const [p, h] = m.hunk.split('.').map(Number);
    t.ok(p! >= 1 && p! <= 2 && h! >= 1 && h! <= counts[p! - 1]!, `${m.id}: hunk ${m.hunk} exists`);
    const read = await readSeries([join(MUTANTS_DIR, m.file)]);
    t.equal(read.length, 1, `${m.file}: one diff`);
    t.ok(read[0]!.hunks.length >= 1, `${m.file}: at least one hunk`);
    const stray = read[0]!.files.filter((f) => !touched.has(f) && !/^(net\/netfilter\/ipvs\/|include\/net\/ip_vs\.h$|include\/uapi\/linux\/ip_vs\.h$)/.test(f));
    t.same(stray, [], `${m.id}: files ${read[0]!.files.join(', ')}`);
  }
});

t.test('a catalogue file without its header, with a bad id or hunk, or two files with one id: named errors', async (t) => {
  const diff = 'diff --git a/x.c b/x.c\n--- a/x.c\n+++ b/x.c\n@@ -1 +1 @@\n-a\n+b\n';
  t.throws(() => parseMutant(`Hunk: 1.1\nBreaks: something\n\n${diff}`, 'a.patch'), /a\.patch: no "Mutant:" header line/);
  t.throws(() => parseMutant(`Mutant: x\nBreaks: something\n\n${diff}`, 'a.patch'), /no "Hunk:" header line/);
  t.throws(() => parseMutant(`Mutant: x\nHunk: 1.1\n\n${diff}`, 'a.patch'), /no "Breaks:" header line/);
  t.throws(() => parseMutant(`Mutant: Big_Id\nHunk: 1.1\nBreaks: b\n\n${diff}`, 'a.patch'), /mutant id "Big_Id" is not lower-case/);
  t.throws(() => parseMutant(`Mutant: x\nHunk: one\nBreaks: b\n\n${diff}`, 'a.patch'), /hunk "one" is not <patch>\.<hunk>/);
  t.throws(() => parseMutant('Mutant: x\nHunk: 1.1\nBreaks: b\n\nno diff here\n', 'a.patch'), /expected one diff, found 0/);
  const m = parseMutant(`Mutant: x\nHunk: 2.6\nBreaks: the scan\nEquivalent: because\nExpect: C1\n\n${diff}`, 'a.patch');
  t.same({ id: m.id, hunk: m.hunk, breaks: m.breaks, equivalent: m.equivalent, expect: m.expect, files: m.patch.files }, { id: 'x', hunk: '2.6', breaks: 'the scan', equivalent: 'because', expect: 'C1', files: ['x.c'] });
  const dir = t.testdir({ 'a.patch': `Mutant: x\nHunk: 1.1\nBreaks: b\n\n${diff}`, 'b.patch': `Mutant: x\nHunk: 1.3\nBreaks: c\n\n${diff}` });
  await t.rejects(readCatalogue(dir), /mutant id "x" is used by both a\.patch and b\.patch/);
  await t.rejects(readCatalogue(t.testdir({})), /no mutant \(\*\.patch\) in the catalogue/);
});

// As test/series/round-trip.test.ts: the default line always, others where
// installed; the test command (IPVS_VERIFY_TEST_LINES) requires both.
const required = (process.env.IPVS_VERIFY_TEST_LINES ?? '').split(',').filter((l) => l !== '');
for (const line of DEBIAN_LINES) {
  const present = existsSync(tarballOf(line));
  const skip = !present && !required.includes(line) ? `${tarballOf(line)} is not installed (scripts/install-deps.sh --kernel-lines 6.1,6.12)` : false;
  t.test(`Debian ${line}: every mutant applies over the patched variant's files, and changes them`, { skip }, async (t) => {
    if (!present) {
      t.fail(`${tarballOf(line)} is missing, and this run requires it (IPVS_VERIFY_TEST_LINES=${process.env.IPVS_VERIFY_TEST_LINES})`);
      return;
    }
    const source = await resolveSource({ path: `debian:${line}` });
    const derived = await deriveVariants(source.dir, await readSeries(seriesPaths()));
    const cat = await readCatalogue();
    t.equal(cat.length, FILES.length);
    for (const m of cat) {
      const after = await applyOver(source.dir, derived.patched, m.patch);
      const changed = [...after].filter(([f, c]) => !(derived.patched.get(f) ?? Buffer.alloc(0)).equals(c ?? Buffer.alloc(0))).map(([f]) => f);
      t.same(changed, m.patch.files, `${m.id} (${line}): changes exactly ${m.patch.files.join(', ')}`);
    }
  });
}
