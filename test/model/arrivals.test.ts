import t from 'tap';
import { arrivalsAlong, floodProgress } from '../../src/model/arrivals.ts';
import { parseResults } from '../../src/record/results.ts';

t.test("a replay's progress counts: arrivals follow the curve, not the sampler", async (t) => {
  // tcpreplay fell behind after its first second: 200, then 100 a second.
  const lines = [
    { type: 'event', name: 'flood-start', t: 9.8, generator: 'pcap' },
    { type: 'event', name: 'flood-progress', t: 11.1, sent: 200, elapsed: 1.0 },
    { type: 'event', name: 'flood-progress', t: 12.1, sent: 300, elapsed: 2.0 },
    { type: 'event', name: 'flood-progress', t: 13.1, sent: 400, elapsed: 3.0 },
    { type: 'event', name: 'flood-end', t: 13.2, sent: 400 },
  ].map((x) => JSON.stringify(x));
  const curve = floodProgress(parseResults(lines.join('\n')));
  t.same(curve, [{ t: 10.1, sent: 0 }, { t: 11.1, sent: 200 }, { t: 12.1, sent: 300 }, { t: 13.1, sent: 400 }], 'begins its own elapsed second before its first count');
  const a = arrivalsAlong(curve, 400, 10);
  t.equal(a.length, 400);
  const inWindow = (lo: number, hi: number) => [...a].filter((x) => x > lo && x <= hi).length;
  t.equal(inWindow(0.1 - 1e-9, 1.1), 200, '200 in the first second of the replay');
  t.equal(inWindow(1.1, 2.1), 100);
  t.equal(inWindow(2.1, 3.1), 100);
  t.ok(Math.abs(a[0]! - (0.1 + 0.5 / 200)) < 1e-9, 'evenly along each segment');
  t.ok([...a].every((x, i) => i === 0 || x >= a[i - 1]!), 'in order');
});
