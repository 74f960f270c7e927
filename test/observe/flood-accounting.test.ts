// Connections IPVS made against those the model was given, from a recorded
// run (fixtures/runs/udp-1) and small records written here; each number
// worked out by hand from the lines in the comments.
import t from 'tap';
import { readFileSync } from 'node:fs';
import { parseResults } from '../../src/record/results.ts';
import { parseScenario } from '../../src/scenario/load.ts';
import { withClientLogs } from '../../src/observe/client-log.ts';
import { floodAccountOf } from '../../src/observe/flood-accounting.ts';
import type { Scenario } from '../../src/scenario/schema.ts';

const read = (rel: string) => readFileSync(new URL(`../../${rel}`, import.meta.url), 'utf8');
const smoke = (): Scenario => parseScenario(read('fixtures/scenarios/smoke.yaml'), 'smoke.yaml');

t.test('a recorded UDP run: 1000 sent and 14 clients, 1014 made (0x3F6 in its last sample)', async (t) => {
  const meta = JSON.parse(read('fixtures/runs/udp-1/metadata.json')) as { scenario: { value: Scenario } };
  const run = withClientLogs(parseResults(read('fixtures/runs/udp-1/results-base.jsonl')), 'udp');
  // flood-end "sent":1000; 14 client records, all ok, no port reused; the last
  // sample's stats conns "3F6" = 1014; no director-totals (an older agent).
  // The split: flood-end at 11.85; the first sample from 14.35 s on with no client in the 2.5 s
  // before it is 15.27 (clients at 6.3, 6.3, 12.2, 12.2, then 17.7): its counter 0x3EC = 1004 made,
  // against 1000 sent + the 4 clients by 12.77 s; after it 1014 - 1004 = 10 made, the other 10 clients given.
  t.same(floodAccountOf(run, meta.scenario.value), {
    floodSent: 1000,
    clientConns: 14,
    created: 1014,
    createdFrom: 'last sample',
    shortfall: 0,
    split: { at: 15.27, madeBy: 1004, givenBy: 1004, madeAfter: 10, givenAfter: 10 },
  });
});

const sample = (t: number, conns = '0') => ({ type: 'sample', t, conns: {}, templates: {}, stats: { conns } });
const client = (n: number, t: number, ok: boolean) => ({ type: 'client', client: n, t, done: t + 0.5, ok, ...(ok ? { rs: 'rs1' } : {}) });
const lines = (over: { totals?: string[]; sent?: number; generator?: string } = {}) =>
  [
    sample(1),
    { type: 'event', name: 'flood-start', t: 5, count: 50, rate: 50, generator: over.generator ?? 'pcap' },
    client(1, 3, true),
    client(2, 3, true),
    client(1, 8, false),
    { type: 'event', name: 'flood-end', t: 6, ...(over.sent !== undefined ? { sent: over.sent } : {}) },
    sample(20, '31'),
    ...(over.totals ? [{ type: 'event', name: 'director-totals', t: 21, percpu: over.totals }] : []),
  ]
    .map((x) => JSON.stringify(x))
    .join('\n');

t.test('director-totals over the last sample; a shortfall is that many fewer made than given', async (t) => {
  // Sent 50; TCP clients: the 2 answered are the model's (a failed one is not),
  // so 52 given. The per-CPU rows: 0x20 + 0x12 = 32 + 18 = 50 made: 2 short.
  // (The last sample's 0x31 = 49 is the estimator's copy, not used when the rows are there.)
  const rows = ['  0       20       30        0      1000        0', '  1       12       18        0       800        0'];
  t.same(floodAccountOf(parseResults(lines({ sent: 50, totals: rows })), smoke()), {
    floodSent: 50,
    clientConns: 2,
    created: 50,
    createdFrom: 'director-totals',
    shortfall: 2,
    // The sample at 20 s (flood over at 6, no client after 3): its counter 0x31 = 49 made, against
    // 50 sent + the 2 clients given; 50 - 49 = 1 made after it, none given.
    split: { at: 20, madeBy: 49, givenBy: 52, madeAfter: 1, givenAfter: 0 },
  });
  // Damaged rows: the last sample's 49, so 3 short.
  t.match(floodAccountOf(parseResults(lines({ sent: 50, totals: ['garbage'] })), smoke()), { created: 49, createdFrom: 'last sample', shortfall: 3 });
});

t.test('what the record lacks is not recorded, never a failure', async (t) => {
  t.match(floodAccountOf(parseResults(lines({ sent: 50, generator: 'hping3' })), smoke()), { notRecorded: /hping3/ }, "hping3's flood count is IPVS's own counter");
  t.match(floodAccountOf(parseResults(lines()), smoke()), { notRecorded: /no flood-end count/ });
  t.match(floodAccountOf(parseResults(lines({ sent: 50 })), undefined), { notRecorded: /no scenario/ });
  // One sample only: the model cannot be driven (arrivalsFromRun's kernel error), so no account.
  const one = lines({ sent: 50 }).split('\n').filter((l) => !l.includes('"t":20')).join('\n');
  t.match(floodAccountOf(parseResults(one), smoke()), { notRecorded: /two samples/ });
  const noStats = lines({ sent: 50 }).replace(/"stats":\{"conns":"[0-9A-F]+"\}/g, '"stats":{}');
  t.match(floodAccountOf(parseResults(noStats), smoke()), { notRecorded: /no director-totals and no ip_vs_stats/ });
});

t.test('no sample placed to split the account: none, the account as before', async (t) => {
  // Flood over at 6 s; the only later sample (20 s) has a client given at 19 s within the 2.5 s before it.
  const text = lines({ sent: 50 }).replace('"client":1,"t":8,"done":8.5,"ok":false', '"client":1,"t":19,"done":19.5,"ok":true,"rs":"rs1"');
  const a = floodAccountOf(parseResults(text), smoke());
  // 50 sent + 3 answered clients = 53 given; the last sample's 0x31 = 49 made: 4 short.
  t.match(a, { floodSent: 50, clientConns: 3, created: 49, shortfall: 4 });
  t.notOk('split' in (a as object), 'no split');
});
