// Pure: TCP as the harness meets it (net/netfilter/ipvs/ip_vs_proto_tcp.c).
import { DROP, KEEP, TODROP, type ProtoModel, type SegmentFields } from './types.ts';
import { halfOpenGone, opsNotHere } from './common.ts';
import { inetChecksum } from '../flood/checksum.ts';
import { withPort } from '../scenario/topology.ts';

// The states the model distinguishes (ip_vs_proto_tcp.c names; 0 is NONE).
export const SYN_RECV = 1;
export const ESTABLISHED = 2;
export const TIME_WAIT = 3;
export const FIN_WAIT = 4;

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
  },
  unansweredMakesEntry: false,
  // ip_vs_random_dropentry(): SYN_RECV (and SYNACK) always, ESTABLISHED through
  // todrop_entry(), any other state (TIME_WAIT, FIN_WAIT) never.
  dropRule: Uint8Array.of(KEEP, DROP, TODROP, KEEP, KEEP),
  embryonic: SYN_RECV,
  embryonicName: 'SYN_RECV',
  timeouts: tcp_timeouts,
  frame: { ipProto: 6, length: TCP_HEADER, write: writeSyn },
  // The first sample, after the last SYN, with no SYN_RECV entry left.
  floodGone: halfOpenGone,
  words: () => ({
    gone: 'the last flood connection',
    attack: 'a SYN flood',
    outlive: 'outlive their connections (~15% survive)',
    life: { name: 'SYN_RECV', s: tcp_timeouts.SYN_RECV },
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
