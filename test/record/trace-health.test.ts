// The trace's completeness, from a recorded run (fixtures/runs) and small
// records written here; every expectation read off the lines by hand.
import t from 'tap';
import { readFileSync } from 'node:fs';
import { parseResults } from '../../src/record/results.ts';
import { recorded, traceHealthOf } from '../../src/record/trace-health.ts';

const fixture = (run: string, v: string) => parseResults(readFileSync(new URL(`../../fixtures/runs/${run}/results-${v}.jsonl`, import.meta.url), 'utf8'));
const ev = (name: string, fields: object) => JSON.stringify({ type: 'event', name, t: 170.2, ...fields });
const chunk = (first: number, times: number[]) => ev('defense-work', { work: 'ffff88800228b550', first, times });

t.test("a recorded run: the agent's overrun 0, and its 145 traced runs", async (t) => {
  const h = traceHealthOf(fixture('udp-1', 'base'));
  // defense-work-end: "overrun":0 and no oldest (that agent did not send it);
  // the four chunks (first 0, 40, 80, 120) hold 145 times, 4.559529 to 152.080181,
  // about 1.024 s apart: none over 1.5 s.
  t.equal(h.overrun, 0);
  t.match(h.oldest, { notRecorded: /no oldest/ });
  t.match(h.scans, { count: 145, first: 4.559529, last: 152.080181, longGaps: 0 });
  t.ok(recorded(h.scans) && h.scans.longestGap > 1 && h.scans.longestGap < 1.1, 'the longest gap is one period late by a little');
});

t.test('an older agent: nothing recorded, no failure', async (t) => {
  // smoke-1's agent traced nothing: no defense-work chunks, no defense-work-end.
  const h = traceHealthOf(fixture('smoke-1', 'base'));
  t.match(h, { overrun: { notRecorded: /no defense-work-end/ }, oldest: { notRecorded: /no defense-work-end/ }, scans: { notRecorded: /no traced/ } });
});

t.test('a newer agent: overrun and oldest summed over the CPUs by the guest; gaps counted', async (t) => {
  const p = parseResults([chunk(0, [2, 3, 4.6, 5.6, 8.1]), ev('defense-work-end', { work: 'ffff88800228b550', overrun: 7, oldest: 11.5 })].join('\n'));
  const h = traceHealthOf(p);
  t.equal(h.overrun, 7);
  t.equal(h.oldest, 11.5);
  // Gaps 1, 1.6, 1, 2.5: two over 1.5 s, the longest 2.5.
  t.same(h.scans, { count: 5, first: 2, last: 8.1, longestGap: 2.5, longGaps: 2 });
});

t.test('a field that is not a count is not recorded, with what it held', async (t) => {
  const h = traceHealthOf(parseResults(ev('defense-work-end', { work: 'w', overrun: 'x', oldest: -1 })));
  t.match(h.overrun, { notRecorded: /not a count: "x"/ });
  t.match(h.oldest, { notRecorded: /not a count: -1/ });
  t.equal(recorded(h.overrun), false);
  t.equal(recorded(0), true, 'a recorded 0 is recorded');
});
