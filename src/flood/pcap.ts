// Pure: the flood plan as a classic pcap file (libpcap 2.4, Ethernet), for
// tcpreplay in the guest: TCP SYNs, UDP datagrams for a UDP service, SCTP
// INIT chunks for an SCTP one; over IPv4, or (TCP) over IPv6.
// Timestamps are the plan's times (packet i at i / rate).
import type { FloodPlan } from './plan.ts';
import crc32c from 'crc-32/crc32c.js';
import type { Protocol } from '../scenario/schema.ts';
import type { Ipv6 } from './addr6.ts';

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
/** TCP: a SYN without options (as hping3 sends one). */
const TCP_HEADER = 20;
/** UDP: the header and a small payload, as a client's request would be. */
const UDP_HEADER = 8;
const UDP_PAYLOAD = Buffer.from('ipvs-verify\n');
/** SCTP: the common header and one INIT chunk without parameters (RFC 9260 3.3.2). */
const SCTP_HEADER = 12;
const SCTP_INIT = 20;
/** Frame lengths by protocol. */
export const FRAME = ETH + IPV4 + TCP_HEADER;
export const UDP_FRAME = ETH + IPV4 + UDP_HEADER + UDP_PAYLOAD.length;
export const SCTP_FRAME = ETH + IPV4 + SCTP_HEADER + SCTP_INIT;
export const frameLength = (p: Protocol) => ({ tcp: FRAME, udp: UDP_FRAME, sctp: SCTP_FRAME })[p];
const TTL = 64;
const WINDOW = 64240;
const IPPROTO = { tcp: 6, udp: 17, sctp: 132 } as const;
/** An INIT's receiver window and stream counts, as Linux's own INIT offers them. */
const SCTP_RWND = 106496;
const SCTP_STREAMS = 10;

const mac = (s: string) => Buffer.from(s.split(':').map((h) => Number.parseInt(h, 16)));

/** RFC 1071: the one's-complement sum of 16-bit words, folded and inverted. */
export function inetChecksum(buf: Buffer, start: number, end: number, initial = 0): number {
  let sum = initial;
  for (let i = start; i < end; i += 2) sum += (buf[i]! << 8) | (i + 1 < end ? buf[i + 1]! : 0);
  while (sum > 0xffff) sum = (sum & 0xffff) + (sum >>> 16);
  return ~sum & 0xffff;
}

/** IPv6 over Ethernet, TCP SYNs only. */
export const FRAME6 = ETH + IPV6 + TCP_HEADER;

/** The pseudo-header's sum (RFC 793, RFC 768): source, destination, protocol, length. */
const pseudoSum = (src: number, dst: number, proto: number, len: number) => (src >>> 16) + (src & 0xffff) + (dst >>> 16) + (dst & 0xffff) + proto + len;

/**
 * An SCTP INIT at h, l4 bytes: verification tag 0 (an INIT's), initiate tag
 * and initial TSN from the plan's sequence number (the tag must not be 0), and
 * the CRC32c checksum (RFC 9260 appendix A), stored little-endian as Linux's
 * sctp_compute_cksum() does; IPVS checks it (sctp_csum_check()) on packets
 * that come without a verified checksum, as replayed ones do.
 */
function writeSctpInit(out: Buffer, h: number, l4: number, seq: number): void {
  out.writeUInt32BE(0, h + 4);
  out.writeUInt32BE(0, h + 8);
  const c = h + SCTP_HEADER;
  out[c] = 1; // INIT
  out[c + 1] = 0;
  out.writeUInt16BE(SCTP_INIT, c + 2);
  out.writeUInt32BE(seq || 1, c + 4);
  out.writeUInt32BE(SCTP_RWND, c + 8);
  out.writeUInt16BE(SCTP_STREAMS, c + 12);
  out.writeUInt16BE(SCTP_STREAMS, c + 14);
  out.writeUInt32BE(seq, c + 16);
  out.writeInt32LE(crc32c.buf(out.subarray(h, h + l4)), h + 8);
}

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

/** A TCP SYN without options at h, its checksum from the pseudo-header's sum. */
function writeSyn(out: Buffer, h: number, sport: number, dport: number, seq: number, pseudo: number): void {
  out.writeUInt16BE(sport, h);
  out.writeUInt16BE(dport, h + 2);
  out.writeUInt32BE(seq, h + 4);
  out.writeUInt32BE(0, h + 8);
  out[h + 12] = 5 << 4;
  out[h + 13] = 0x02; // SYN
  out.writeUInt16BE(WINDOW, h + 14);
  out.writeUInt16BE(0, h + 16);
  out.writeUInt16BE(0, h + 18);
  out.writeUInt16BE(inetChecksum(out, h, h + TCP_HEADER, pseudo), h + 16);
}

/** The flood's packets: one frame per planned packet, TCP SYNs, UDP datagrams or SCTP INITs. */
export function floodPcap(plan: FloodPlan, a: FrameAddressing, protocol: Protocol = 'tcp'): Buffer {
  if (plan.src6) return floodPcap6(plan, a);
  const n = plan.t.length;
  const frame = frameLength(protocol);
  const l4 = frame - ETH - IPV4;
  const out = pcapHeader(n, frame);
  const dstMac = mac(a.dstMac);
  const srcMac = mac(a.srcMac);
  for (let i = 0; i < n; i++) {
    const ip = frameHeader(out, i, frame, plan.t[i]!, dstMac, srcMac, 0x0800);
    out[ip] = 0x45;
    out[ip + 1] = 0;
    out.writeUInt16BE(IPV4 + l4, ip + 2);
    out.writeUInt16BE(plan.ipId[i]!, ip + 4);
    out.writeUInt16BE(0, ip + 6);
    out[ip + 8] = TTL;
    out[ip + 9] = IPPROTO[protocol];
    out.writeUInt32BE(plan.src[i]!, ip + 12);
    out.writeUInt32BE(a.dst, ip + 16);
    out.writeUInt16BE(inetChecksum(out, ip, ip + IPV4), ip + 10);
    const h = ip + IPV4;
    const pseudo = pseudoSum(plan.src[i]!, a.dst, IPPROTO[protocol], l4);
    if (protocol === 'tcp') {
      writeSyn(out, h, plan.sport[i]!, a.dport, plan.seq[i]!, pseudo);
      continue;
    }
    out.writeUInt16BE(plan.sport[i]!, h);
    out.writeUInt16BE(a.dport, h + 2);
    if (protocol === 'sctp') {
      writeSctpInit(out, h, l4, plan.seq[i]!);
    } else {
      out.writeUInt16BE(l4, h + 4);
      UDP_PAYLOAD.copy(out, h + UDP_HEADER);
      // RFC 768: a computed 0 is sent as all ones (0 means "no checksum").
      out.writeUInt16BE(inetChecksum(out, h, h + l4, pseudo) || 0xffff, h + 6);
    }
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
 * An IPv6 flood (the plan's src6): TCP SYNs in IPv6 packets, the plan's IP
 * identification as flow label (it has no other use there), hop limit 64.
 */
export function floodPcap6(plan: FloodPlan, a: FrameAddressing): Buffer {
  if (!plan.src6 || !a.dst6) throw new Error('an IPv6 flood needs IPv6 sources and an IPv6 service');
  const n = plan.t.length;
  const frame = FRAME6;
  const out = pcapHeader(n, frame);
  const dstMac = mac(a.dstMac);
  const srcMac = mac(a.srcMac);
  for (let i = 0; i < n; i++) {
    const ip = frameHeader(out, i, frame, plan.t[i]!, dstMac, srcMac, 0x86dd);
    out.writeUInt32BE(((6 << 28) | plan.ipId[i]!) >>> 0, ip);
    out.writeUInt16BE(TCP_HEADER, ip + 4);
    out[ip + 6] = IPPROTO.tcp;
    out[ip + 7] = TTL;
    const src = plan.src6.subarray(4 * i, 4 * i + 4);
    for (let k = 0; k < 4; k++) {
      out.writeUInt32BE(src[k]!, ip + 8 + 4 * k);
      out.writeUInt32BE(a.dst6[k]!, ip + 24 + 4 * k);
    }
    const h = ip + IPV6;
    writeSyn(out, h, plan.sport[i]!, a.dport, plan.seq[i]!, pseudoSum6(src, a.dst6, IPPROTO.tcp, TCP_HEADER));
  }
  return out;
}
