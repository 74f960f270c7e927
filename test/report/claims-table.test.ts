// The terminal's verdict text.
import t from 'tap';
import { verdictText } from '../../src/report/claims-table.ts';

t.test('a verdict with nothing judged says so', async (t) => {
  const claim = { id: 'C1' as const, variant: 'base' as const, title: 't', outcome: 'inconclusive' as const, reason: 'r', numbers: {} };
  const text = verdictText({ variants: {}, claims: [claim], claimsHold: true, judgeable: false });
  t.match(text, /verdict: the kernels do what the models predict\nno claim could be judged by this scenario/);
  t.notMatch(verdictText({ variants: {}, claims: [{ ...claim, outcome: 'pass' }], claimsHold: true, judgeable: true }), /no claim could be judged/);
});
