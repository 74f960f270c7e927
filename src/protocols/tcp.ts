// Pure: TCP as the harness meets it (net/netfilter/ipvs/ip_vs_proto_tcp.c).
import { DROP, KEEP, TODROP, type FloodStates, type Knobs, type ProtoModel, type SegmentFields, type StateTable } from './types.ts';
import { halfOpenGone, opsNotHere } from './common.ts';
import { inetChecksum } from '../flood/checksum.ts';
import { withPort } from '../scenario/topology.ts';

// The states the model distinguishes (ip_vs_proto_tcp.c names; 0 is NONE).
export const SYN_RECV = 1;
export const ESTABLISHED = 2;
export const TIME_WAIT = 3;
export const FIN_WAIT = 4;
/** IP_VS_TCP_S_SYNACK: only tcp_states_dos leads to it. */
export const SYNACK = 5;

/** tcp_timeouts[] (ip_vs_proto_tcp.c), seconds: IP_VS_TCP_S_* by name. */
export const tcp_timeouts = {
  NONE: 2,
  ESTABLISHED: 15 * 60,
  SYN_SENT: 2 * 60,
  SYN_RECV: 1 * 60,
  FIN_WAIT: 2 * 60,
  TIME_WAIT: 2 * 60,
  CLOSE: 10,
  CLOSE_WAIT: 60,
  LAST_ACK: 30,
  LISTEN: 2 * 60,
  SYNACK: 120,
  LAST: 2,
} as const;

/** A SYN without options, as hping3 sends one. */
const TCP_HEADER = 20;
const WINDOW = 64240;

/** A TCP SYN at h, its checksum from the pseudo-header's sum. */
function writeSyn(out: Buffer, h: number, f: SegmentFields): void {
  out.writeUInt16BE(f.sport, h);
  out.writeUInt16BE(f.dport, h + 2);
  out.writeUInt32BE(f.seq, h + 4);
  out.writeUInt32BE(0, h + 8);
  out[h + 12] = 5 << 4;
  out[h + 13] = 0x02; // SYN
  out.writeUInt16BE(WINDOW, h + 14);
  out.writeUInt16BE(0, h + 16);
  out.writeUInt16BE(0, h + 18);
  out.writeUInt16BE(inetChecksum(out, h, h + TCP_HEADER, f.pseudo), h + 16);
}

/**
 * secure_tcp (tcp_timeout_change(): tcp_states_dos). Under DR and TUN the
 * INPUT-ONLY syn row sends a spoofed SYN from NONE to SYNACK
 *   INPUT-ONLY syn: {{sSA, sES, sES, sSR, sSA, ...}}
 * for tcp_timeouts[SYNACK] (120 s), and ip_vs_random_dropentry() drops SYNACK
 * always, as SYN_RECV. Under NAT the INPUT syn row is tcp_states' (sNO -> sSR)
 * and only the real server's SYN+ACK (OUTPUT syn: sSR -> sSA) would move it,
 * which the flood's never sends past the real server (no route back): the
 * default outcome.
 */
function floodUnder(t: StateTable, k: Knobs): FloodStates | undefined {
  if (!k.secureTcp || t !== 'input-only') return undefined;
  return { flood: { state: SYNACK, inPkts: 1, timeoutS: tcp_timeouts.SYNACK }, embryonic: SYNACK, embryonicName: 'SYNACK' };
}

export const TCP: ProtoModel = {
  name: 'tcp',
  // A spoofed SYN: NONE -> SYN_RECV (set_tcp_state()), one packet in; the real
  // server's SYN+ACK never comes back through the director.
  flood: { state: SYN_RECV, inPkts: 1, timeoutS: tcp_timeouts.SYN_RECV },
  // A client's connection. wget sends the same five packets whatever the
  // method (SYN, the handshake's ACK, the request, the ACK of the answer and of
  // httpd's FIN, its own FIN): in_pkts 5, which only todrop_entry() reads and
  // neither closing state below ever meets. Either way the transition into
  // ESTABLISHED assures the template (patched: set_tcp_state() calls
  // ip_vs_control_assure_ct(), ip_vs_proto_tcp.c:537).
  client: {
    // NAT: httpd's FIN out (ES -> FIN_WAIT), the client's FIN in (-> TIME_WAIT).
    both: { state: TIME_WAIT, inPkts: 5, timeoutS: tcp_timeouts.TIME_WAIT, assures: true },
    // DR, TUN (INPUT-ONLY rows): SYN -> SYN_RECV, the ACK -> ESTABLISHED, the
    // client's FIN -> FIN_WAIT, where its last ACKs leave it (2 min, as TIME_WAIT).
    'input-only': { state: FIN_WAIT, inPkts: 5, timeoutS: tcp_timeouts.FIN_WAIT, assures: true },
    // secure_tcp's tcp_states_dos leaves both as they are. DR, TUN: its
    // INPUT-ONLY rows differ from tcp_states' only in the syn row (SYN ->
    // SYNACK, whose ack column is sES): the client's ACK still assures. NAT:
    // SYN -> SYN_RECV, httpd's SYN+ACK out -> SYNACK (OUTPUT syn, sSR -> sSA),
    // the client's ACK and request stay (INPUT ack, sSA -> sSA), httpd's first
    // answer out -> ESTABLISHED (OUTPUT ack, sSA -> sES: assures; it carries no
    // FIN, written before httpd closes), then the fin rows as tcp_states'.
  },
  unansweredMakesEntry: false,
  // ip_vs_random_dropentry(): SYN_RECV and SYNACK always, ESTABLISHED through
  // todrop_entry(), any other state (TIME_WAIT, FIN_WAIT) never.
  dropRule: Uint8Array.of(KEEP, DROP, TODROP, KEEP, KEEP, DROP),
  embryonic: SYN_RECV,
  embryonicName: 'SYN_RECV',
  timeouts: tcp_timeouts,
  frame: { ipProto: 6, length: TCP_HEADER, write: writeSyn },
  // secure_tcp changes the flood (floodUnder above). sloppy_tcp changes only
  // which packets without an entry tcp_conn_schedule() schedules (any but a
  // RST, not SYNs alone): the flood sends SYNs, and a client's later packets
  // find the entry its SYN made (wget's exchange lasts seconds, the entry
  // minutes) unless a scan dropped it in the handshake's round trip, which the
  // model does not time under any knob; sloppy then makes the client's ACK a
  // new entry (NONE -> ES, then as a whole exchange: a client that succeeds
  // leaves its own outcome) where the director would otherwise answer it with
  // a RST (the VIP is its own). So the model runs sloppy_tcp as it runs 0.
  knobs: ['secure_tcp', 'sloppy_tcp'],
  floodUnder,
  // The first sample, after the last SYN, with no half-open (SYN_RECV, or SYNACK) entry left.
  floodGone: halfOpenGone,
  words: (_s, f) => ({
    gone: 'the last flood connection',
    attack: 'a SYN flood',
    // The share of half-open entries the scans miss for their whole life (the patch mail's (31/32)^60).
    outlive: `outlive their connections (~${Math.round(100 * (31 / 32) ** (f?.flood.timeoutS ?? tcp_timeouts.SYN_RECV))}% survive)`,
    life: { name: f?.embryonicName ?? 'SYN_RECV', s: f?.flood.timeoutS ?? tcp_timeouts.SYN_RECV },
  }),
  // TCP runs over IPv4 and IPv6.
  constraints: opsNotHere,
  // The guest side: busybox's httpd and wget, so no tool to carry.
  guest: {
    ipvsFlag: '-t',
    tools: [],
    serverSysctls: [],
    // -p [IP:]PORT: bound to the VIP under DR and TUN.
    server: (a) => ({ argv: ['httpd', '-p', a.bind === undefined ? String(a.port) : withPort(a.family, a.bind, a.port), '-h', a.www], daemon: true }),
    // (wget -T crashes in Debian's busybox 1.35: bound it with timeout instead.)
    client: (a) => ({ argv: ['timeout', '5', 'wget', '-q', '-O', '-', `http://${withPort(a.family, a.vip, a.port)}/id`] }),
    // wget -q logs only its failures.
    parseClientLog: () => ({}),
  },
};
