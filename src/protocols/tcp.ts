// Pure: TCP as the model meets it (net/netfilter/ipvs/ip_vs_proto_tcp.c).
import { DROP, KEEP, TODROP, type ProtoModel } from './types.ts';
import { withPort } from '../scenario/topology.ts';

// The states the model distinguishes (ip_vs_proto_tcp.c names; 0 is NONE).
export const SYN_RECV = 1;
export const ESTABLISHED = 2;
export const TIME_WAIT = 3;

export const TCP: ProtoModel = {
  name: 'tcp',
  // A spoofed SYN: NONE -> SYN_RECV (set_tcp_state()), one packet in; the real
  // server's SYN+ACK never comes back through the director.
  flood: { state: SYN_RECV, inPkts: 1, timeoutS: (t) => t.synRecv },
  // A client's connection (wget: SYN, ACK, request, FIN...): ESTABLISHED
  // assures the template (patched: ip_vs_control_assure_ct()), the close
  // leaves TIME_WAIT.
  client: { state: TIME_WAIT, inPkts: 5, timeoutS: (t) => t.timeWait, assures: true },
  // ip_vs_random_dropentry(): SYN_RECV (and SYNACK) always, ESTABLISHED through
  // todrop_entry(), any other state never.
  dropRule: Uint8Array.of(KEEP, DROP, TODROP, KEEP),
  embryonic: SYN_RECV,
  embryonicName: 'SYN_RECV',
  // The guest side: busybox's httpd and wget, so no tool to carry.
  guest: {
    ipvsFlag: '-t',
    tools: [],
    serverSysctls: [],
    server: (a) => ({ argv: ['httpd', '-p', String(a.port), '-h', a.www], daemon: true }),
    // (wget -T crashes in Debian's busybox 1.35: bound it with timeout instead.)
    client: (a) => ({ argv: ['timeout', '5', 'wget', '-q', '-O', '-', `http://${withPort(a.family, a.vip, a.port)}/id`] }),
    // wget -q logs only its failures.
    parseClientLog: () => ({}),
  },
};
