import t from 'tap';
import { parseResults, samplesOf } from '../../src/record/results.ts';

const good = [
  '{"type":"event","name":"agent-start","t":1.52,"kernel":"6.1.192","scenario":"smoke"}',
  '{"type":"sample","t":2.01,"conns":{},"templates":{},"stats":{"conns":"0","inpkts":"0","outpkts":"0"}}',
  '{"type":"sample","t":3.01,"conns":{"SYN_RECV":12},"templates":{"NONE":12},"stats":{"conns":"C","inpkts":"C","outpkts":"0"}}',
  '{"type":"exit","code":0,"t":4.2}',
];

t.test('a clean channel, with the serial port\'s carriage returns', async (t) => {
  const p = parseResults(good.map((l) => l + '\r').join('\n') + '\n');
  t.same(p.damage, []);
  t.equal(p.records.length, 4);
  t.same(p.exit, { type: 'exit', code: 0, t: 4.2 });
  t.same(samplesOf(p).map((s) => s.t), [2.01, 3.01]);
});

t.test('a line cut short at the end is reported as truncated, the rest is kept', async (t) => {
  const text = good.slice(0, 3).join('\n') + '\n{"type":"sample","t":4.01,"conns":{"SYN_R';
  const p = parseResults(text);
  t.equal(samplesOf(p).length, 2);
  t.same(p.damage, [{ line: 4, text: '{"type":"sample","t":4.01,"conns":{"SYN_R', reason: 'truncated last line' }]);
  t.equal(p.exit, undefined, 'no exit record: the guest did not finish');
});

t.test('garbage in the middle is reported and parsing goes on', async (t) => {
  const text = [good[0], '\u0000\u0000garbage@@', '[1,2,3]', '{"type":"nonsense"}', ...good.slice(1)].join('\n') + '\n';
  const p = parseResults(text);
  t.equal(p.records.length, 4);
  t.same(
    p.damage.map((d) => [d.line, d.reason]),
    [
      [2, 'not JSON'],
      [3, 'not a results record'],
      [4, 'not a results record'],
    ],
  );
  t.ok(p.exit);
});
