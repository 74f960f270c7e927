// measuredSeries(): a run's records as the series the model is held against.
import t from 'tap';
import { measuredSeries } from '../../src/observe/measured.ts';
import { parseResults } from '../../src/record/results.ts';

const sample = (t: number, syn: number, tpl: number, conns: number, fresh?: number) =>
  JSON.stringify({ type: 'sample', t, conns: syn ? { SYN_RECV: syn } : {}, templates: tpl ? { NONE: tpl } : {}, ...(fresh === undefined ? {} : { fresh }), stats: { conns: conns.toString(16) } });

const run = [
  JSON.stringify({ type: 'event', name: 'flood-start', t: 2.5 }),
  sample(2.0, 0, 0, 0, 0),
  sample(3.0, 40, 40, 0, 40),
  sample(4.0, 100, 100, 40, 60),
  JSON.stringify({ type: 'client', client: 1, t: 4.2, ok: true, rs: 'rs1' }),
  sample(5.1, 90, 101, 101, 0),
  JSON.stringify({ type: 'event', name: 'flood-end', t: 5.5 }),
  sample(6.0, 0, 30, 101, 0),
].join('\n');

t.test('measured series and the flood', async (t) => {
  const m = measuredSeries(parseResults(run));
  t.same([...m.series.synRecv!], [0, 40, 100, 90, 0]);
  t.same([...m.series.clientTemplates!], [0, 0, 0, 1, 1], 'a client template from its first handshake on');
  t.same([...m.series.floodTemplates!], [0, 40, 100, 100, 29]);
  t.equal(m.floodCreated, 100, 'counter total less the client connection');
  t.equal(m.lastFloodT, 5.5);
});

t.test("the half-open series by the name the run's model gives it (secure_tcp over DR: SYNACK)", async (t) => {
  // Two samples: 7 SYNACK and 3 SYN_RECV entries, then 2 SYNACK; the synRecv series counts the named state alone.
  const mixed = [
    JSON.stringify({ type: 'sample', t: 1, conns: { SYNACK: 7, SYN_RECV: 3 }, templates: {}, stats: { conns: '0' } }),
    JSON.stringify({ type: 'sample', t: 2, conns: { SYNACK: 2 }, templates: {}, stats: { conns: '0' } }),
  ].join('\n');
  t.same([...measuredSeries(parseResults(mixed), 32, 'tcp', 'ipv4', 'SYNACK').series.synRecv!], [7, 2]);
  t.same([...measuredSeries(parseResults(mixed)).series.synRecv!], [3, 0], "absent: the protocol's own (SYN_RECV)");
});
