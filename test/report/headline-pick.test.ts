// Which run a suite's report shows per forwarding method: the most of C1 and C2
// PASS, then a flood, then the first; hand-made candidates whose order differs
// from the expected picks, so the rule, not the order, picks them.
import t from 'tap';
import { pickHeadlines, storyScore, type HeadlineCandidate } from '../../src/report/headline-pick.ts';
import type { Forwarding } from '../../src/forwarding/index.ts';

const c = (run: string, method: Forwarding, flood: number, c1: string, c2: string): HeadlineCandidate =>
  ({ run, method, flood, verdict: { claims: [{ id: 'C1', variant: 'base', outcome: c1 }, { id: 'C2', variant: 'patched', outcome: c2 }, { id: 'C3', variant: 'patched', outcome: 'pass' }] } }) as unknown as HeadlineCandidate;

t.test('the story score counts C1 and C2 PASS only', async (t) => {
  t.equal(storyScore(c('a', 'nat', 1, 'pass', 'pass')), 2);
  t.equal(storyScore(c('a', 'nat', 1, 'inconclusive', 'pass')), 1);
  t.equal(storyScore(c('a', 'nat', 1, 'not-delivered', 'fail')), 0, 'C3 PASS counts for nothing');
});

t.test('one per method present, in the order nat, dr, tun, each the best by the rule', async (t) => {
  const picked = pickHeadlines([
    c('tun-a', 'tun', 1000, 'pass', 'inconclusive'),
    c('control', 'nat', 1000, 'inconclusive', 'inconclusive'),
    c('dr-noflood', 'dr', 0, 'inconclusive', 'inconclusive'),
    c('dr-flood', 'dr', 1000, 'inconclusive', 'inconclusive'),
    c('smoke', 'nat', 1000, 'pass', 'pass'),
    c('syn-flood', 'nat', 5000, 'pass', 'pass'),
    c('tun-b', 'tun', 1000, 'pass', 'not-delivered'),
  ]);
  t.same(
    picked.map((p) => p.run),
    // nat: both smoke and syn-flood pass C1 and C2, smoke comes first; dr: no story, the one with a flood; tun: a tie at one PASS, the first.
    ['smoke', 'dr-flood', 'tun-a'],
  );
  t.same(pickHeadlines([c('only', 'dr', 0, 'fail', 'fail')]).map((p) => p.run), ['only'], 'a method with one run shows it');
  t.same(pickHeadlines([]), [], 'none without runs');
});
