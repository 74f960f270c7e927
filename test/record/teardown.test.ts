import t from 'tap';
import { parseResults } from '../../src/record/results.ts';
import { teardownOf } from '../../src/record/teardown.ts';
import { summarise } from '../../src/observe/summary.ts';

// As vm/agent.sh's teardown() writes it.
const line = '{"type":"event","name":"teardown","t":83.79,"entries":700,"objectsBefore":700,"objectsAfter":0,"seconds":0.01,"warnings":0,"firstWarning":""}';

t.test('the guest\'s teardown report', async (t) => {
  const p = parseResults(line + '\n');
  t.same(teardownOf(p), { entries: 700, objectsBefore: 700, objectsAfter: 0, seconds: 0.01, warnings: 0 }, 'an empty first warning is left out');
  t.same(summarise(p).teardown, teardownOf(p), 'carried by the summary');
});

t.test('a warning is kept with its text', async (t) => {
  const p = parseResults(line.replace('"warnings":0,"firstWarning":""', '"warnings":2,"firstWarning":"WARNING: CPU: 0 PID: 7 at net/netfilter/ipvs/ip_vs_conn.c:1300"') + '\n');
  t.equal(teardownOf(p)?.warnings, 2);
  t.match(teardownOf(p)?.firstWarning, /ip_vs_conn\.c:1300/);
});

t.test('no report, or one missing a number, is no teardown', async (t) => {
  t.equal(teardownOf(parseResults('{"type":"exit","code":0,"t":1}\n')), undefined);
  t.equal(teardownOf(parseResults(line.replace('"objectsAfter":0,', '') + '\n')), undefined);
  t.equal(summarise(parseResults('{"type":"exit","code":0,"t":1}\n')).teardown, undefined);
});
