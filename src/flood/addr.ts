// Pure: IPv4 addresses as unsigned 32-bit numbers, netmasks and prefixes.

export function parseIpv4(s: string): number | undefined {
  const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(s);
  if (!m) return undefined;
  const o = m.slice(1).map(Number);
  if (o.some((x) => x > 255)) return undefined;
  return ((o[0]! << 24) | (o[1]! << 16) | (o[2]! << 8) | o[3]!) >>> 0;
}

export const formatIpv4 = (a: number) => [a >>> 24, (a >>> 16) & 255, (a >>> 8) & 255, a & 255].join('.');

/** The mask of a prefix length, as a number (0 for /0). */
export const maskBits = (bits: number) => (bits === 0 ? 0 : (0xffffffff << (32 - bits)) >>> 0);

/** Prefix length of ipvsadm -M: a contiguous dotted netmask, or /n (IPv6's). */
export function prefixLength(mask: string): number {
  if (mask.startsWith('/')) return Number(mask.slice(1));
  const m = parseIpv4(mask) ?? 0;
  let bits = 0;
  while (bits < 32 && (m & (0x80000000 >>> bits)) !== 0) bits++;
  return bits;
}

/** "a.b.c.d/n" -> network (masked) and prefix length. */
export function parseCidr(s: string): { net: number; bits: number } | undefined {
  const m = /^([\d.]+)\/(\d{1,2})$/.exec(s);
  const a = m ? parseIpv4(m[1]!) : undefined;
  const bits = m ? Number(m[2]) : NaN;
  if (a === undefined || !(bits >= 0 && bits <= 32)) return undefined;
  return { net: (a & maskBits(bits)) >>> 0, bits };
}

export const inCidr = (a: number, c: { net: number; bits: number }) => ((a & maskBits(c.bits)) >>> 0) === c.net;
