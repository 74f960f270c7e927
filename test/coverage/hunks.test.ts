// The hunk mapping from real gcov data: a small C file and a header, patched,
// both versions compiled with --coverage and run on this host; the patch made
// by diff(1). Hunks: one all removals, one in a header, one inside a macro.
import t from 'tap';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { execa } from 'execa';
import { parseSeriesText } from '../../src/series/read.ts';
import { seriesCoverage, mergeCounts, coverageLine, coverageTable, locate, type LineCounts } from '../../src/coverage/hunks.ts';
import { addGcovJson, treePath, countsToJson, countsFromJson } from '../../src/coverage/gcov.ts';

const base = {
  'lib/lib.h': `static inline int h(int x)
{
	return x * 2;
}
`,
  'lib/lib.c': `#include "lib.h"
int f(int x)
{
	int y = x;
	y += 1;
	return y;
}

#define ADD(a, b) \\
	((a) + (b))

int g(int x)
{
	return ADD(x, 1);
}

int k(int a, int b)
{
	return a + b;
}

int m(void)
{
	return k(1,
		 2);
}

int main(void)
{
	return f(1) + g(2) + h(3) + m() > 100;
}
`,
};
const patched = {
  'lib/lib.h': base['lib/lib.h'].replace('x * 2', 'x * 3'),
  'lib/lib.c': base['lib/lib.c'].replace('\ty += 1;\n', '').replace('((a) + (b))', '((a) + (b) + 0)').replace('\t\t 2);', '\t\t 3);'),
};
const touched = ['lib/lib.c', 'lib/lib.h'];

async function countsOf(dir: string, files: Record<string, string>): Promise<LineCounts> {
  for (const [f, text] of Object.entries(files)) {
    mkdirSync(join(dir, 'lib'), { recursive: true });
    writeFileSync(join(dir, f), text);
  }
  await execa('gcc', ['-O0', '--coverage', '-o', 'lib/prog', 'lib/lib.c'], { cwd: dir });
  await execa('./lib/prog', [], { cwd: dir, reject: false });
  const gcda = (await execa('sh', ['-c', 'ls lib/*.gcda'], { cwd: dir })).stdout.trim();
  const r = await execa('gcov', ['--json-format', '--stdout', gcda], { cwd: dir });
  return addGcovJson(new Map(), r.stdout, touched);
}

t.test('each hunk reached or not, in each variant, from real gcov counts', async (t) => {
  const root = t.testdir({ a: {}, b: {} });
  for (const [side, files] of [['a', base], ['b', patched]] as const) {
    for (const [f, text] of Object.entries(files)) {
      mkdirSync(join(root, side, 'lib'), { recursive: true });
      writeFileSync(join(root, side, f), text);
    }
  }
  const d = await execa('diff', ['-r', '-U0', 'a/lib', 'b/lib'], { cwd: root, reject: false });
  t.equal(d.exitCode, 1, 'the versions differ');
  const series = parseSeriesText(`Subject: [PATCH] lib: tweak\n\n${d.stdout.replace(/^--- a\/lib\/(\S+).*$/gm, '--- a/lib/$1').replace(/^\+\+\+ b\/lib\/(\S+).*$/gm, '+++ b/lib/$1')}\n`, 'tweak.patch');
  t.equal(series.length, 1);
  t.same(series[0]!.files.sort(), touched);

  const counts = { base: await countsOf(join(root, 'cb'), base), patched: await countsOf(join(root, 'cp'), patched) };
  t.equal(counts.base.get('lib/lib.c')!.get(5), 1, 'gcov: y += 1 ran once in base');
  t.equal(counts.base.get('lib/lib.h')!.get(3), 1, 'gcov: the header inline ran once');

  const files = new Map(touched.map((f) => [f, { base: base[f as keyof typeof base], patched: patched[f as keyof typeof patched] }]));
  const [p] = seriesCoverage({ series, files, counts });
  const byFile = (f: string) => p!.hunks.filter((h) => h.file === f);
  // All removals: only base has a changed line, and it ran.
  const removal = byFile('lib/lib.c').find((h) => h.base.some((l) => l.text === '\ty += 1;'))!;
  t.same(removal.patched, [], 'an all-removal hunk has no line in patched');
  t.same(removal.base.map((l) => [l.line, l.count]), [[5, 1]]);
  t.equal(removal.reachedBase, true);
  t.equal(removal.reachedPatched, null, 'nothing of it to run in patched');
  // Inside a macro: the body is counted where the macro is used, not on its own lines.
  const macro = byFile('lib/lib.c').find((h) => h.patched.some((l) => l.text.includes('+ 0')))!;
  t.equal(macro.reachedPatched, null, 'a macro body line is not executable');
  t.equal(macro.reachedBase, null);
  // In a header: its inline function ran in both.
  const header = byFile('lib/lib.h')[0]!;
  t.same(header.patched.map((l) => [l.line, l.count]), [[3, 1]]);
  t.equal(header.reachedBase, true);
  t.equal(header.reachedPatched, true);
  // An argument on the second line of a call: it ran with the call's first line.
  const arg = byFile('lib/lib.c').find((h) => h.patched.some((l) => l.text === '\t\t 3);'))!;
  t.equal(arg.reachedPatched, true, `a continuation line counts as its statement (${JSON.stringify(arg.patched)})`);
  t.equal(arg.reachedBase, true);
  t.equal(p!.measurable, 3, 'the macro hunk cannot be measured');
  t.equal(p!.reached, 3);
  t.match(coverageLine([p!]), /^series coverage: patch 1 3\/4 hunks$/);
  const table = coverageTable([p!]).split('\n');
  t.match(table[1], /^1\.\d\tlib\/lib\.c:\d+\tn\/a\tn\/a\t/, 'unreached (here: unmeasurable) hunks first');
});

t.test('a hunk whose context a later patch changed is found line by line', async (t) => {
  const file = ['a', 'b', 'X', 'c', 'd'];
  // The hunk was written against "b, c" (a later patch put X between them).
  t.same(locate(file, [' a', ' b', '+X', ' c'], '+', 1), [{ text: 'X', line: 3 }]);
  t.same(locate(file, [' q', '+d'], '+', 5), [{ text: 'd', line: 5 }]);
  t.same(locate(file, [' q', '+nowhere'], '+', 2), [{ text: 'nowhere', line: null }]);
});

t.test("a suite's coverage is the union of its runs' counts", async (t) => {
  const a: LineCounts = new Map([['x.c', new Map([[1, 2], [2, 0]])]]);
  const b: LineCounts = new Map([['x.c', new Map([[2, 3]])], ['y.h', new Map([[7, 1]])]]);
  const m = mergeCounts(a, b);
  t.same(countsToJson(m), { 'x.c': { 1: 2, 2: 3 }, 'y.h': { 7: 1 } });
  t.same(countsToJson(countsFromJson(countsToJson(m))), countsToJson(m), 'result.json round trip');
  t.equal(treePath('../../work/tar-1234/net/netfilter/ipvs/ip_vs_conn.c', ['include/net/ip_vs.h', 'net/netfilter/ipvs/ip_vs_conn.c']), 'net/netfilter/ipvs/ip_vs_conn.c');
  t.equal(treePath('/usr/include/stdio.h', ['include/net/ip_vs.h']), undefined);
});
