// Pure: UDP as the model meets it (net/netfilter/ipvs/ip_vs_proto_udp.c).
import { KEEP, TODROP, type ProtoModel } from './types.ts';
import { withPort } from '../scenario/topology.ts';
import { ipv } from './socat.ts';

// The kernel has one UDP state, IP_VS_UDP_S_NORMAL ("UDP" in /proc); the model
// numbers it 1 (0 stays NONE, as for TCP).
export const UDP_NORMAL = 1;

export const UDP: ProtoModel = {
  name: 'udp',
  // A spoofed datagram: udp_state_transition() gives it udp_timeouts[NORMAL]
  // (300 s); one packet in, nothing back (the real server drops it: no route).
  flood: { state: UDP_NORMAL, inPkts: 1, timeoutS: (t) => t.udp },
  // A client's request and the real server's answer: the answer
  // (IP_VS_DIR_OUTPUT) assures the template (patched: ip_vs_control_assure_ct()).
  client: { state: UDP_NORMAL, inPkts: 1, timeoutS: (t) => t.udp, assures: true },
  // ip_vs_random_dropentry(): neither TCP nor SCTP, so through todrop_entry()
  // (idle 60 s, then one in in_pkts: every entry with one packet in).
  dropRule: Uint8Array.of(KEEP, TODROP),
  // No half-open state: no entry counts in the synRecv series (nor does /proc show SYN_RECV).
  embryonic: -1,
  embryonicName: '',
  guest: {
    ipvsFlag: '-u',
    tools: ['socat'],
    // Strict reverse-path filtering drops the flood's spoofed datagrams at the
    // real server's door (no route back to them, see the forwarding method's
    // routes), as the TCP flood's SYN+ACKs die there: nothing is answered and
    // no socat child forked for them; the clients' networks pass.
    serverSysctls: [{ key: 'net.ipv4.conf.all.rp_filter', value: 1 }],
    // A datagram in, the server's name back (one socat child a datagram); the
    // answer has a fixed size (8 bytes, id8) so the client can stop at it.
    server: (a) => ({ argv: ['socat', `UDP${ipv(a.family)}-RECVFROM:${a.port},fork`, `EXEC:cat ${a.www}/id8`], input: '', daemon: false }),
    // From a fresh port each time, like wget: a new connection entry. socat
    // would give up 0.5 s after its input ends (-t), before a slow guest's
    // answer: it waits up to 4 s and stops at the 8-byte answer. -d -d logs
    // the port it sent from and whether it began to send (parseClientLog).
    client: (a) => ({
      argv: ['timeout', '5', 'socat', '-d', '-d', '-t', '4', '-T', '4', '-', `UDP${ipv(a.family)}:${withPort(a.family, a.vip, a.port)},readbytes=8`],
      input: 'id\n',
    }),
    // socat -d -d's notices: "successfully connected from local address AF=2
    // 10.1.1.2:40000" (AF=10 [fd00:...]:40000 over IPv6), and "starting data
    // transfer loop" once it began to send.
    parseClientLog: (log) => {
      const m = /successfully connected from local address AF=\d+ (?:[0-9.]+|\[[0-9a-fA-F:]+\]):(\d+)/.exec(log);
      return { sent: log.includes('starting data transfer loop'), ...(m ? { port: Number(m[1]) } : {}) };
    },
  },
};
