// Pure: UDP as the harness meets it (net/netfilter/ipvs/ip_vs_proto_udp.c).
import { KEEP, TODROP, type FloodView, type ProtoModel, type ScenarioView, type SegmentFields } from './types.ts';
import { indexAt, ipv4Only } from './common.ts';
import { inetChecksum } from '../flood/checksum.ts';
import { TODROP_IDLE_S } from '../model/defense.ts';

// The kernel has one UDP state, IP_VS_UDP_S_NORMAL ("UDP" in /proc); the model
// numbers it 1 (0 stays NONE, as for TCP).
export const UDP_NORMAL = 1;

/** udp_timeouts[] (ip_vs_proto_udp.c), seconds: IP_VS_UDP_S_* by name. */
export const udp_timeouts = {
  NORMAL: 5 * 60,
  LAST: 2,
} as const;

const UDP_HEADER = 8;
/** A small payload, as a client's request would be. */
const UDP_PAYLOAD = Buffer.from('ipvs-verify\n');

/** A datagram at h, its checksum from the pseudo-header's sum. */
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
  // A client's request and the real server's answer: the answer
  // (IP_VS_DIR_OUTPUT) assures the template (patched: ip_vs_control_assure_ct()).
  // A request whose answer never came back made its entry all the same.
  client: { state: UDP_NORMAL, inPkts: 1, timeoutS: udp_timeouts.NORMAL, assures: true, unansweredMakesEntry: true },
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
  // One-packet scheduling is UDP's; the guest's UDP server and client are IPv4's.
  constraints: (s) => ipv4Only(s, 'udp'),
};
