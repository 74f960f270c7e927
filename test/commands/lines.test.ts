import t from 'tap';
import { linesTable, lineDir } from '../../src/commands/lines.ts';
import type { Verdict } from '../../src/compare/verdict.ts';

const verdict = (c1: 'pass' | 'fail', agrees: boolean): Verdict =>
  ({
    variants: { base: { variant: 'base', agrees }, patched: { variant: 'patched', agrees: true } },
    claims: [
      { id: 'C1', outcome: c1 },
      { id: 'C2', outcome: 'pass' },
      { id: 'C4', outcome: 'inconclusive' },
    ],
    claimsHold: c1 === 'pass' && agrees,
    judgeable: true,
  }) as unknown as Verdict;

t.test('the kernel lines side by side: a column a line', async (t) => {
  const text = linesTable([
    { line: '6.1', verdict: verdict('pass', true) },
    { line: '6.12', verdict: verdict('fail', false) },
  ]);
  t.equal(
    text,
    [
      '         linux 6.1     linux 6.12',
      'base     agrees        DISAGREES',
      'patched  agrees        agrees',
      'C1       PASS          FAIL',
      'C2       PASS          PASS',
      'C4       INCONCLUSIVE  INCONCLUSIVE',
      'verdict  PASS          FAIL',
    ].join('\n'),
  );
  t.equal(lineDir('/r', '6.12'), '/r/linux-6.12');
});

t.test('a claim NOT DELIVERED on a line reads so in its column', async (t) => {
  const v = verdict('pass', true);
  const dr = { ...v, claims: [...v.claims.slice(0, 2), { id: 'C3', outcome: 'not-delivered' }, v.claims[2]] } as unknown as Verdict;
  const lines = linesTable([{ line: '6.1', verdict: dr }, { line: '6.12', verdict: dr }]).split('\n');
  t.equal(lines[5], 'C3       NOT DELIVERED  NOT DELIVERED');
  t.equal(lines.at(-1), 'verdict  PASS           PASS', 'the verdict stands');
});
