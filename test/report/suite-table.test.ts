import t from 'tap';
import { suiteTable } from '../../src/report/suite-table.ts';
import type { Verdict } from '../../src/compare/verdict.ts';

const check = (fraction: number) => ({ fraction });
const verdict = (over: Partial<Verdict>): Verdict =>
  ({
    variants: {
      base: { agrees: true, checks: [check(1), check(0.97)] },
      patched: { agrees: false, checks: [check(0.8), check(1)] },
    },
    claims: [
      { id: 'C1', variant: 'base', outcome: 'pass' },
      { id: 'C2', variant: 'patched', outcome: 'fail' },
      { id: 'C6', variant: 'base', outcome: 'pass' },
      { id: 'C6', variant: 'patched', outcome: 'inconclusive' },
    ],
    claimsHold: false,
    judgeable: true,
    ...over,
  }) as unknown as Verdict;

t.test("a suite's table: the lowest share in band per variant, each claim's outcome (base/patched when both carry it), the verdict", async (t) => {
  const text = suiteTable([
    { scenario: 'sync', verdict: verdict({}), seconds: 41.2 },
    { scenario: 'udp', verdict: verdict({ claims: [{ id: 'C3', variant: 'patched', outcome: 'pass' }] as unknown as Verdict['claims'], claimsHold: true }), seconds: 30 },
  ]);
  const lines = text.split('\n');
  t.match(lines[0], /^scenario\s+base in band\s+patched in band\s+C1\s+C2\s+C3\s+C6\s+verdict\s+wall$/);
  t.match(lines[1], /^sync\s+97%\s+80% DISAGREES\s+PASS\s+FAIL\s+-\s+PASS\/inc\s+FAIL\s+41 s$/);
  t.match(lines[2], /^udp\s+97%\s+80% DISAGREES\s+-\s+-\s+PASS\s+-\s+PASS\s+30 s$/);
});
