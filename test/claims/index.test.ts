// The registry: every claim once, in the order of its id, each carried as its file says.
import t from 'tap';
import { CLAIMS } from '../../src/claims/index.ts';

t.test('the registry lists C1..C6 once each, by the runs that carry them', async (t) => {
  t.same(CLAIMS.map((c) => [c.id, c.carriedBy]), [
    ['C1', 'base'],
    ['C2', 'patched'],
    ['C3', 'patched'],
    ['C4', 'pair'],
    ['C5', 'each-run'],
    ['C6', 'each-run'],
  ]);
});
