// What an earlier try's trace says of its guest, from small records written
// here; each figure worked out by hand from the chunk in its comment.
import t from 'tap';
import { parseResults } from '../../src/record/results.ts';
import { describeTryTrace, tryTraceOf } from '../../src/compare/try-trace.ts';

const lines = (...x: object[]) => parseResults(x.map((r) => JSON.stringify({ type: 'event', t: 170.2, ...r })).join('\n'));
const chunk = (times: number[], ends?: (number | null)[]) => ({ name: 'defense-work', work: 'w', first: 0, times, ...(ends ? { ends } : {}) });
const end = (overrun: number) => ({ name: 'defense-work-end', work: 'w', overrun });

t.test('a starved first try: a scan of 2.83 s, a gap of 3.87 s', async (t) => {
  // Starts 8.1, 9.17, 13.04; ends 8.102, 12.0, 13.041: durations 0.002, 2.83, 0.001; gaps 1.07, 3.87.
  const x = tryTraceOf(lines(chunk([8.1, 9.17, 13.04], [8.102, 12.0, 13.041]), end(0)));
  t.same(x, { overrun: 0, longestGap: 3.87, gapsOverOneAndHalf: 1, longestScan: 2.83, scansOverOneSecond: 1 });
  t.equal(describeTryTrace(x), 'its guest was starved: a scan ran 2.83 s (1 over 1 s), the longest gap between scans 3.87 s (1 over 1.5 s)');
});

t.test('a clean first try: scans of milliseconds, gaps of about a second', async (t) => {
  // Durations 0.002, 0.003, 0.004 (longest 0.004); gaps 1.02, 1.02; 5 events lost from the ring buffer.
  const x = tryTraceOf(lines(chunk([2, 3.02, 4.04], [2.002, 3.023, 4.044]), end(5)));
  t.same(x, { overrun: 5, longestGap: 1.02, gapsOverOneAndHalf: 0, longestScan: 0.004, scansOverOneSecond: 0 });
  t.equal(describeTryTrace(x), 'its guest was not starved: the longest scan 0.004 s, the longest gap between scans 1.02 s (0 over 1.5 s); the trace lost 5 events');
});

t.test('an older agent: what it lacks is said, never guessed', async (t) => {
  // Starts only (no ends): gaps 1, 2.5.
  const noEnds = tryTraceOf(lines(chunk([2, 3, 5.5])));
  t.same(noEnds, { longestGap: 2.5, gapsOverOneAndHalf: 1, notRecorded: ['no run ends traced (an agent before workqueue_execute_end was traced)'] });
  t.equal(describeTryTrace(noEnds), 'scan durations not traced; the longest gap between scans 2.50 s (1 over 1.5 s)');
  // Nothing traced at all: nothing to say.
  const none = tryTraceOf(lines({ name: 'agent-start' }));
  t.match(none, { notRecorded: [/no traced defense-work runs/] });
  t.equal(none.longestGap, undefined);
  t.equal(describeTryTrace(none), undefined);
});
