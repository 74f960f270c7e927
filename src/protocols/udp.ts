// Pure: UDP as the model meets it (net/netfilter/ipvs/ip_vs_proto_udp.c).
import { KEEP, TODROP, type ProtoModel } from './types.ts';

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
};
