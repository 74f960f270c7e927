// Pure: IPv6 addresses as four unsigned 32-bit words, most significant first,
// and in the form /proc/net/ip_vs_conn prints them (%pI6: eight groups of four
// lower-case hex digits, nothing compressed).

export type Ipv6 = [number, number, number, number];

/** "fd00:1:2::3" and the like (no embedded IPv4); undefined if it is not one. */
export function parseIpv6(s: string): Ipv6 | undefined {
  if (!/^[0-9a-fA-F:]+$/.test(s) || s.split('::').length > 2) return undefined;
  const [head, tail] = s.includes('::') ? s.split('::') : [s, undefined];
  const groups = (x: string | undefined) => (x ? x.split(':') : []);
  const h = groups(head);
  const t = groups(tail);
  const missing = 8 - h.length - t.length;
  if (tail === undefined ? missing !== 0 : missing < 1) return undefined;
  const all = [...h, ...Array<string>(tail === undefined ? 0 : missing).fill('0'), ...t];
  if (all.some((g) => !/^[0-9a-fA-F]{1,4}$/.test(g))) return undefined;
  const n = all.map((g) => Number.parseInt(g, 16));
  return [0, 1, 2, 3].map((i) => ((n[2 * i]! << 16) | n[2 * i + 1]!) >>> 0) as Ipv6;
}

/** As the kernel prints it (%pI6). */
export const formatIpv6Full = (a: ArrayLike<number>) =>
  [0, 1, 2, 3].flatMap((i) => [a[i]! >>> 16, a[i]! & 0xffff]).map((g) => g.toString(16).padStart(4, '0')).join(':');

/** The address under a prefix length (0..128). */
export function maskIpv6(a: ArrayLike<number>, bits: number): Ipv6 {
  return [0, 1, 2, 3].map((i) => {
    const keep = Math.max(0, Math.min(32, bits - 32 * i));
    return keep === 0 ? 0 : ((a[i]! & ((0xffffffff << (32 - keep)) >>> 0)) >>> 0);
  }) as Ipv6;
}
