// The director's templates in /proc/net/ip_vs_conn_sync against /proc/net/ip_vs_conn.
// Lines written by hand in the kernel's formats (ip_vs_conn_seq_show(): ...
// State Expires; ip_vs_conn_sync_seq_show(): ... State Origin Expires).
import t from 'tap';
import { parseResults } from '../../src/record/results.ts';
import { connSyncOf } from '../../src/record/conn-sync.ts';
import type { ParsedResults } from '../../src/record/results.ts';
import { parseIpvsConnLine } from '../../src/record/ip-vs-conn.ts';

/** As src/observe/summary.ts calls it: with the director's ip_vs_conn templates, parsed. */
const compared = (p: ParsedResults) =>
  connSyncOf(p, p.records.flatMap((r) => (r.type === 'template' && !r.view ? [parseIpvsConnLine(r.line)] : [])));
const tpl = (line: string, view?: boolean) => JSON.stringify({ type: 'template', ...(view ? { view: 'conn_sync' } : {}), line });
// Client 10.1.1.2's template to real server 10.2.1.2, and a flood source's (10.77.0.1) to 10.2.2.2.
const CONN_A = 'TCP 0A010102 0000 0A000064 0050 0A020102 0050 ASSURED         296';
const CONN_B = 'TCP 0A4D0001 0000 0A000064 0050 0A020202 0050 NONE            120';
// Origin as ip_vs_origin_name() prints it (ip_vs_conn.c:1177): LOCAL, or SYNC on a backup.
const SYNC_A = 'TCP 0A010102 0000 0A000064 0050 0A020102 0050 ASSURED     LOCAL      296';
const SYNC_B = 'TCP 0A4D0001 0000 0A000064 0050 0A020202 0050 NONE        LOCAL      120';

t.test('a conn_sync line: its state, and the Expires after the Origin column', async (t) => {
  const e = parseIpvsConnLine(SYNC_A);
  t.same([e.state, e.expires, e.clientAddr, e.destAddr, e.template], ['ASSURED', 296, '10.1.1.2', '10.2.1.2', true]);
});

t.test('IPv6 conn_sync lines (%pI6, SYNC origin): state, addresses as printed, Expires', async (t) => {
  // ip_vs_conn_sync_seq_show()'s IPv6 format "%-3s %pI6 %04X %pI6 %04X %s %04X %-11s %-6s %7u", written by hand.
  const e = parseIpvsConnLine('UDP fd00:0001:0002:0000:0000:0000:0000:0000 0000 fd00:0000:0000:0000:0000:0000:0000:0100 0035 fd00:0002:0001:0000:0000:0000:0000:0002 0050 ASSURED     SYNC       297');
  t.same([e.protocol, e.state, e.expires, e.clientAddr, e.virtualPort, e.destPort, e.template], ['UDP', 'ASSURED', 297, 'fd00:0001:0002:0000:0000:0000:0000:0000', 53, 80, true]);
});

t.test('IPv6 SCTP templates: the two files compared by their printed addresses', async (t) => {
  const c = 'SCTP fd00:0001:0001:0000:0000:0000:0000:0002 0000 fd00:0000:0000:0000:0000:0000:0000:0100 0050 fd00:0002:0002:0000:0000:0000:0000:0002 0050 ';
  const v = compared(parseResults([tpl(`${c}ASSURED         290`), tpl(`${c}NONE        LOCAL      290`, true)].join('\n')));
  t.same(v, {
    templates: 1,
    compared: 1,
    differing: ['SCTP fd00:0001:0001:0000:0000:0000:0000:0002 fd00:0000:0000:0000:0000:0000:0000:0100:80 -> fd00:0002:0002:0000:0000:0000:0000:0002:80: ip_vs_conn ASSURED, ip_vs_conn_sync NONE'],
  });
});

t.test('the two files agree: every template compared, none differing', async (t) => {
  const v = compared(parseResults([tpl(CONN_A), tpl(CONN_B), tpl(SYNC_A, true), tpl(SYNC_B, true)].join('\n')));
  t.same(v, { templates: 2, compared: 2, differing: [] });
});

t.test('a template printed in another state by conn_sync is named', async (t) => {
  const v = compared(parseResults([tpl(CONN_A), tpl(CONN_B), tpl(SYNC_A.replace('ASSURED', 'NONE   '), true), tpl(SYNC_B, true)].join('\n')));
  t.same(v, { templates: 2, compared: 2, differing: ['TCP 10.1.1.2 10.0.0.100:80 -> 10.2.1.2:80: ip_vs_conn ASSURED, ip_vs_conn_sync NONE'] });
});

t.test('a template gone between the two readings is not compared; an older record has no view', async (t) => {
  t.same(compared(parseResults([tpl(CONN_A), tpl(SYNC_A, true), tpl(SYNC_B, true)].join('\n'))), { templates: 2, compared: 1, differing: [] });
  t.equal(compared(parseResults([tpl(CONN_A), tpl(CONN_B)].join('\n'))), undefined);
});
