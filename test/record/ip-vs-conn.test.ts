// Lines captured from a real guest (6.1 with the series) during the smoke scenario.
import t from 'tap';
import { VerifyError, exitCodeFor, EXIT } from '../../src/errors.ts';
import { readFileSync } from 'node:fs';
import { parseIpvsConnLine, countIpvsConn } from '../../src/record/ip-vs-conn.ts';

const fixture = (name: string) => readFileSync(new URL(`../../fixtures/proc/${name}`, import.meta.url), 'utf8');

t.test('an ASSURED template: client port 0000, protocol TCP', async (t) => {
  const e = parseIpvsConnLine('TCP 0A010102 0000 0A000064 0050 0A020102 0050 ASSURED         299');
  t.same(e, {
    protocol: 'TCP',
    clientAddr: '10.1.1.2',
    clientPort: 0,
    virtualAddr: '10.0.0.100',
    virtualPort: 80,
    destAddr: '10.2.1.2',
    destPort: 80,
    state: 'ASSURED',
    expires: 299,
    template: true,
  });
});

t.test('a NONE template of a spoofed source', async (t) => {
  const e = parseIpvsConnLine('TCP F55F6B11 0000 0A000064 0050 0A020202 0050 NONE            297');
  t.equal(e.template, true);
  t.equal(e.state, 'NONE');
  t.equal(e.clientAddr, '245.95.107.17');
});

t.test('connections: SYN_RECV, ESTABLISHED, TIME_WAIT', async (t) => {
  const syn = parseIpvsConnLine('TCP 6D9DEB6B 0818 0A000064 0050 0A020202 0050 SYN_RECV         58');
  t.match(syn, { template: false, state: 'SYN_RECV', clientPort: 0x818, expires: 58 });
  const est = parseIpvsConnLine('TCP 0A010202 8E66 0A000064 0050 0A020202 0050 ESTABLISHED     899');
  t.match(est, { template: false, state: 'ESTABLISHED', clientAddr: '10.1.2.2', expires: 899 });
  t.match(parseIpvsConnLine('TCP 0A010202 8E72 0A000064 0050 0A020202 0050 TIME_WAIT       119'), { state: 'TIME_WAIT' });
});

t.test('IPv6 lines (%pI6, from a real guest): addresses as printed', async (t) => {
  const e = parseIpvsConnLine('TCP fd00:0001:0002:0000:0000:0000:0000:0002 0000 fd00:0000:0000:0000:0000:0000:0000:0100 0050 fd00:0002:0001:0000:0000:0000:0000:0002 0050 ASSURED         198');
  t.same(e, {
    protocol: 'TCP',
    clientAddr: 'fd00:0001:0002:0000:0000:0000:0000:0002',
    clientPort: 0,
    virtualAddr: 'fd00:0000:0000:0000:0000:0000:0000:0100',
    virtualPort: 80,
    destAddr: 'fd00:0002:0001:0000:0000:0000:0000:0002',
    destPort: 80,
    state: 'ASSURED',
    expires: 198,
    template: true,
  });
  t.match(parseIpvsConnLine('TCP 2167:9ac0:4584:dd6b:28f5:2a6f:d520:c943 0000 fd00:0000:0000:0000:0000:0000:0000:0100 0050 fd00:0002:0002:0000:0000:0000:0000:0002 0050 NONE            148'), { template: true, state: 'NONE', clientAddr: '2167:9ac0:4584:dd6b:28f5:2a6f:d520:c943' });
});

t.test('not an ip_vs_conn line', async (t) => {
  t.throws(() => parseIpvsConnLine('Pro FromIP   FPrt ToIP     TPrt DestIP   DPrt State       Expires PEName PEData'), /not an ip_vs_conn line/);
  t.throws(() => parseIpvsConnLine("TCP 0A01 0000"), /not an ip_vs_conn line/);
});

t.test('counting a sample of real lines by kind and state', async (t) => {
  t.same(countIpvsConn(fixture('ip_vs_conn.patched.txt')), {
    conns: { ESTABLISHED: 2, TIME_WAIT: 2, SYN_RECV: 6 },
    templates: { ASSURED: 2, NONE: 4 },
  });
});

t.test('counting a whole real table', async (t) => {
  const c = countIpvsConn(fixture('ip_vs_conn.patched-full.txt'));
  t.same(c, { conns: { ESTABLISHED: 2, SYN_RECV: 295, TIME_WAIT: 2 }, templates: { ASSURED: 2, NONE: 293 } });
});

t.test("a line the kernel printed that is not an entry is the kernel run's fault (exit 125)", async (t) => {
  let caught: unknown;
  try {
    parseIpvsConnLine('TCP 0A01 0000');
  } catch (e) {
    caught = e;
  }
  t.ok(caught instanceof VerifyError, 'a VerifyError');
  t.equal((caught as VerifyError).kind, 'kernel');
  t.equal(exitCodeFor(caught), EXIT.skip);
});
