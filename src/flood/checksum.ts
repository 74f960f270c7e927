// Pure: the Internet checksum, for the flood's IP headers and the protocols'
// segments (its own file: the protocol modules use it, and pcap.ts uses them).

/** RFC 1071: the one's-complement sum of 16-bit words, folded and inverted. */
export function inetChecksum(buf: Buffer, start: number, end: number, initial = 0): number {
  let sum = initial;
  for (let i = start; i < end; i += 2) sum += (buf[i]! << 8) | (i + 1 < end ? buf[i + 1]! : 0);
  while (sum > 0xffff) sum = (sum & 0xffff) + (sum >>> 16);
  return ~sum & 0xffff;
}
