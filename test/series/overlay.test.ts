// applyOver(): one more patch over a variant's file set, on a scratch copy.
// Expected contents written by hand from the tiny diffs below.
import t from 'tap';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { applyOver } from '../../src/series/overlay.ts';
import { parseSeriesText } from '../../src/series/read.ts';

const patchOf = (diff: string) => parseSeriesText(diff, 'm.patch')[0]!;

t.test("the patch lands on the variant's contents (not the tree's), and a file it touches outside the set comes from the tree", async (t) => {
  const tree = t.testdir({ 'a.c': 'one\ntwo\nthree\n', 'b.c': 'x\ny\n' });
  const files = new Map<string, Buffer | null>([['a.c', Buffer.from('one\nTWO\nthree\n')], ['gone.c', null]]);
  const diff = 'diff --git a/a.c b/a.c\n--- a/a.c\n+++ b/a.c\n@@ -1,3 +1,3 @@\n one\n-TWO\n+2\n three\ndiff --git a/b.c b/b.c\n--- a/b.c\n+++ b/b.c\n@@ -1,2 +1,2 @@\n x\n-y\n+z\n';
  const out = await applyOver(tree, files, patchOf(diff));
  t.same([...out.keys()], ['a.c', 'b.c', 'gone.c']);
  t.equal(out.get('a.c')!.toString(), 'one\n2\nthree\n');
  t.equal(out.get('b.c')!.toString(), 'x\nz\n');
  t.equal(out.get('gone.c'), null, 'absent stays absent');
  t.equal(readFileSync(join(tree, 'a.c'), 'utf8'), 'one\ntwo\nthree\n', 'the tree is untouched');
  t.equal(readFileSync(join(tree, 'b.c'), 'utf8'), 'x\ny\n');
});

t.test('a patch that does not apply: a user error naming the patch, the file and the hunk', async (t) => {
  const tree = t.testdir({});
  const files = new Map<string, Buffer | null>([['a.c', Buffer.from('one\ntwo\nthree\n')]]);
  const diff = 'diff --git a/a.c b/a.c\n--- a/a.c\n+++ b/a.c\n@@ -1,3 +1,3 @@\n one\n-four\n+2\n three\n';
  await t.rejects(applyOver(tree, files, patchOf(diff)), { kind: 'user', message: /m\.patch does not apply over the patched files: a\.c: hunk #1 @@ -1,3 \+1,3 @@/ });
});
