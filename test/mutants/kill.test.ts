// killDecision(): a mutant's judged run -> killed (by which series band or
// claim) or survived. Verdicts made by hand; the expected `by` lists are read
// off them: each check with agrees false, then each claim with outcome fail.
import t from 'tap';
import { killDecision } from '../../src/mutants/kill.ts';
import type { Verdict } from '../../src/compare/verdict.ts';

const check = (series: string, fraction: number, agrees: boolean) => ({ series, fraction, agrees });
const verdict = (agrees: boolean, checks: ReturnType<typeof check>[], claims: { id: string; outcome: string; reason?: string }[]): Verdict =>
  ({
    variants: { patched: { variant: 'patched', agrees, checks } },
    claims: claims.map((c) => ({ variant: 'patched', reason: c.reason ?? '', numbers: {}, title: '', ...c })),
    claimsHold: false,
    judgeable: true,
  }) as unknown as Verdict;
const allIn = [check('conns', 1, true), check('synRecv', 1, true), check('templates', 0.99, true), check('assured', 1, true)];

t.test('the kernel leaves its model on templates: killed by the templates band', async (t) => {
  const d = killDecision(verdict(false, [check('conns', 1, true), check('templates', 0.42, false)], [{ id: 'C1', outcome: 'pass' }]));
  t.equal(d.outcome, 'killed');
  t.same(d.by, ['templates band']);
  t.equal(d.note, 'templates 42% in band');
});

t.test('a claim FAILs while the bands agree: killed by that claim', async (t) => {
  const d = killDecision(verdict(true, allIn, [{ id: 'C1', outcome: 'pass' }, { id: 'C3', outcome: 'fail', reason: '0 of 4 ASSURED' }]));
  t.equal(d.outcome, 'killed');
  t.same(d.by, ['C3']);
  t.equal(d.note, 'C3 FAIL: 0 of 4 ASSURED');
});

t.test('both: every series left and every failed claim named, bands first', async (t) => {
  const d = killDecision(verdict(false, [check('conns', 0.5, false), check('synRecv', 1, true), check('assured', 0, false)], [{ id: 'C2', outcome: 'fail', reason: 'r2' }, { id: 'C3', outcome: 'fail', reason: 'r3' }]));
  t.same(d.by, ['conns band', 'assured band', 'C2', 'C3']);
  t.equal(d.note, 'conns 50% in band; assured 0% in band; C2 FAIL: r2; C3 FAIL: r3');
});

t.test('agreeing and PASS, or only INCONCLUSIVE claims: survived (an INCONCLUSIVE claim kills nothing)', async (t) => {
  const a = killDecision(verdict(true, allIn, [{ id: 'C1', outcome: 'pass' }, { id: 'C2', outcome: 'pass' }]));
  t.same(a, { outcome: 'survived', by: [], note: 'agrees with the patched model; C1, C2 PASS' });
  const b = killDecision(verdict(true, allIn, [{ id: 'C4', outcome: 'inconclusive' }, { id: 'C6', outcome: 'inconclusive' }]));
  t.same(b, { outcome: 'survived', by: [], note: 'agrees with the patched model; no claim judged' });
  const c = killDecision(verdict(true, allIn, []));
  t.equal(c.outcome, 'survived');
});

t.test('a verdict without the patched variant: an internal error (the command asked for patched)', async (t) => {
  const v = { variants: {}, claims: [], claimsHold: true, judgeable: false } as unknown as Verdict;
  t.throws(() => killDecision(v), { kind: 'internal', message: /no patched verdict/ });
});
