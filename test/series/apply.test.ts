import t from 'tap';
import { writeFileSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createPatch } from 'diff';
import { parseSeriesText, readSeries } from '../../src/series/read.ts';
import { deriveVariants, runSeries } from '../../src/series/apply.ts';

const v1 = Array.from({ length: 30 }, (_, i) => `line ${i}`).join('\n') + '\n';
const v2 = v1.replace('line 3\n', 'line three\n');
const v3 = v2.replace('line 25\n', 'line twenty-five\n');

/** A git format-patch style message, signature included. */
const message = (n: number, subject: string, file: string, a: string, b: string) =>
  `From 1111111111111111111111111111111111111111 Mon Sep 17 00:00:00 2001\n` +
  `From: Dev <dev@example.org>\nSubject: [PATCH ${n}/2] ${subject}\n\nbody\n---\n` +
  `diff --git a/${file} b/${file}\n` +
  createPatch(file, a, b).split('\n').slice(2).join('\n').replace(/^--- .*$/m, `--- a/${file}`).replace(/^\+\+\+ .*$/m, `+++ b/${file}`) +
  `-- \n2.39.5\n\n`;

const p1 = message(1, 'first', 'src/x.c', v1, v2);
const p2 = message(2, 'second', 'src/x.c', v2, v3);
const cover = `From 0000000000000000000000000000000000000000 Mon Sep 17 00:00:00 2001\nSubject: [PATCH 0/2] cover\n\nNo diff here.\n\n`;

function tree(content: string) {
  const dir = t.testdir({ src: { 'x.c': content } });
  return dir;
}

t.test('reads an mbox: skips the cover letter, strips the signature', async (t) => {
  const s = parseSeriesText(cover + p1 + p2, 'series.mbox');
  t.same(s.map((p) => [p.origin, p.subject, p.files]), [
    ['series.mbox#2', '[PATCH 1/2] first', ['src/x.c']],
    ['series.mbox#3', '[PATCH 2/2] second', ['src/x.c']],
  ]);
  t.notMatch(s[0]!.diff, /^-- $/m);
});

t.test('the shipped series parses', async (t) => {
  const dir = new URL('../../fixtures/patches/ipvs-template-drop/', import.meta.url).pathname;
  const s = await readSeries([join(dir, '0001-ipvs-add-assured-state-for-conn-templates.patch'), join(dir, '0002-ipvs-drop-conn-templates-under-attack.patch')]);
  t.equal(s.length, 2);
  t.match(s[1]!.subject, /drop conn templates under attack/);
  t.same(s[1]!.files, ['net/netfilter/ipvs/ip_vs_conn.c']);
});

t.test('a tree without the series: base as is, patched = applied', async (t) => {
  const dir = tree(v1);
  const v = await deriveVariants(dir, parseSeriesText(p1 + p2, 's'));
  t.equal(v.sourceHasSeries, false);
  t.equal(v.base.get('src/x.c')!.toString(), v1);
  t.equal(v.patched.get('src/x.c')!.toString(), v3);
  t.equal(readFileSync(join(dir, 'src/x.c'), 'utf8'), v1, 'the tree is untouched');
});

t.test('a tree with the series: base = reverted, patched as is', async (t) => {
  const dir = tree(v3);
  const v = await deriveVariants(dir, parseSeriesText(p1 + p2, 's'));
  t.equal(v.sourceHasSeries, true);
  t.equal(v.base.get('src/x.c')!.toString(), v1);
  t.equal(v.patched.get('src/x.c')!.toString(), v3);
});

t.test('a patch that does not apply names patch, file and hunk; the tree is untouched', async (t) => {
  const other = v1.replace('line 25\n', 'line XXV\n').replace('line 3\n', 'line III\n');
  const dir = tree(other);
  await t.rejects(deriveVariants(dir, parseSeriesText(p1 + p2, 'series.mbox')), {
    kind: 'user',
    message: /patch series\.mbox#1 \("\[PATCH 1\/2\] first"\) does not apply: src\/x\.c: hunk #1 @@ -1,/,
  });
  t.equal(readFileSync(join(dir, 'src/x.c'), 'utf8'), other);
});

t.test('a missing file is reported as such', async (t) => {
  const dir = t.testdir({});
  mkdirSync(join(dir, 'src'));
  const r = await runSeries(dir, parseSeriesText(p1, 's'), false);
  t.ok('failure' in r);
  if ('failure' in r) t.equal(r.failure.file, 'src/x.c');
});

t.test('an empty series and a file without a diff are user errors', async (t) => {
  const dir = t.testdir({ 'cover.patch': cover, 'empty.patch': '' });
  await t.rejects(readSeries([join(dir, 'cover.patch')]), { kind: 'user', message: /no diff found/ });
  await t.rejects(readSeries([join(dir, 'empty.patch')]), { kind: 'user', message: /no diff found/ });
  await t.rejects(readSeries([]), { kind: 'user', message: /empty patch series/ });
  await t.rejects(readSeries([join(dir, 'nope.patch')]), { kind: 'user', message: /cannot read patch/ });
});

t.test('--series-in-source yes and no insist', async (t) => {
  const withSeries = tree(v3);
  await t.rejects(deriveVariants(withSeries, parseSeriesText(p1 + p2, 's.mbox'), 'no'), {
    kind: 'user',
    message: /the series is already applied to the source \(it reverts cleanly\)/,
  });
  t.equal((await deriveVariants(withSeries, parseSeriesText(p1 + p2, 's.mbox'), 'yes')).sourceHasSeries, true);
  const without = tree(v1);
  await t.rejects(deriveVariants(without, parseSeriesText(p1 + p2, 's.mbox'), 'yes'), {
    kind: 'user',
    message: /the source was said to carry the series, but patch s\.mbox#2 \("\[PATCH 2\/2\] second"\) does not revert: src\/x\.c: hunk/,
  });
  t.equal((await deriveVariants(without, parseSeriesText(p1 + p2, 's.mbox'), 'no')).sourceHasSeries, false);
});
