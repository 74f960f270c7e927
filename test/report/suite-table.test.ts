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

t.test('NOT DELIVERED in the suite table: in full in its cell, the verdict PASS, and the kernel function in a note beneath', async (t) => {
  const why = 'udp_state_transition() (net/netfilter/ipvs/ip_vs_proto_udp.c:429) assures a template only on a packet in the OUTPUT direction';
  const dr = verdict({
    variants: { base: { agrees: true, checks: [check(1)] }, patched: { agrees: true, checks: [check(0.99)] } } as unknown as Verdict['variants'],
    claims: [
      { id: 'C1', variant: 'base', outcome: 'pass' },
      { id: 'C3', variant: 'patched', outcome: 'not-delivered', reason: `${why}. 0 of 2`, undelivered: why },
    ] as unknown as Verdict['claims'],
    claimsHold: true,
  });
  const nat = verdict({ variants: dr.variants, claims: [{ id: 'C1', variant: 'base', outcome: 'pass' }, { id: 'C3', variant: 'patched', outcome: 'pass' }] as unknown as Verdict['claims'], claimsHold: true });
  const lines = suiteTable([{ scenario: 'udp', verdict: nat, seconds: 30 }, { scenario: 'dr-udp', verdict: dr, seconds: 31 }]).split('\n');
  t.equal(lines.length, 6, 'head, two rows, a blank line, the note and one claim');
  t.match(lines[1], /^udp\s+100%\s+99%\s+PASS\s+PASS\s+PASS\s+30 s$/);
  t.match(lines[2], /^dr-udp\s+100%\s+99%\s+PASS\s+NOT DELIVERED\s+PASS\s+31 s$/);
  t.equal(lines[3], '');
  t.match(lines[4], /^NOT DELIVERED: the series, by its own code, cannot make the claim true there/);
  t.equal(lines[5], `  dr-udp C3 (patched): ${why}`);
});
