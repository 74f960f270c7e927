import t from 'tap';
import { TCP, SYN_RECV, ESTABLISHED, TIME_WAIT, FIN_WAIT, SYNACK, tcp_timeouts } from '../../src/protocols/tcp.ts';
import { DROP, KEEP, TODROP } from '../../src/protocols/types.ts';

t.test('TCP as data: what a flood SYN and a client leave, and the drop rule by state', async (t) => {
  t.same({ state: TCP.flood.state, inPkts: TCP.flood.inPkts, timeout: TCP.flood.timeoutS }, { state: SYN_RECV, inPkts: 1, timeout: 60 }, 'SYN_RECV for tcp_timeouts[SYN_RECV]');
  // NAT: the client's FIN after httpd's leaves TIME_WAIT; DR/TUN (INPUT-ONLY
  // fin row, sES -> sFW) FIN_WAIT; tcp_timeouts gives both 2*60 s, and both
  // went through ESTABLISHED, so both assure; wget's 5 packets in either way.
  t.same(TCP.client.both, { state: TIME_WAIT, inPkts: 5, timeoutS: 120, assures: true });
  t.same(TCP.client['input-only'], { state: FIN_WAIT, inPkts: 5, timeoutS: 120, assures: true });
  t.equal(TCP.unansweredMakesEntry, false);
  t.equal(TCP.dropRule[FIN_WAIT], KEEP, 'FIN_WAIT never dropped (the default case)');
  t.equal(TCP.dropRule[SYN_RECV], DROP, 'ip_vs_random_dropentry(): SYN_RECV always');
  t.equal(TCP.dropRule[ESTABLISHED], TODROP, 'ESTABLISHED through todrop_entry()');
  t.equal(TCP.dropRule[TIME_WAIT], KEEP);
  t.equal(TCP.dropRule[0], KEEP, 'NONE never');
  t.equal(TCP.embryonic, SYN_RECV);
});

t.test('tcp_timeouts: the kernel table (ip_vs_proto_tcp.c, linux 6.1), seconds', async (t) => {
  // Read off tcp_timeouts[] by hand: 2*HZ, 15*60*HZ, 2*60*HZ, 1*60*HZ, 2*60*HZ, 2*60*HZ, 10*HZ, 60*HZ, 30*HZ, 2*60*HZ, 120*HZ, 2*HZ.
  t.same(tcp_timeouts, { NONE: 2, ESTABLISHED: 900, SYN_SENT: 120, SYN_RECV: 60, FIN_WAIT: 120, TIME_WAIT: 120, CLOSE: 10, CLOSE_WAIT: 60, LAST_ACK: 30, LISTEN: 120, SYNACK: 120, LAST: 2 });
  t.equal(TCP.timeouts, tcp_timeouts, "the module's table");
});

t.test('TCP frame: a 20-byte SYN, IP protocol 6, its checksum over the pseudo-header', async (t) => {
  t.same({ ipProto: TCP.frame.ipProto, length: TCP.frame.length }, { ipProto: 6, length: 20 });
  const out = Buffer.alloc(20);
  // Pseudo-header sum 0 and these fields: the words are 0x1234, 0x0050,
  // 0x0000, 0x0001 (seq), 0, 0, 0x5002 (offset 5, SYN), 0xfaf0 (window
  // 64240), 0, 0; their sum 0x1_5d77 folds to 0x5d78, complemented 0xa287.
  TCP.frame.write(out, 0, { sport: 0x1234, dport: 80, seq: 1, pseudo: 0 });
  t.equal(out.readUInt16BE(0), 0x1234);
  t.equal(out.readUInt16BE(2), 80);
  t.equal(out.readUInt32BE(4), 1);
  t.equal(out[13], 0x02, 'SYN alone');
  t.equal(out.readUInt16BE(16), 0xa287);
});

t.test('TCP in a scenario: no one-packet scheduling; IPv6 allowed', async (t) => {
  t.same(TCP.constraints({ service: {} }), []);
  t.same(TCP.constraints({ service: { family: 'ipv6' } }), [], 'the guest runs TCP over IPv6');
  t.same(TCP.constraints({ service: { ops: true } }).map((p) => p.key), ['service.ops']);
});

// secure_tcp: tcp_states_dos (ip_vs_proto_tcp.c, linux 6.1), columns
//                 sNO, sES, sSS, sSR, sFW, sTW, sCL, sCW, sLA, sLI, sSA
// INPUT  syn:   {{sSR, sES, sES, sSR, sSR, sSR, sSR, sSR, sSR, sSR, sSA }}
// INPUT  fin:   {{sCL, sCW, sSS, sTW, sTW, sTW, sCL, sCW, sLA, sLI, sSA }}
// INPUT  ack:   {{sES, sES, sSS, sSR, sFW, sTW, sCL, sCW, sCL, sLI, sSA }}
// OUTPUT syn:   {{sSS, sES, sSS, sSA, sSS, sSS, sSS, sSS, sSS, sLI, sSA }}
// OUTPUT fin:   {{sTW, sFW, sSS, sTW, sFW, sTW, sCL, sTW, sLA, sLI, sTW }}
// OUTPUT ack:   {{sES, sES, sSS, sES, sFW, sTW, sCL, sCW, sLA, sES, sES }}
// INPUT-ONLY syn: {{sSA, sES, sES, sSR, sSA, sSA, sSA, sSA, sSA, sSA, sSA }}
// INPUT-ONLY fin: {{sCL, sFW, sSS, sTW, sFW, sTW, sCL, sCW, sLA, sLI, sTW }}
// INPUT-ONLY ack: {{sES, sES, sSS, sES, sFW, sTW, sCL, sCW, sCL, sLI, sES }}
// (a FIN+ACK takes the fin row, a SYN+ACK the syn row: tcp_state_idx()).
const knobs = { secureTcp: true, sloppyTcp: false, sloppySctp: false };

t.test('secure_tcp under DR/TUN (INPUT-ONLY rows), by hand', async (t) => {
  // Flood: SYN in, sNO -> sSA; nothing else: SYNACK for tcp_timeouts[SYNACK] = 120 s.
  t.same(TCP.floodUnder!('input-only', knobs), { flood: { state: SYNACK, inPkts: 1, timeoutS: 120 }, embryonic: SYNACK, embryonicName: 'SYNACK' });
  // Client: SYN sNO -> sSA; ACK sSA -> sES (assured); request, ACKs sES -> sES; its FIN
  // sES -> sFW; its last ACK sFW -> sFW: FIN_WAIT 120 s, as tcp_states' INPUT-ONLY rows leave it.
  t.same(TCP.client['input-only'], { state: FIN_WAIT, inPkts: 5, timeoutS: 120, assures: true });
  // ip_vs_random_dropentry(): case IP_VS_TCP_S_SYNACK: break (drop).
  t.equal(TCP.dropRule[SYNACK], DROP);
  t.equal(TCP.dropRule.length, 6, 'NONE, SYN_RECV, ESTABLISHED, TIME_WAIT, FIN_WAIT, SYNACK');
  // The claims' words follow: SYNACK's 120 s, and the share the scans miss, (31/32)^120 = 2.2%.
  const w = TCP.words({ service: {} }, TCP.floodUnder!('input-only', knobs));
  t.same(w.life, { name: 'SYNACK', s: 120 });
  t.match(w.outlive, /~2% survive/);
  t.match(TCP.words({ service: {} }).outlive, /~15% survive/, 'SYN_RECV 60 s: (31/32)^60 = 14.9%');
});

t.test('secure_tcp under NAT (INPUT and OUTPUT rows), by hand', async (t) => {
  // Flood: SYN in, sNO -> sSR (60 s); httpd's SYN+ACK would take it to sSA, but
  // dies at the real server (no route to the spoofed source): as tcp_states leave it.
  t.equal(TCP.floodUnder!('both', knobs), undefined, 'the default flood: SYN_RECV 60 s');
  // Client: SYN in sNO -> sSR; SYN+ACK out sSR -> sSA; ACK and request in sSA -> sSA;
  // httpd's answer out sSA -> sES (assured); httpd's FIN out sES -> sFW; the client's
  // ACKs in sFW -> sFW, its FIN in sFW -> sTW; httpd's last ACK out sTW -> sTW: TIME_WAIT 120 s.
  t.same(TCP.client.both, { state: TIME_WAIT, inPkts: 5, timeoutS: 120, assures: true });
});

t.test('knobs TCP reads; sloppy_tcp changes no flood', async (t) => {
  t.same(TCP.knobs, ['secure_tcp', 'sloppy_tcp']);
  t.equal(TCP.floodUnder!('input-only', { ...knobs, secureTcp: false, sloppyTcp: true }), undefined);
  t.equal(TCP.floodUnder!('both', { ...knobs, secureTcp: false }), undefined);
});
