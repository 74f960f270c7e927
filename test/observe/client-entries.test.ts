// Expectations by hand from the smoke fixture (TCP over NAT, 2 clients, drop_entry 3):
// a client's answered exchange leaves TIME_WAIT for 120 s (tcp_timeouts), which
// ip_vs_random_dropentry() never drops, so the window is 120 - 2 = 118 s.
import t from 'tap';
import { readFileSync } from 'node:fs';
import { clientEntriesOf } from '../../src/observe/client-entries.ts';
import { parseResults } from '../../src/record/results.ts';
import { parseScenario } from '../../src/scenario/load.ts';

const path = new URL('../../fixtures/scenarios/smoke.yaml', import.meta.url).pathname;
const smoke = parseScenario(readFileSync(path, 'utf8'), path);
const run = (lines: object[]) => parseResults(lines.map((x) => JSON.stringify(x)).join('\n'));
const client = (c: number, t: number, extra: object = {}) => ({ type: 'client', client: c, t, done: t + 0.1, ok: true, rs: 'rs1', ...extra });
const read = { type: 'event', name: 'tables-read', t: 150.02, from: 150 };

t.test("a client with fewer entries at the end than requests in the window is named, with the entries' ports", async (t) => {
  const r = run([
    client(1, 10), // 140 s before the read: outside the 118 s window
    client(1, 40),
    client(1, 45),
    client(1, 50),
    client(2, 40),
    read,
    // 10.1.1.2 and 10.1.2.2 as /proc prints them; ports 0x8A3F = 35391, 0x8A4F = 35407.
    { type: 'event', name: 'client-ports', t: 150.02, client: '0A010102', ports: '8A3F 8A4F' },
    { type: 'event', name: 'client-ports', t: 150.02, client: '0A010202', ports: '9000' },
    { type: 'event', name: 'client-conns', t: 150.02, clients: 2 },
  ]);
  t.same(clientEntriesOf(r, smoke), { windowS: 118, checked: 2, short: [{ client: 1, entries: 2, requests: 3, ports: [35391, 35407] }] });
});

t.test('as many entries as requests: none short; a client with no entry at all is short by all its requests', async (t) => {
  const held = run([client(1, 40), client(2, 41), read, { type: 'event', name: 'client-ports', t: 150, client: '0A010102', ports: '8A3F' }, { type: 'event', name: 'client-conns', t: 150, clients: 1 }]);
  t.same(clientEntriesOf(held, smoke), { windowS: 118, checked: 2, short: [{ client: 2, entries: 0, requests: 1, ports: [] }] });
});

t.test('UDP: a port a client used twice is one entry; unanswered requests sent made one too', async (t) => {
  // UDP's entry lives 300 s (udp_timeouts NORMAL), window 298 s; drop_entry 0 so the defense drops nothing.
  const udp = { ...smoke, service: { ...smoke.service, protocol: 'udp' as const }, sysctl: { ...smoke.sysctl, drop_entry: 0 as const } };
  const r = run([
    client(1, 40, { sent: true, port: 40000 }),
    client(1, 45, { sent: true, port: 40000, ok: false }),
    client(1, 50, { sent: true, port: 41000, ok: false }),
    client(1, 55, { sent: false, ok: false }), // never sent: no entry
    read,
    { type: 'event', name: 'client-ports', t: 150, client: '0A010102', ports: '9C40 A028' },
    { type: 'event', name: 'client-conns', t: 150, clients: 1 },
  ]);
  t.same(clientEntriesOf(r, udp), { windowS: 298, checked: 1, short: [] }, '2 distinct ports, 2 entries');
});

t.test('not recorded: an older agent, one-packet scheduling, a defense that may drop the client entry', async (t) => {
  const r = run([client(1, 40), read]);
  t.same(clientEntriesOf(r, smoke), { notRecorded: 'no client-conns event (an agent older than it)' });
  const withSummary = run([client(1, 40), read, { type: 'event', name: 'client-conns', t: 150, clients: 0 }]);
  const ops = { ...smoke, service: { ...smoke.service, protocol: 'udp' as const, ops: true } };
  t.match(clientEntriesOf(withSummary, ops), { notRecorded: /one-packet scheduling/ });
  // UDP's NORMAL entry is todrop_entry()'s under drop_entry 3 (the fixture's).
  const udp = { ...smoke, service: { ...smoke.service, protocol: 'udp' as const } };
  t.match(clientEntriesOf(withSummary, udp), { notRecorded: /drop_entry 3/ });
  t.match(clientEntriesOf(withSummary, undefined), { notRecorded: /names no scenario/ });
});
