// Pure: the flood plan as a classic pcap file (libpcap 2.4, Ethernet) of TCP
// SYNs, for tcpreplay in the guest. Timestamps are the plan's times, so
// tcpreplay (at its default multiplier of 1) sends packet i at i / rate.
import type { FloodPlan } from './plan.ts';

export interface FrameAddressing {
  /** The attacker's and the director's veth ends (vm/agent.sh sets both). */
  srcMac: string;
  dstMac: string;
  /** The virtual service. */
  dst: number;
  dport: number;
}

const PCAP_HEADER = 24;
const RECORD_HEADER = 16;
/** Ethernet 14 + IPv4 20 + TCP 20, no options (as hping3 sends a SYN). */
export const FRAME = 54;
const TTL = 64;
const WINDOW = 64240;

const mac = (s: string) => Buffer.from(s.split(':').map((h) => Number.parseInt(h, 16)));

/** RFC 1071: the one's-complement sum of 16-bit words, folded and inverted. */
export function inetChecksum(buf: Buffer, start: number, end: number, initial = 0): number {
  let sum = initial;
  for (let i = start; i < end; i += 2) sum += (buf[i]! << 8) | (i + 1 < end ? buf[i + 1]! : 0);
  while (sum > 0xffff) sum = (sum & 0xffff) + (sum >>> 16);
  return ~sum & 0xffff;
}

export function synPcap(plan: FloodPlan, a: FrameAddressing): Buffer {
  const n = plan.t.length;
  const out = Buffer.alloc(PCAP_HEADER + n * (RECORD_HEADER + FRAME));
  out.writeUInt32LE(0xa1b2c3d4, 0); // microsecond timestamps
  out.writeUInt16LE(2, 4);
  out.writeUInt16LE(4, 6);
  out.writeInt32LE(0, 8);
  out.writeUInt32LE(0, 12);
  out.writeUInt32LE(65535, 16);
  out.writeUInt32LE(1, 20); // LINKTYPE_ETHERNET
  const dstMac = mac(a.dstMac);
  const srcMac = mac(a.srcMac);
  for (let i = 0; i < n; i++) {
    let o = PCAP_HEADER + i * (RECORD_HEADER + FRAME);
    const us = Math.round(plan.t[i]! * 1e6);
    out.writeUInt32LE(Math.floor(us / 1e6), o);
    out.writeUInt32LE(us % 1e6, o + 4);
    out.writeUInt32LE(FRAME, o + 8);
    out.writeUInt32LE(FRAME, o + 12);
    o += RECORD_HEADER;
    dstMac.copy(out, o);
    srcMac.copy(out, o + 6);
    out.writeUInt16BE(0x0800, o + 12);
    const ip = o + 14;
    out[ip] = 0x45;
    out[ip + 1] = 0;
    out.writeUInt16BE(40, ip + 2);
    out.writeUInt16BE(plan.ipId[i]!, ip + 4);
    out.writeUInt16BE(0, ip + 6);
    out[ip + 8] = TTL;
    out[ip + 9] = 6;
    out.writeUInt32BE(plan.src[i]!, ip + 12);
    out.writeUInt32BE(a.dst, ip + 16);
    out.writeUInt16BE(inetChecksum(out, ip, ip + 20), ip + 10);
    const tcp = ip + 20;
    out.writeUInt16BE(plan.sport[i]!, tcp);
    out.writeUInt16BE(a.dport, tcp + 2);
    out.writeUInt32BE(plan.seq[i]!, tcp + 4);
    out.writeUInt32BE(0, tcp + 8);
    out[tcp + 12] = 5 << 4;
    out[tcp + 13] = 0x02; // SYN
    out.writeUInt16BE(WINDOW, tcp + 14);
    // Pseudo-header: source, destination, protocol, TCP length.
    const pseudo = (plan.src[i]! >>> 16) + (plan.src[i]! & 0xffff) + (a.dst >>> 16) + (a.dst & 0xffff) + 6 + 20;
    out.writeUInt16BE(inetChecksum(out, tcp, tcp + 20, pseudo), tcp + 16);
  }
  return out;
}
