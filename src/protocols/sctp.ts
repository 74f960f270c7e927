// Pure: SCTP as the model meets it (net/netfilter/ipvs/ip_vs_proto_sctp.c).
import { DROP, KEEP, TODROP, type ProtoModel } from './types.ts';
import { withPort } from '../scenario/topology.ts';
import { ipv } from './socat.ts';

// The states the model distinguishes (ip_vs_proto_sctp.c names; 0 is NONE).
export const INIT1 = 1;
export const ESTABLISHED = 2;
export const CLOSED = 3;

export const SCTP: ProtoModel = {
  name: 'sctp',
  // A spoofed INIT: sctp_states[INPUT][INIT][NONE] = INIT1 (set_sctp_state()),
  // sctp_timeouts[INIT1] = 4 s; the real server's INIT ACK never comes back
  // through the director (no route to the spoofed source).
  flood: { state: INIT1, inPkts: 1, timeoutS: (t) => t.sctpInit1 },
  // A client's association (socat: INIT, INIT ACK, COOKIE ECHO, COOKIE ACK,
  // the answer, the server's SHUTDOWN): COOKIE ACK out makes it ESTABLISHED,
  // which assures the template (patched: ip_vs_control_assure_ct()); the
  // shutdown leaves CLOSED (sctp_timeouts[CLOSED], IP_VS_SCTP_MAX_RTO, 61 s).
  // Its packets in (INIT, COOKIE ECHO, SACK, SHUTDOWN ACK) matter only to
  // todrop_entry(), which CLOSED never meets.
  client: { state: CLOSED, inPkts: 4, timeoutS: (t) => t.sctpClosed, assures: true },
  // ip_vs_random_dropentry(): INIT1 (and INIT) always, ESTABLISHED through
  // todrop_entry(), any other state never.
  dropRule: Uint8Array.of(KEEP, DROP, TODROP, KEEP),
  embryonic: INIT1,
  embryonicName: 'INIT1',
  guest: {
    ipvsFlag: '--sctp-service',
    tools: ['socat'],
    serverSysctls: [],
    // An association in, the server's name back, then its SHUTDOWN.
    server: (a) => ({ argv: ['socat', `SCTP${ipv(a.family)}-LISTEN:${a.port},fork,reuseaddr`, `EXEC:cat ${a.www}/id`], input: '', daemon: false }),
    // The client sends nothing and keeps its side open (shut-none: an SCTP
    // shutdown is the whole association's) until the server's SHUTDOWN.
    client: (a) => ({ argv: ['timeout', '5', 'socat', '-t', '4', '-T', '4', '-', `SCTP${ipv(a.family)}-CONNECT:${withPort(a.family, a.vip, a.port)},shut-none`], input: '' }),
    parseClientLog: () => ({}),
  },
};
