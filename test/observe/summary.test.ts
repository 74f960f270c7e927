// summarise(): what the claims read off a run's records.
import t from 'tap';
import { parseResults } from '../../src/record/results.ts';
import { summarise } from '../../src/observe/summary.ts';

t.test("the backup's template lines: counted apart from the director's", async (t) => {
  const lines = [
    { type: 'sample', t: 5, conns: {}, templates: { ASSURED: 1, NONE: 1 }, stats: {} },
    { type: 'client', client: 1, t: 6, done: 6.2, ok: true, rs: 'rs1' },
    { type: 'event', name: 'defense-work-end', t: 159.5 },
    { type: 'template', line: 'TCP 0A010102 0000 0A000064 0050 0A020102 0050 ASSURED         296' },
    { type: 'template', line: 'TCP C0A80001 0000 0A000064 0050 0A020102 0050 NONE            200' },
    { type: 'template', node: 'backup', line: 'TCP 0A010102 0000 0A000064 0050 0A020102 0050 ASSURED         299' },
    { type: 'event', name: 'sync-backup', t: 160, entries: 3 },
  ].map((x) => JSON.stringify(x));
  const s = summarise(parseResults(lines.join('\n')));
  t.equal(s.finalClientTemplates + s.finalFloodTemplates, 2, "the director's two templates only");
  // The master's client template (10.1.1.2) with its seconds left; the read gap from the last timed record before the director's lines.
  t.same(s.sync, {
    entries: 3,
    templates: 1,
    clientTemplatesByState: { ASSURED: 1 },
    backupByKey: { '10.1.1.2': 'ASSURED' },
    master: [{ key: '10.1.1.2', state: 'ASSURED', expires: 296 }],
    readGapS: 0.5,
  });
  t.equal(summarise(parseResults(lines.slice(0, 5).join('\n'))).sync, undefined, 'no backup, no report');
});

t.test("IPv6 under /64 (sync-ipv6): the backup's copies of the clients' templates found by their masked %pI6 addresses", async (t) => {
  // Client 1 is fd00:1:1::2, client 2 fd00:1:2::2 (src/scenario/topology.ts): under /64 their templates'
  // addresses are fd00:1:1:: and fd00:1:2::, printed in full by %pI6; a flood source's (2001:db8::/64) is neither.
  const v6 = (caddr: string, state: string, expires: number) =>
    `TCP ${caddr} 0000 fd00:0000:0000:0000:0000:0000:0000:0100 0050 fd00:0002:0001:0000:0000:0000:0000:0002 0050 ${state.padEnd(11)} ${String(expires).padStart(7)}`;
  const c1 = 'fd00:0001:0001:0000:0000:0000:0000:0000';
  const c2 = 'fd00:0001:0002:0000:0000:0000:0000:0000';
  const flood = '2001:0db8:0000:0000:0000:0000:0000:0000';
  const lines = [
    { type: 'sample', t: 5, conns: {}, templates: { ASSURED: 2, NONE: 1 }, stats: {} },
    { type: 'client', client: 1, t: 6, done: 6.2, ok: true, rs: 'rs1' },
    { type: 'client', client: 2, t: 6, done: 6.2, ok: true, rs: 'rs2' },
    { type: 'template', line: v6(c1, 'ASSURED', 296) },
    { type: 'template', line: v6(c2, 'ASSURED', 296) },
    { type: 'template', line: v6(flood, 'NONE', 200) },
    { type: 'template', node: 'backup', line: v6(c1, 'ASSURED', 299) },
    { type: 'template', node: 'backup', line: v6(c2, 'NONE', 299) },
    { type: 'template', node: 'backup', line: v6(flood, 'NONE', 200) },
    { type: 'event', name: 'sync-backup', t: 160, entries: 5 },
  ].map((x) => JSON.stringify(x));
  const s = summarise(parseResults(lines.join('\n')), 64, 'ipv6');
  t.same([s.finalClientTemplates, s.finalFloodTemplates], [2, 1], "the director's: two clients', one flood's");
  t.same(s.sync?.clientTemplatesByState, { ASSURED: 1, NONE: 1 }, "the backup's: one client's ASSURED, one NONE; the flood's not counted as a client's");
  t.same(s.sync?.backupByKey, { [c1]: 'ASSURED', [c2]: 'NONE' }, 'by masked address');
  t.same(s.sync?.master.map((m) => [m.key, m.state]), [[c1, 'ASSURED'], [c2, 'ASSURED']], "the master's: both clients' ASSURED, the flood's left out");
  t.equal(s.sync?.readGapS, 154, 'from the last client record (6 s) to the backup report (160 s): no event between');
  // Read as /128 instead, no backup template is a client's (their addresses end in ::2).
  t.same(summarise(parseResults(lines.join('\n')), 128, 'ipv6').sync?.clientTemplatesByState, {});
});

t.test("the backup read twice (vm/agent.sh): its size from the first read, the clients' keys and states from both; the read gap from the tables-read span", async (t) => {
  // A read of /proc/net/ip_vs_conn can skip an entry (ip_vs_conn_seq_start() resumes each page by
  // position): here the first read missed client 2's template (10.1.2.2), the second has it.
  const tpl = (hex: string, state: string, node?: object) => ({ type: 'template', ...node, line: `UDP ${hex} 0000 0A000064 0035 0A020102 0035 ${state.padEnd(15)} 57` });
  const lines = [
    { type: 'client', client: 1, t: 6, done: 6.2, ok: true, rs: 'rs1' },
    { type: 'client', client: 2, t: 6, done: 6.2, ok: true, rs: 'rs1' },
    { type: 'event', name: 'tables-read', t: 80.75, from: 80.5 },
    tpl('0A010102', 'NONE'),
    tpl('0A010202', 'NONE'),
    tpl('0A010102', 'NONE', { node: 'backup' }),
    tpl('0A010102', 'NONE', { node: 'backup', read: 2 }),
    tpl('0A010202', 'NONE', { node: 'backup', read: 2 }),
    { type: 'event', name: 'sync-backup', t: 82, entries: 1 },
  ].map((x) => JSON.stringify(x));
  const s = summarise(parseResults(lines.join('\n'))).sync;
  t.equal(s?.templates, 1, "the table's size: the first read");
  t.same(s?.clientTemplatesByState, { NONE: 2 }, 'the clients\' templates by state: a key in either read, once');
  t.same(s?.backupByKey, { '10.1.1.2': 'NONE', '10.1.2.2': 'NONE' }, 'both reads');
  t.same(s?.master.map((m) => m.expires), [57, 57]);
  t.equal(s?.readGapS, 0.25, 'tables-read: 80.75 - 80.5, not the report (82 s) after the lines were printed');
});
