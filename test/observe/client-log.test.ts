// The clients' logs read on the host: records of the current agent (a base64
// log) and of older ones (fields made in the guest, no log) side by side.
// Expected values by hand from the log text below.
import t from 'tap';
import { parseResults, type ClientResult } from '../../src/record/results.ts';
import { failureText, withClientLogs } from '../../src/observe/client-log.ts';

const b64 = (s: string) => Buffer.from(s).toString('base64');
const udpLog = '2026/12/03 08:13:05 socat[364] N successfully connected from local address AF=2 10.1.1.2:40001\n2026/12/03 08:13:05 socat[364] N starting data transfer loop with FDs [0,1] and [5,5]\n';
const refused = '2026/12/03 08:11:45 socat[9] N opening connection to AF=2 10.0.0.100:53\n2026/12/03 08:11:45 socat[9] E read(5, 0x1, 8): Connection refused\n';

const lines = [
  { type: 'client', client: 1, t: 5, done: 6, ok: true, rs: 'rs1', log: b64(udpLog) },
  { type: 'client', client: 2, t: 5, done: 9, ok: false, log: b64(refused) },
  // An older agent's records: kept as they are.
  { type: 'client', client: 1, t: 10, done: 11, ok: false, error: '' },
  { type: 'client', client: 2, t: 10, done: 11, ok: true, rs: 'rs2', sent: true, port: 7 },
  { type: 'event', name: 'ready', t: 1 },
];
const parsed = () => parseResults(lines.map((l) => JSON.stringify(l)).join('\n') + '\n');

t.test('UDP: port and sent from the log; a failure\'s reason its lines but the notices', async (t) => {
  const out = withClientLogs(parsed(), 'udp').records;
  t.equal(out.length, 5);
  const c = out.filter((r): r is ClientResult => r.type === 'client');
  t.same(c[0], { type: 'client', client: 1, t: 5, done: 6, ok: true, rs: 'rs1', sent: true, port: 40001 });
  t.same(c[1], { type: 'client', client: 2, t: 5, done: 9, ok: false, sent: false, error: '2026/12/03 08:11:45 socat[9] E read(5, 0x1, 8): Connection refused' });
  t.same(c[2], lines[2]);
  t.same(c[3], lines[3]);
  t.same(out[4], lines[4]);
});

t.test('TCP: nothing read from the log (wget -q), an empty reason for a silent failure', async (t) => {
  const c = withClientLogs(parsed(), 'tcp').records.filter((r): r is ClientResult => r.type === 'client');
  t.same(c[0], { type: 'client', client: 1, t: 5, done: 6, ok: true, rs: 'rs1' });
  t.same(c[1]!.error, '2026/12/03 08:11:45 socat[9] E read(5, 0x1, 8): Connection refused');
  t.equal(failureText(''), '');
  t.equal(failureText('wget: can\'t connect to remote host (10.0.0.100): Connection refused\n'), "wget: can't connect to remote host (10.0.0.100): Connection refused");
});
