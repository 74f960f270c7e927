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
  // Gaps 1, 1.6, 1, 2.5: two over 1.5 s, the longest 2.5. No `ends` in the chunk: no durations.
  t.same(h.scans, { count: 5, first: 2, last: 8.1, longestGap: 2.5, longGaps: 2, durations: { notRecorded: 'no run ends traced (an agent before workqueue_execute_end was traced)' } });
});

t.test('a field that is not a count is not recorded, with what it held', async (t) => {
  const h = traceHealthOf(parseResults(ev('defense-work-end', { work: 'w', overrun: 'x', oldest: -1 })));
  t.match(h.overrun, { notRecorded: /not a count: "x"/ });
  t.match(h.oldest, { notRecorded: /not a count: -1/ });
  t.equal(recorded(h.overrun), false);
  t.equal(recorded(0), true, 'a recorded 0 is recorded');
});

t.test("each scan's duration, from the runs' traced ends", async (t) => {
  // fuzz-0067's starved guest, in small: starts 8.1, 9.17, 13.04, 14.05; ends 8.102, 12.0 (2.83 s), null, 14.0505.
  const p = parseResults(ev('defense-work', { work: 'w', first: 0, times: [8.1, 9.17, 13.04, 14.05], ends: [8.102, 12.0, null, 14.0505] }));
  const h = traceHealthOf(p);
  // Gaps 1.07, 3.87, 1.01: one over 1.5 s. Durations 0.002, 2.83, 0.0005 (the null: none): 3 measured, one over 1 s.
  t.match(h.scans, { count: 4, longGaps: 1 });
  t.ok(recorded(h.scans) && recorded(h.scans.durations), 'durations recorded');
  if (!recorded(h.scans) || !recorded(h.scans.durations)) return;
  t.equal(h.scans.durations.measured, 3);
  t.equal(h.scans.durations.overOneSecond, 1);
  t.ok(Math.abs(h.scans.durations.longest - 2.83) < 1e-9, `the longest 12.0 - 9.17 = 2.83 s: ${h.scans.durations.longest}`);
});

t.test('a clean guest: every scan a few milliseconds, none over 1 s; exactly 1 s is not over', async (t) => {
  // Durations 0.004, 1 (a run ending exactly 1 s after its start: not over), 0.003.
  const h = traceHealthOf(parseResults(ev('defense-work', { work: 'w', first: 0, times: [2, 3, 5], ends: [2.004, 4, 5.003] })));
  t.match(h.scans, { durations: { measured: 3, longest: 1, overOneSecond: 0 } });
});
