// The one record finder, on a tree written here; expectations by hand from the
// tree: a directory holding the file is a record (its try-N/ not searched),
// entries in name order, `depth` levels below each path given.
import t from 'tap';
import { join } from 'node:path';
import { recordsHolding } from '../../src/record/find-records.ts';

const root = t.testdir({
  out: {
    'linux-6.1': {
      r1: { 'metadata.json': '{}', 'result.json': '{}', 'coverage.json': '{}' },
      // A retried record: its try-1/ holds a metadata.json of its own, never reached.
      r2: { 'metadata.json': '{}', 'result.json': '{}', 'try-1': { 'metadata.json': '{}' } },
    },
    bad: { 'metadata.json': '{}' },
    notes: { 'README.md': 'not a record' },
    'loose.txt': 'a file, not a directory',
  },
});
const at = (...p: string[]) => join(root, ...p);

t.test('any depth (calibrate): every record, none inside one', async (t) => {
  t.same(await recordsHolding([at('out')], 'metadata.json', Infinity), [at('out/bad'), at('out/linux-6.1/r1'), at('out/linux-6.1/r2')]);
});

t.test('depth 1 (the default: report --merge, coverage): a path, or its directories; deeper ones not searched', async (t) => {
  t.same(await recordsHolding([at('out')], 'metadata.json'), [at('out/bad')], 'linux-6.1/ holds none itself');
  t.same(await recordsHolding([at('out/linux-6.1')], 'result.json'), [at('out/linux-6.1/r1'), at('out/linux-6.1/r2')]);
  t.same(await recordsHolding([at('out/linux-6.1')], 'coverage.json'), [at('out/linux-6.1/r1')], 'by the file asked for');
});

t.test('a record itself, several paths in their order, and paths that hold nothing', async (t) => {
  t.same(await recordsHolding([at('out/linux-6.1/r2'), at('out/bad')], 'metadata.json', Infinity), [at('out/linux-6.1/r2'), at('out/bad')]);
  t.same(await recordsHolding([at('out/notes'), at('out/loose.txt'), at('missing')], 'metadata.json', Infinity), []);
  t.same(await recordsHolding([at('out')], 'metadata.json', 0), [], 'depth 0: only the paths themselves');
});
