// Pure: SCTP as the harness meets it (net/netfilter/ipvs/ip_vs_proto_sctp.c).
import crc32c from 'crc-32/crc32c.js';
import { DROP, KEEP, TODROP, type ProtoModel, type SegmentFields } from './types.ts';
import { halfOpenGone, opsNotHere } from './common.ts';
import { withPort } from '../scenario/topology.ts';
import { bindOption, ipv, localPort } from './socat.ts';

// The states the model distinguishes (ip_vs_proto_sctp.c names; 0 is NONE).
export const INIT1 = 1;
export const ESTABLISHED = 2;
export const CLOSED = 3;

/** IP_VS_SCTP_MAX_RTO: (60 + 1)*HZ, seconds. */
const MAX_RTO = 60 + 1;
/** sctp_timeouts[] (ip_vs_proto_sctp.c), seconds: IP_VS_SCTP_S_* by name. */
export const sctp_timeouts = {
  NONE: 2,
  INIT1: 0 + 3 + 1,
  INIT: MAX_RTO,
  COOKIE_SENT: MAX_RTO,
  COOKIE_REPLIED: MAX_RTO,
  COOKIE_WAIT: MAX_RTO,
  COOKIE: MAX_RTO,
  COOKIE_ECHOED: MAX_RTO,
  ESTABLISHED: 15 * 60,
  SHUTDOWN_SENT: MAX_RTO,
  SHUTDOWN_RECEIVED: MAX_RTO,
  SHUTDOWN_ACK_SENT: MAX_RTO,
  REJECTED: 0 + 3 + 1,
  CLOSED: MAX_RTO,
  LAST: 2,
} as const;

/** The common header and one INIT chunk without parameters (RFC 9260 3.3.2). */
const SCTP_HEADER = 12;
const SCTP_INIT = 20;
/** An INIT's receiver window and stream counts, as Linux's own INIT offers them. */
const SCTP_RWND = 106496;
const SCTP_STREAMS = 10;

/**
 * An SCTP INIT at h: verification tag 0 (an INIT's), initiate tag and initial
 * TSN from the plan's sequence number (the tag must not be 0), and the CRC32c
 * checksum (RFC 9260 appendix A), stored little-endian as Linux's
 * sctp_compute_cksum() does; IPVS checks it (sctp_csum_check()) on packets
 * that come without a verified checksum, as replayed ones do. The CRC covers
 * the SCTP packet alone (RFC 9260 6.8: no pseudo-header), so over IPv6 the
 * segment is byte for byte the IPv4 one: f.pseudo is not read.
 */
function writeInit(out: Buffer, h: number, f: SegmentFields): void {
  out.writeUInt16BE(f.sport, h);
  out.writeUInt16BE(f.dport, h + 2);
  out.writeUInt32BE(0, h + 4);
  out.writeUInt32BE(0, h + 8);
  const c = h + SCTP_HEADER;
  out[c] = 1; // INIT
  out[c + 1] = 0;
  out.writeUInt16BE(SCTP_INIT, c + 2);
  out.writeUInt32BE(f.seq || 1, c + 4);
  out.writeUInt32BE(SCTP_RWND, c + 8);
  out.writeUInt16BE(SCTP_STREAMS, c + 12);
  out.writeUInt16BE(SCTP_STREAMS, c + 14);
  out.writeUInt32BE(f.seq, c + 16);
  out.writeInt32LE(crc32c.buf(out.subarray(h, h + SCTP_HEADER + SCTP_INIT)), h + 8);
}

export const SCTP: ProtoModel = {
  name: 'sctp',
  // A spoofed INIT: sctp_states[INPUT][INIT][NONE] = INIT1 (set_sctp_state()),
  // sctp_timeouts[INIT1] = 4 s; the real server's INIT ACK never comes back
  // through the director (no route to the spoofed source).
  flood: { state: INIT1, inPkts: 1, timeoutS: sctp_timeouts.INIT1 },
  // A client's association (socat: INIT, INIT ACK, COOKIE ECHO, COOKIE ACK,
  // the answer, the server's SHUTDOWN). The client sends the same four packets
  // whatever the method (INIT, COOKIE ECHO, the SACK of the answer, SHUTDOWN
  // ACK): in_pkts 4, which only todrop_entry() reads and CLOSED never meets.
  // Entering ESTABLISHED assures the template (patched: set_sctp_state() calls
  // ip_vs_control_assure_ct(), ip_vs_proto_sctp.c:456); the client's SHUTDOWN
  // ACK leaves CLOSED (sctp_timeouts[CLOSED], IP_VS_SCTP_MAX_RTO, 61 s).
  client: {
    // NAT: the server's COOKIE ACK out makes it ESTABLISHED, its SHUTDOWN out
    // SHUTDOWN_SENT, the client's SHUTDOWN ACK in CLOSED.
    both: { state: CLOSED, inPkts: 4, timeoutS: sctp_timeouts.CLOSED, assures: true },
    // DR, TUN (INPUT-ONLY rows): INIT -> INIT1, COOKIE ECHO -> ESTABLISHED,
    // the SACK stays, SHUTDOWN ACK -> CLOSED.
    'input-only': { state: CLOSED, inPkts: 4, timeoutS: sctp_timeouts.CLOSED, assures: true },
  },
  unansweredMakesEntry: false,
  // sloppy_sctp lets sctp_conn_schedule() schedule a first chunk other than
  // INIT (and ABORT): the flood sends INITs, and a client's later chunks find
  // the entry its INIT made, unless a scan dropped it (INIT1) in the
  // handshake's round trip, which the model does not time under any knob;
  // there sloppy makes the COOKIE ECHO a new entry that reaches ESTABLISHED,
  // the client's own outcome. So the model runs it as 0 (as TCP's sloppy_tcp).
  knobs: ['sloppy_sctp'],
  // ip_vs_random_dropentry(): INIT1 (and INIT) always, ESTABLISHED through
  // todrop_entry(), any other state never.
  dropRule: Uint8Array.of(KEEP, DROP, TODROP, KEEP),
  embryonic: INIT1,
  embryonicName: 'INIT1',
  timeouts: sctp_timeouts,
  frame: { ipProto: 132, length: SCTP_HEADER + SCTP_INIT, write: writeInit },
  // As TCP's, the half-open state INIT1 (4 s).
  floodGone: halfOpenGone,
  words: () => ({
    gone: `the last flood connection (INIT1, ${sctp_timeouts.INIT1} s)`,
    attack: 'an SCTP INIT flood',
    outlive: 'outlive their connections (kept for the persistence timeout)',
    life: { name: 'INIT1', s: sctp_timeouts.INIT1 },
  }),
  // No one-packet scheduling; IPv4 and IPv6 alike.
  constraints: opsNotHere,
  guest: {
    ipvsFlag: '--sctp-service',
    tools: ['socat'],
    serverSysctls: [],
    // An association in, the server's name back, then its SHUTDOWN. Bound to
    // the VIP under DR and TUN: bound to every address, its INIT ACK would
    // list them all (sctp_bind_addrs_to_raw()), the RIP among them.
    // A deep accept queue: socat's default backlog (5) is full when many
    // clients ask at once under TCG, and sctp_sf_do_5_1D_ce() then ABORTs a
    // COOKIE-ECHO (sk_acceptq_is_full()): the client fails, yet its INIT made an
    // entry the model, which takes only answered SCTP clients, does not have.
    server: (a) => ({ argv: ['socat', `SCTP${ipv(a.family)}-LISTEN:${a.port}${bindOption(a.family, a.bind)},fork,reuseaddr,backlog=128`, `EXEC:cat ${a.www}/id`], input: '', daemon: false }),
    // The client sends nothing and keeps its side open (shut-none: an SCTP
    // shutdown is the whole association's) until the server's SHUTDOWN.
    // -d -d logs the port the kernel picked, at random (sctp_get_port_local()):
    // a client's port can repeat while its earlier entry lives, and that
    // association then makes no entry (SimState.reuse()).
    client: (a) => ({ argv: ['timeout', '5', 'socat', '-d', '-d', '-t', '4', '-T', '4', '-', `SCTP${ipv(a.family)}-CONNECT:${withPort(a.family, a.vip, a.port)},shut-none`], input: '' }),
    parseClientLog: localPort,
  },
};
