import t from 'tap';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { keepTry, variantsToRetry } from '../../src/pipeline/retry.ts';
import type { Verdict, VariantVerdict } from '../../src/compare/verdict.ts';

const variant = (v: 'base' | 'patched', agrees: boolean) => ({ variant: v, modelVariant: v, agrees, checks: [] }) as unknown as VariantVerdict;
const verdict = (base: boolean, patched: boolean): Verdict => ({ variants: { base: variant('base', base), patched: variant('patched', patched) }, claims: [], claimsHold: base && patched, judgeable: true });

t.test('the variants that missed their model, while tries are left', async (t) => {
  t.same(variantsToRetry(verdict(true, true), 1, 1), []);
  t.same(variantsToRetry(verdict(true, false), 1, 1), ['patched']);
  t.same(variantsToRetry(verdict(false, false), 1, 1), ['base', 'patched']);
  t.same(variantsToRetry(verdict(true, false), 2, 1), [], 'one retry: after the second run the verdict stands');
  t.same(variantsToRetry(verdict(true, false), 2, 2), ['patched']);
  t.same(variantsToRetry(verdict(true, false), 1, 0), [], '--retries 0: never');
});

t.test("a try's own files go to try-N/; the build log and the other variant's stay", async (t) => {
  const dir = t.testdir({
    'results-patched.jsonl': 'r',
    'samples-patched.jsonl': 's',
    'console-patched.log': 'c',
    'build-patched.log': 'b',
    'results-base.jsonl': 'rb',
  });
  t.equal(await keepTry(dir, 'patched', 1), 'try-1');
  t.same(readdirSync(join(dir, 'try-1')).sort(), ['console-patched.log', 'results-patched.jsonl', 'samples-patched.jsonl'], 'no gcov file: none moved');
  t.same(readdirSync(dir).sort(), ['build-patched.log', 'results-base.jsonl', 'try-1']);
  t.equal(readFileSync(join(dir, 'try-1', 'results-patched.jsonl'), 'utf8'), 'r');
});
