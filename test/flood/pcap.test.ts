// The flood's pcap file: byte layout and checksums, read back by a parser here
// and by tcpdump (installed by scripts/install-deps.sh).
import t from 'tap';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { execa } from 'execa';
import { floodPlan } from '../../src/flood/plan.ts';
import { floodPcap, frameLength } from '../../src/flood/pcap.ts';
import { inetChecksum } from '../../src/flood/checksum.ts';

const FRAME = frameLength('tcp');
const UDP_FRAME = frameLength('udp');
const SCTP_FRAME = frameLength('sctp');
const FRAME6 = frameLength('tcp', 'ipv6');
import { parseIpv6, formatIpv6Full } from '../../src/flood/addr6.ts';
import { parseIpv4, formatIpv4 } from '../../src/flood/addr.ts';

const addressing = { srcMac: '02:00:0a:00:03:02', dstMac: '02:00:0a:00:03:01', dst: parseIpv4('10.0.0.100')!, dport: 80 };

/** A reader written from the pcap and RFC 791/793 layouts, independent of the writer. */
function readPcap(buf: Buffer) {
  t.equal(buf.readUInt32LE(0), 0xa1b2c3d4, 'pcap magic (microseconds)');
  t.equal(buf.readUInt32LE(20), 1, 'Ethernet link type');
  const out: { ts: number; src: string; dst: string; sport: number; dport: number; flags: number; ipOk: boolean; tcpOk: boolean; dstMac: string; type: number }[] = [];
  for (let o = 24; o < buf.length; ) {
    const ts = buf.readUInt32LE(o) + buf.readUInt32LE(o + 4) / 1e6;
    const len = buf.readUInt32LE(o + 8);
    const f = buf.subarray(o + 16, o + 16 + len);
    const ip = f.subarray(14, 34);
    const tcp = f.subarray(34, 54);
    const pseudo = Buffer.concat([ip.subarray(12, 20), Buffer.from([0, 6, 0, 20])]);
    out.push({
      ts,
      dstMac: [...f.subarray(0, 6)].map((b) => b.toString(16).padStart(2, '0')).join(':'),
      type: f.readUInt16BE(12),
      src: formatIpv4(ip.readUInt32BE(12)),
      dst: formatIpv4(ip.readUInt32BE(16)),
      sport: tcp.readUInt16BE(0),
      dport: tcp.readUInt16BE(2),
      flags: tcp[13]!,
      // A correct checksum sums (with itself included) to zero.
      ipOk: inetChecksum(ip, 0, 20) === 0,
      tcpOk: inetChecksum(Buffer.concat([pseudo, tcp]), 0, 32) === 0,
    });
    o += 16 + len;
  }
  return out;
}

t.test('SYN frames: layout, addresses, timing, checksums', async (t) => {
  const plan = floodPlan({ rate: 200, count: 500, seed: 7, sources: 'uniform' });
  const buf = floodPcap(plan, addressing);
  t.equal(buf.length, 24 + 500 * (16 + FRAME));
  const frames = readPcap(buf);
  t.equal(frames.length, 500);
  t.ok(frames.every((f) => f.ipOk), 'IPv4 header checksums');
  t.ok(frames.every((f) => f.tcpOk), 'TCP checksums (with the pseudo-header)');
  t.ok(frames.every((f) => f.flags === 0x02 && f.dport === 80 && f.dst === '10.0.0.100' && f.type === 0x0800));
  t.ok(frames.every((f) => f.dstMac === '02:00:0a:00:03:01'), "to the director's veth");
  t.equal(frames[0]!.ts, 0);
  t.equal(frames[200]!.ts, 1, 'packet i at i / rate');
  t.same(frames.slice(0, 5).map((f) => f.src), Array.from(plan.src.slice(0, 5), formatIpv4), 'sources as planned, in order');
});

t.test('tcpdump reads the file as TCP SYNs with good checksums', async (t) => {
  const dir = t.testdir({});
  const file = join(dir, 'flood.pcap');
  const plan = floodPlan({ rate: 100, count: 20, seed: 3, sources: { pool: 4 } });
  writeFileSync(file, floodPcap(plan, addressing));
  const r = await execa('tcpdump', ['-r', file, '-n', '-v', '-e'], { reject: false, all: true });
  t.equal(r.exitCode, 0, r.all);
  const lines = r.stdout.split('\n').filter((l) => /Flags \[S\]/.test(l));
  t.equal(lines.length, 20, r.stdout.slice(0, 2000));
  t.notMatch(r.stdout, /incorrect|bad cksum/, 'tcpdump -v checks both checksums');
  t.match(r.stdout, /> 10\.0\.0\.100\.80: Flags \[S\], cksum 0x[0-9a-f]+ \(correct\)/);
});

t.test('UDP datagrams: layout, length, checksums (RFC 768), and tcpdump reads them as such', async (t) => {
  const plan = floodPlan({ rate: 100, count: 50, seed: 9, sources: 'uniform' });
  const buf = floodPcap(plan, { ...addressing, dport: 8053 }, 'udp');
  t.equal(UDP_FRAME, 14 + 20 + 8 + 12);
  t.equal(buf.length, 24 + 50 * (16 + UDP_FRAME));
  for (let i = 0, o = 24 + 16; i < 50; i++, o += 16 + UDP_FRAME) {
    const ip = buf.subarray(o + 14, o + 34);
    const udp = buf.subarray(o + 34, o + UDP_FRAME);
    t.equal(ip[9], 17, 'protocol UDP');
    t.equal(ip.readUInt16BE(2), 40, 'IP total length');
    t.equal(inetChecksum(ip, 0, 20), 0, 'IPv4 header checksum');
    t.equal(udp.readUInt16BE(0), plan.sport[i], 'source port as planned');
    t.equal(udp.readUInt16BE(2), 8053);
    t.equal(udp.readUInt16BE(4), 20, 'UDP length: header and payload');
    const pseudo = Buffer.concat([ip.subarray(12, 20), Buffer.from([0, 17, 0, 20])]);
    t.equal(inetChecksum(Buffer.concat([pseudo, udp]), 0, 32), 0, 'UDP checksum with the pseudo-header');
    if (i > 2) break;
  }
  const dir = t.testdir({});
  const file = join(dir, 'flood.pcap');
  writeFileSync(file, buf);
  // (-vv: tcpdump checks a UDP checksum only at that verbosity.)
  const r = await execa('tcpdump', ['-r', file, '-n', '-vv'], { reject: false, all: true });
  t.equal(r.exitCode, 0, r.all);
  t.equal(r.stdout.split('\n').filter((l) => /> 10\.0\.0\.100\.8053: \[udp sum ok\] UDP, length 12/.test(l)).length, 50, r.stdout.slice(0, 1500));
});

/** CRC32c, bit by bit (RFC 9260 appendix A's polynomial, reflected): an oracle independent of the writer's table-driven library. */
function crc32cBitwise(buf: Buffer): number {
  let crc = 0xffffffff;
  for (const byte of buf) {
    crc ^= byte;
    for (let k = 0; k < 8; k++) crc = crc & 1 ? (crc >>> 1) ^ 0x82f63b78 : crc >>> 1;
  }
  return (crc ^ 0xffffffff) >>> 0;
}

t.test('SCTP INITs: layout, a non-zero initiate tag, the CRC32c checksum little-endian, and tcpdump reads an INIT', async (t) => {
  t.equal(crc32cBitwise(Buffer.from('123456789')), 0xe3069283, 'the oracle: the standard check value');
  const plan = floodPlan({ rate: 100, count: 20, seed: 4, sources: 'uniform' });
  const buf = floodPcap(plan, { ...addressing, dport: 80 }, 'sctp');
  t.equal(SCTP_FRAME, 14 + 20 + 12 + 20);
  t.equal(buf.length, 24 + 20 * (16 + SCTP_FRAME));
  for (let i = 0, o = 24 + 16; i < 20; i++, o += 16 + SCTP_FRAME) {
    const ip = buf.subarray(o + 14, o + 34);
    const sctp = Buffer.from(buf.subarray(o + 34, o + SCTP_FRAME));
    t.equal(ip[9], 132, 'protocol SCTP');
    t.equal(ip.readUInt16BE(2), 52, 'IP total length');
    t.equal(inetChecksum(ip, 0, 20), 0, 'IPv4 header checksum');
    t.equal(sctp.readUInt16BE(0), plan.sport[i], 'source port as planned');
    t.equal(sctp.readUInt16BE(2), 80);
    t.equal(sctp.readUInt32BE(4), 0, "an INIT's verification tag is 0");
    t.same([sctp[12], sctp[13], sctp.readUInt16BE(14)], [1, 0, 20], 'one INIT chunk, 20 bytes');
    t.not(sctp.readUInt32BE(16), 0, 'initiate tag not 0');
    const stored = sctp.readUInt32LE(8);
    sctp.writeUInt32LE(0, 8);
    t.equal(stored, crc32cBitwise(sctp), 'CRC32c over the packet with its checksum field 0');
  }
  const dir = t.testdir({});
  const file = join(dir, 'flood.pcap');
  writeFileSync(file, buf);
  const r = await execa('tcpdump', ['-r', file, '-n', '-v'], { reject: false, all: true });
  t.equal(r.exitCode, 0, r.all);
  t.equal(r.stdout.split('\n').filter((l) => /\[INIT\] \[init tag: \d+\] \[rwnd: 106496\] \[OS: 10\] \[MIS: 10\]/.test(l)).length, 20, r.stdout.slice(0, 1500));
});

t.test('IPv6 SYNs: layout, flow label, the TCP checksum over the IPv6 pseudo-header, and tcpdump agrees', async (t) => {
  const plan = floodPlan({ rate: 100, count: 20, seed: 6, sources: 'uniform', family: 'ipv6' });
  const dst6 = parseIpv6('fd00::100')!;
  const buf = floodPcap(plan, { ...addressing, dst6 });
  t.equal(FRAME6, 14 + 40 + 20);
  t.equal(buf.length, 24 + 20 * (16 + FRAME6));
  for (let i = 0, o = 24 + 16; i < 20; i++, o += 16 + FRAME6) {
    t.equal(buf.readUInt16BE(o + 12), 0x86dd, 'EtherType IPv6');
    const ip = buf.subarray(o + 14, o + 54);
    const tcp = buf.subarray(o + 54, o + FRAME6);
    t.equal(ip.readUInt32BE(0) >>> 28, 6, 'version 6');
    t.equal(ip.readUInt32BE(0) & 0xfffff, plan.ipId[i], 'flow label: the plan’s identification');
    t.same([ip.readUInt16BE(4), ip[6], ip[7]], [20, 6, 64], 'payload 20, next header TCP, hop limit 64');
    t.equal(formatIpv6Full([0, 1, 2, 3].map((k) => ip.readUInt32BE(8 + 4 * k))), formatIpv6Full(plan.src6!.subarray(4 * i, 4 * i + 4)), 'source as planned');
    t.equal(ip.readUInt32BE(8) >>> 29, 1, 'in 2000::/3');
    t.equal(formatIpv6Full([0, 1, 2, 3].map((k) => ip.readUInt32BE(24 + 4 * k))), 'fd00:0000:0000:0000:0000:0000:0000:0100');
    t.equal(tcp[13], 0x02, 'SYN');
    // RFC 8200 8.1: source, destination, upper-layer length (32 bits), zeros and next header.
    const pseudo = Buffer.concat([ip.subarray(8, 40), Buffer.from([0, 0, 0, 20, 0, 0, 0, 6])]);
    t.equal(inetChecksum(Buffer.concat([pseudo, tcp]), 0, 60), 0, 'TCP checksum with the IPv6 pseudo-header');
  }
  const dir = t.testdir({});
  const file = join(dir, 'flood.pcap');
  writeFileSync(file, buf);
  const r = await execa('tcpdump', ['-r', file, '-n', '-vv'], { reject: false, all: true });
  t.equal(r.exitCode, 0, r.all);
  t.equal(r.stdout.split('\n').filter((l) => /> fd00::100\.80: Flags \[S\], cksum 0x[0-9a-f]+ \(correct\)/.test(l)).length, 20, r.stdout.slice(0, 1500));
});

/** One packet's plan, written by hand (the fields a hand-derived checksum needs fixed). */
const onePacket6 = (src: string, sport: number, seq: number) => ({
  t: Float64Array.of(0),
  src: Uint32Array.of(0),
  src6: Uint32Array.from(parseIpv6(src)!),
  sport: Uint16Array.of(sport),
  seq: Uint32Array.of(seq),
  ipId: Uint16Array.of(0xabc),
});

t.test('IPv6 UDP: a checksum over the IPv6 pseudo-header (RFC 8200 8.1), derived by hand for one datagram', async (t) => {
  const buf = floodPcap(onePacket6('2001:db8::1', 1024, 0), { ...addressing, dport: 53, dst6: parseIpv6('fd00::100')! }, 'udp');
  const UDP6 = frameLength('udp', 'ipv6');
  t.equal(UDP6, 14 + 40 + 8 + 12);
  t.equal(buf.length, 24 + 16 + UDP6);
  const ip = buf.subarray(24 + 16 + 14, 24 + 16 + 54);
  const udp = buf.subarray(24 + 16 + 54);
  t.same([ip.readUInt32BE(0), ip.readUInt16BE(4), ip[6], ip[7]], [0x60000abc, 20, 17, 64], 'version 6, flow label, payload 20, next header UDP, hop limit 64');
  t.same([udp.readUInt16BE(0), udp.readUInt16BE(2), udp.readUInt16BE(4)], [1024, 53, 20]);
  // By hand. Pseudo-header: source 2001:0db8::0001 (0x2001 + 0x0db8 + 0x0001 =
  // 0x2dba), destination fd00::0100 (0xfd00 + 0x0100 = 0xfe00), upper-layer
  // length 20 (0x14), next header 17 (0x11): 0x12bdf. Datagram: ports 0x0400
  // and 0x0035, length 0x14, checksum 0, payload "ipvs-verify\n" (its words
  // 6970 7673 2d76 6572 6966 790a sum to 0x2553b): 0x25984. Together 0x38563,
  // folded 0x8563 + 3 = 0x8566, complemented 0x7a99.
  t.equal(udp.readUInt16BE(6), 0x7a99, 'the checksum');
  const pseudo = Buffer.concat([ip.subarray(8, 40), Buffer.from([0, 0, 0, 20, 0, 0, 0, 17])]);
  t.equal(inetChecksum(Buffer.concat([pseudo, udp]), 0, 60), 0, 'and it sums, with the pseudo-header, to zero');
});

t.test('IPv6 UDP and SCTP floods: tcpdump checks the UDP checksums and reads the INITs', async (t) => {
  const plan = floodPlan({ rate: 100, count: 20, seed: 8, sources: 'uniform', family: 'ipv6' });
  const dst6 = parseIpv6('fd00::100')!;
  const dir = t.testdir({});
  const udpFile = join(dir, 'udp6.pcap');
  writeFileSync(udpFile, floodPcap(plan, { ...addressing, dport: 53, dst6 }, 'udp'));
  const u = await execa('tcpdump', ['-r', udpFile, '-n', '-vv'], { reject: false, all: true });
  t.equal(u.exitCode, 0, u.all);
  // (-vv: the UDP checksum checked; port 53: the payload then read as DNS, so no "UDP, length".)
  t.equal(u.stdout.split('\n').filter((l) => /> fd00::100\.53: \[udp sum ok\]/.test(l)).length, 20, u.stdout.slice(0, 1500));
  const sctpBuf = floodPcap(plan, { ...addressing, dport: 80, dst6 }, 'sctp');
  const SCTP6 = frameLength('sctp', 'ipv6');
  t.equal(SCTP6, 14 + 40 + 12 + 20);
  for (let i = 0, o = 24 + 16; i < 20; i++, o += 16 + SCTP6) {
    const ip = buf6(sctpBuf, o);
    t.same([ip.readUInt16BE(4), ip[6]], [32, 132], 'payload 32, next header SCTP');
    // CRC32c over the SCTP packet alone, its checksum field 0 (RFC 9260 6.8: no pseudo-header).
    const sctp = Buffer.from(sctpBuf.subarray(o + 54, o + SCTP6));
    const stored = sctp.readUInt32LE(8);
    sctp.writeUInt32LE(0, 8);
    t.equal(stored, crc32cBitwise(sctp), 'CRC32c as the bitwise oracle computes it');
    t.equal(sctp.readUInt16BE(0), plan.sport[i], 'source port as planned');
  }
  const sctpFile = join(dir, 'sctp6.pcap');
  writeFileSync(sctpFile, sctpBuf);
  const s = await execa('tcpdump', ['-r', sctpFile, '-n', '-v'], { reject: false, all: true });
  t.equal(s.exitCode, 0, s.all);
  t.equal(s.stdout.split('\n').filter((l) => /\[INIT\] \[init tag: \d+\] \[rwnd: 106496\] \[OS: 10\] \[MIS: 10\]/.test(l)).length, 20, s.stdout.slice(0, 1500));
  t.match(s.stdout, /> fd00::100\.80: sctp/);
});

/** The IPv6 header of the frame whose record starts at o. */
const buf6 = (buf: Buffer, o: number) => buf.subarray(o + 14, o + 54);
