// Pure: UDP as the harness meets it (net/netfilter/ipvs/ip_vs_proto_udp.c).
import { KEEP, TODROP, type FloodView, type ProtoModel, type ScenarioView, type SegmentFields } from './types.ts';
import { indexAt } from './common.ts';
import { inetChecksum } from '../flood/checksum.ts';
import { TODROP_IDLE_S } from '../model/defense.ts';
import { CLIENT_NETS, withPort } from '../scenario/topology.ts';
import { bindOption, ipv, localPort } from './socat.ts';
import type { Family } from '../scenario/family.ts';

// The kernel has one UDP state, IP_VS_UDP_S_NORMAL ("UDP" in /proc); the model
// numbers it 1 (0 stays NONE, as for TCP).
export const UDP_NORMAL = 1;

/** udp_timeouts[] (ip_vs_proto_udp.c), seconds: IP_VS_UDP_S_* by name. */
export const udp_timeouts = {
  NORMAL: 5 * 60,
  LAST: 2,
} as const;

/**
 * Why a UDP client's template is never ASSURED when the answers bypass the
 * director (the line as in linux 6.1.192 and 6.12.118).
 */
export const UDP_NOT_ASSURED =
  'udp_state_transition() (net/netfilter/ipvs/ip_vs_proto_udp.c:429) assures a template only on a packet in the OUTPUT direction; ' +
  "with the real servers answering the clients directly, the director sees none, so no client's template is ever ASSURED";

/**
 * Why a sync daemon's backup learns a UDP client's ASSURED template late: the
 * request's input packet syncs it before the answer assures it.
 */
export const UDP_ASSURED_AFTER_SYNC =
  'the request syncs the template as it passes (ip_vs_in_hook() -> ip_vs_sync_conn()) before the answer assures it ' +
  '(udp_state_transition() on IP_VS_DIR_OUTPUT, from handle_response(), which syncs nothing); a one-datagram client sends nothing more, ' +
  "so the backup learns the ASSURED state only when the template's timeout runs out while its connection lives (ip_vs_conn_expire(): expire_later syncs it)";

const UDP_HEADER = 8;
/** A small payload, as a client's request would be. */
const UDP_PAYLOAD = Buffer.from('ipvs-verify\n');

/** IPv6: socat's range option, the clients' networks ("fd00:1::/32" as "[fd00:1::]/32"); IPv4: none (rp_filter does it). */
const clientsOnly = (f: Family) => {
  if (f !== 'ipv6') return '';
  const [net, bits] = CLIENT_NETS.ipv6.split('/');
  return `,range=[${net}]/${bits}`;
};

/**
 * A datagram at h, its checksum from the pseudo-header's sum (IPv4's or
 * IPv6's: the caller's). Over IPv6 the checksum is mandatory (RFC 8200 8.1):
 * a computed 0 is sent as all ones there too.
 */
function writeDatagram(out: Buffer, h: number, f: SegmentFields): void {
  const length = UDP_HEADER + UDP_PAYLOAD.length;
  out.writeUInt16BE(f.sport, h);
  out.writeUInt16BE(f.dport, h + 2);
  out.writeUInt16BE(length, h + 4);
  out.writeUInt16BE(0, h + 6);
  UDP_PAYLOAD.copy(out, h + UDP_HEADER);
  // RFC 768: a computed 0 is sent as all ones (0 means "no checksum").
  out.writeUInt16BE(inetChecksum(out, h, h + length, f.pseudo) || 0xffff, h + 6);
}

/**
 * No half-open state, and entries live 300 s unless dropped: the flood is gone
 * at the first sample at which its last entry has been idle the 60 s
 * todrop_entry() asks for, from when every flood entry is the scans' to drop.
 */
const floodGone = (m: FloodView) => indexAt(m.t, m.lastFloodT + TODROP_IDLE_S);

function words(s: ScenarioView) {
  return {
    gone: "the flood's last entry became droppable (idle 60 s)",
    attack: s.service.ops ? 'a UDP flood on a one-packet-scheduled service' : 'a UDP flood',
    outlive: s.service.ops ? 'are kept: the defense takes no template without the series' : 'outlive their dropped connections (by expire_later, 60 s)',
    life: { name: 'idle', s: TODROP_IDLE_S },
  };
}

export const UDP: ProtoModel = {
  name: 'udp',
  // A spoofed datagram: udp_state_transition() gives it udp_timeouts[NORMAL]
  // (300 s); one packet in, nothing back (the real server drops it: no route).
  flood: { state: UDP_NORMAL, inPkts: 1, timeoutS: udp_timeouts.NORMAL },
  // A client's request (one datagram in: in_pkts 1, under every method) and
  // the real server's answer. udp_state_transition() gives each packet 300 s
  // and assures the template only on one in the OUTPUT direction.
  client: {
    // NAT: the answer passes the director (handle_response(), IP_VS_DIR_OUTPUT).
    both: { state: UDP_NORMAL, inPkts: 1, timeoutS: udp_timeouts.NORMAL, assures: true, assuredAfterSync: UDP_ASSURED_AFTER_SYNC },
    // DR, TUN: the answer goes from the real server to the client directly.
    'input-only': { state: UDP_NORMAL, inPkts: 1, timeoutS: udp_timeouts.NORMAL, assures: false, notAssured: UDP_NOT_ASSURED },
  },
  // A request whose answer never came back made its entry all the same.
  unansweredMakesEntry: true,
  // ip_vs_random_dropentry(): neither TCP nor SCTP, so through todrop_entry()
  // (idle 60 s, then one in in_pkts: every entry with one packet in).
  dropRule: Uint8Array.of(KEEP, TODROP),
  // No half-open state: no entry counts in the synRecv series (nor does /proc show SYN_RECV).
  embryonic: -1,
  embryonicName: '',
  timeouts: udp_timeouts,
  frame: { ipProto: 17, length: UDP_HEADER + UDP_PAYLOAD.length, write: writeDatagram },
  floodGone,
  words,
  // One-packet scheduling is UDP's; IPv4 and IPv6 alike.
  constraints: () => [],
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
    // Bound to the VIP under DR and TUN: each child answers from the listening
    // socket, so from the address the client asked (its connected socket takes no other).
    // IPv6 has no rp_filter: socat's range option refuses every datagram from
    // outside the clients' networks before it forks (checked with socat
    // 1.7.4: "refusing connection ... due to range option", no child), so the
    // flood's costs no process there either.
    // The child's program reads the request before it answers: a bare `cat id8`
    // could exit before socat wrote the request into it, and socat's write then
    // failed (EPIPE) and the child exited without relaying the answer. Under
    // 6.12 that lost most answers when clients asked at once (1 of 20 answered).
    server: (a) => ({
      argv: ['socat', `UDP${ipv(a.family)}-RECVFROM:${a.port}${bindOption(a.family, a.bind)}${clientsOnly(a.family)},fork`, `SYSTEM:read -r request; exec cat ${a.www}/id8`],
      input: '',
      daemon: false,
    }),
    // From a fresh port each time, like wget: a new connection entry. socat
    // would give up 0.5 s after its input ends (-t), before a slow guest's
    // answer: it waits up to 4 s and stops at the 8-byte answer. -d -d logs
    // the port it sent from and whether it began to send (parseClientLog).
    client: (a) => ({
      argv: ['timeout', '5', 'socat', '-d', '-d', '-t', '4', '-T', '4', '-', `UDP${ipv(a.family)}:${withPort(a.family, a.vip, a.port)},readbytes=8`],
      input: 'id\n',
    }),
    // socat -d -d's notices: the port it sent from (localPort()), and
    // "starting data transfer loop" once it began to send.
    parseClientLog: (log) => ({ sent: log.includes('starting data transfer loop'), ...localPort(log) }),
  },
};
