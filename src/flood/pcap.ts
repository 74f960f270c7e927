// Pure: the flood plan as a classic pcap file (libpcap 2.4, Ethernet), for
// tcpreplay in the guest: over IPv4, or over IPv6 (the plan's src6). The L4
// segment is the protocol module's (src/protocols/: a TCP SYN, a UDP datagram,
// an SCTP INIT); this file frames it in IP, Ethernet and pcap records.
// Timestamps are the plan's times (packet i at i / rate).
import type { FloodPlan } from './plan.ts';
import type { Family, Protocol } from '../scenario/schema.ts';
import type { Ipv6 } from './addr6.ts';
import type { FloodFrame } from '../protocols/types.ts';
import { PROTOCOLS } from '../protocols/index.ts';
import { inetChecksum } from './checksum.ts';

export { inetChecksum };

export interface FrameAddressing {
  /** The attacker's and the director's veth ends (vm/agent.sh sets both). */
  srcMac: string;
  dstMac: string;
  /** The virtual service. */
  dst: number;
  /** An IPv6 flood's virtual service (the plan's src6 says the flood is IPv6). */
  dst6?: Ipv6;
  dport: number;
}

const PCAP_HEADER = 24;
const RECORD_HEADER = 16;
const ETH = 14;
const IPV4 = 20;
const IPV6 = 40;
const TTL = 64;

/** A flood frame's length: Ethernet, IP and the protocol's segment. */
export const frameLength = (p: Protocol, family: Family = 'ipv4') => ETH + (family === 'ipv6' ? IPV6 : IPV4) + PROTOCOLS[p].frame.length;

const mac = (s: string) => Buffer.from(s.split(':').map((h) => Number.parseInt(h, 16)));

/** The pseudo-header's sum (RFC 793, RFC 768): source, destination, protocol, length. */
const pseudoSum = (src: number, dst: number, proto: number, len: number) => (src >>> 16) + (src & 0xffff) + (dst >>> 16) + (dst & 0xffff) + proto + len;

/** The file's header and room for n frames of one length. */
function pcapHeader(n: number, frame: number): Buffer {
  const out = Buffer.alloc(PCAP_HEADER + n * (RECORD_HEADER + frame));
  out.writeUInt32LE(0xa1b2c3d4, 0); // microsecond timestamps
  out.writeUInt16LE(2, 4);
  out.writeUInt16LE(4, 6);
  out.writeInt32LE(0, 8);
  out.writeUInt32LE(0, 12);
  out.writeUInt32LE(65535, 16);
  out.writeUInt32LE(1, 20); // LINKTYPE_ETHERNET
  return out;
}

/** Record i's header (its time t, seconds) and its frame's Ethernet header; returns where the IP packet begins. */
function frameHeader(out: Buffer, i: number, frame: number, t: number, dstMac: Buffer, srcMac: Buffer, etherType: number): number {
  const o = PCAP_HEADER + i * (RECORD_HEADER + frame);
  const us = Math.round(t * 1e6);
  out.writeUInt32LE(Math.floor(us / 1e6), o);
  out.writeUInt32LE(us % 1e6, o + 4);
  out.writeUInt32LE(frame, o + 8);
  out.writeUInt32LE(frame, o + 12);
  const e = o + RECORD_HEADER;
  dstMac.copy(out, e);
  srcMac.copy(out, e + 6);
  out.writeUInt16BE(etherType, e + 12);
  return e + ETH;
}

/** The flood's packets: one frame per planned packet, the service protocol's segment in each. */
export function floodPcap(plan: FloodPlan, a: FrameAddressing, protocol: Protocol = 'tcp'): Buffer {
  const l4 = PROTOCOLS[protocol].frame;
  return plan.src6 ? floodPcap6(plan, a, l4) : floodPcap4(plan, a, l4);
}

/** An IPv4 flood: no options, don't-fragment clear, TTL 64, the plan's IP identification. */
function floodPcap4(plan: FloodPlan, a: FrameAddressing, l4: FloodFrame): Buffer {
  const n = plan.t.length;
  const frame = ETH + IPV4 + l4.length;
  const out = pcapHeader(n, frame);
  const dstMac = mac(a.dstMac);
  const srcMac = mac(a.srcMac);
  for (let i = 0; i < n; i++) {
    const ip = frameHeader(out, i, frame, plan.t[i]!, dstMac, srcMac, 0x0800);
    out[ip] = 0x45;
    out[ip + 1] = 0;
    out.writeUInt16BE(IPV4 + l4.length, ip + 2);
    out.writeUInt16BE(plan.ipId[i]!, ip + 4);
    out.writeUInt16BE(0, ip + 6);
    out[ip + 8] = TTL;
    out[ip + 9] = l4.ipProto;
    out.writeUInt32BE(plan.src[i]!, ip + 12);
    out.writeUInt32BE(a.dst, ip + 16);
    out.writeUInt16BE(inetChecksum(out, ip, ip + IPV4), ip + 10);
    const pseudo = pseudoSum(plan.src[i]!, a.dst, l4.ipProto, l4.length);
    l4.write(out, ip + IPV4, { sport: plan.sport[i]!, dport: a.dport, seq: plan.seq[i]!, pseudo });
  }
  return out;
}

/** The pseudo-header's sum over IPv6 (RFC 8200 8.1): source, destination, upper-layer length, next header. */
const pseudoSum6 = (src: ArrayLike<number>, dst: ArrayLike<number>, proto: number, len: number) => {
  let sum = proto + len;
  for (let i = 0; i < 4; i++) sum += (src[i]! >>> 16) + (src[i]! & 0xffff) + (dst[i]! >>> 16) + (dst[i]! & 0xffff);
  return sum;
};

/**
 * An IPv6 flood (the plan's src6): the plan's IP identification as flow label
 * (it has no other use there), hop limit 64.
 */
function floodPcap6(plan: FloodPlan, a: FrameAddressing, l4: FloodFrame): Buffer {
  if (!plan.src6 || !a.dst6) throw new Error('an IPv6 flood needs IPv6 sources and an IPv6 service');
  const n = plan.t.length;
  const frame = ETH + IPV6 + l4.length;
  const out = pcapHeader(n, frame);
  const dstMac = mac(a.dstMac);
  const srcMac = mac(a.srcMac);
  for (let i = 0; i < n; i++) {
    const ip = frameHeader(out, i, frame, plan.t[i]!, dstMac, srcMac, 0x86dd);
    out.writeUInt32BE(((6 << 28) | plan.ipId[i]!) >>> 0, ip);
    out.writeUInt16BE(l4.length, ip + 4);
    out[ip + 6] = l4.ipProto;
    out[ip + 7] = TTL;
    const src = plan.src6.subarray(4 * i, 4 * i + 4);
    for (let k = 0; k < 4; k++) {
      out.writeUInt32BE(src[k]!, ip + 8 + 4 * k);
      out.writeUInt32BE(a.dst6[k]!, ip + 24 + 4 * k);
    }
    const pseudo = pseudoSum6(src, a.dst6, l4.ipProto, l4.length);
    l4.write(out, ip + IPV6, { sport: plan.sport[i]!, dport: a.dport, seq: plan.seq[i]!, pseudo });
  }
  return out;
}
