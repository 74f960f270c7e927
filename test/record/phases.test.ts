import t from 'tap';
import { wallPhases } from '../../src/record/phases.ts';

const lines = [
  { type: 'event', name: 'agent-start', t: 2.0 },
  { type: 'event', name: 'ready', t: 7.0 },
  { type: 'sample', t: 7.1, te: 7.3, conns: {}, templates: {}, stats: {} },
  { type: 'event', name: 'flood-start', t: 8.0 },
  { type: 'sample', t: 8.1, te: 8.2, conns: {}, templates: {}, stats: {} },
  { type: 'event', name: 'flood-end', t: 13.0 },
  { type: 'event', name: 'done', t: 167.0 },
  { type: 'exit', code: 0, t: 167.5 },
].map((x) => JSON.stringify(x));
const text = lines.join('\n') + '\n';
/** Byte offset just past line i. */
const end = (i: number) => Buffer.byteLength(lines.slice(0, i + 1).join('\n')) + 1;

t.test('wall time by phase, from when each line reached the host', async (t) => {
  const growth = [
    { size: end(0), wall: 1.4 },
    { size: end(1), wall: 3.0 },
    { size: end(3), wall: 3.6 },
    { size: end(5), wall: 9.0 },
    { size: end(6), wall: 30.0 },
    { size: end(7), wall: 30.4 },
  ];
  const p = wallPhases(text, growth, 31);
  t.same(p, {
    bootWall: 1.4,
    setupWall: 1.6,
    scenarioWall: 27,
    scenarioGuest: 160,
    warp: 5.93,
    floodWall: 5.4,
    floodGuest: 5,
    samplingGuest: 0.3,
    samples: 2,
    endWall: 1,
    totalWall: 31,
  });
  t.equal(wallPhases('{"type":"event","name":"agent-start","t":1}\n', [{ size: 10, wall: 1 }], 2), undefined, 'a run that never got ready has no phases');
});
