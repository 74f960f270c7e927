import t from 'tap';
import { verdictText } from '../../src/cli/claims-table.ts';
import type { BandCheck } from '../../src/compare/bands.ts';
import type { VariantVerdict } from '../../src/compare/verdict.ts';

const check = (agrees: boolean): BandCheck => ({
  series: 'templates',
  samples: 160,
  inside: agrees ? 160 : 96,
  fraction: agrees ? 1 : 0.6,
  area: agrees ? 0 : 9.45,
  runs: { count: 1000, lowestFraction: 0.72, largestArea: 7.93, wider: 0, underAgreement: 6, ...(agrees ? {} : { fresh: { count: 9000, wider: 0 } }) },
  agrees,
  ...(agrees ? {} : { worst: { t: 123, value: 54, lo: 12, hi: 45 }, misses: { above: 64, below: 0, from: 86, to: 160 } }),
});

t.test('a variant run again says which run the verdict is, and what the earlier ones missed', async (t) => {
  const patched = { variant: 'patched', modelVariant: 'patched', agrees: true, checks: [check(true)], earlierTries: [{ dir: 'try-1', checks: [check(true), check(false)] }] } as unknown as VariantVerdict;
  const text = verdictText({ variants: { patched }, claims: [], claimsHold: true, judgeable: true });
  t.match(text, /^patched  agrees with the patched model \(samples in band: templates 100%\)\n {9}on run 2; run 1 missed it \(kept in try-1\/\): templates 60%: 64 above, 0 below, 86\.\.160 s; worst at 123 s, 54 against 12\.\.45, missing by 9\.45 band-widths \(the model's own runs: up to 7\.93; 0 of 1000 miss by as much, 6 are under 95% in band; 0 of 9000 further runs miss by as much\)\n/);
  const once = verdictText({ variants: { patched: { ...patched, earlierTries: [] } }, claims: [], claimsHold: true, judgeable: true });
  t.notMatch(once, /on run/, 'a variant run once says nothing of runs');
});
