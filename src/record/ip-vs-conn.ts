// Parser for /proc/net/ip_vs_conn (ip_vs_conn_seq_show in ip_vs_conn.c). It
// knows no protocol's state names (each protocol module names its half-open one,
// for src/observe/measured.ts). Templates are classified by client port 0000:
// their protocol column says TCP, UDP or SCTP (ip_vs_proto_name(); IP only for
// fwmark services), and their State column differs between kernels with and
// without the "assured state" patch (NONE vs NONE/ASSURED).

import { kernelError } from '../errors.ts';

export interface IpvsConnEntry {
  protocol: string;
  clientAddr: string;
  clientPort: number;
  virtualAddr: string;
  virtualPort: number;
  destAddr: string;
  destPort: number;
  state: string;
  /** Whole seconds to the nominal expiry. */
  expires: number;
  template: boolean;
}

const hexIPv4 = (h: string) => {
  const n = Number.parseInt(h, 16);
  return [24, 16, 8, 0].map((s) => (n >>> s) & 255).join('.');
};
/** IPv6 (%pI6): kept as printed, eight groups of four hex digits. */
const IPV6_FULL = /^[0-9a-f]{4}(:[0-9a-f]{4}){7}$/;
/** An address column: IPv4's hex as dotted, IPv6's as printed. */
export const address = (h: string) => (IPV6_FULL.test(h) ? h : hexIPv4(h));

export function parseIpvsConnLine(line: string): IpvsConnEntry {
  const f = line.trim().split(/\s+/);
  const addr = (h: string | undefined) => /^[0-9A-Fa-f]{8}$/.test(h ?? '') || IPV6_FULL.test(h ?? '');
  if (f.length < 9 || !addr(f[1]) || !/^[0-9A-Fa-f]{4}$/.test(f[2] ?? '')) {
    // What the guest read from the kernel under test, not the harness's own data.
    throw kernelError(`not an ip_vs_conn line: ${JSON.stringify(line)}`);
  }
  // /proc/net/ip_vs_conn_sync has an Origin column before Expires: LOCAL or
  // SYNC (ip_vs_origin_name(), ip_vs_conn.c:1177 in linux 6.1.192 and 6.12.118).
  const [protocol, caddr, cport, vaddr, vport, daddr, dport, state, origin, after] = f as [
    string, string, string, string, string, string, string, string, string, string | undefined,
  ];
  const expires = origin === 'LOCAL' || origin === 'SYNC' ? (after ?? '') : origin;
  const clientPort = Number.parseInt(cport, 16);
  return {
    protocol,
    clientAddr: address(caddr),
    clientPort,
    virtualAddr: address(vaddr),
    virtualPort: Number.parseInt(vport, 16),
    destAddr: address(daddr),
    destPort: Number.parseInt(dport, 16),
    state,
    expires: Number.parseInt(expires, 10),
    template: clientPort === 0,
  };
}

export interface ConnCounts {
  /** Connections (client port != 0) by state name. */
  conns: Record<string, number>;
  /** Templates (client port 0) by state name. */
  templates: Record<string, number>;
}

export function countIpvsConn(text: string): ConnCounts {
  const out: ConnCounts = { conns: {}, templates: {} };
  for (const line of text.split('\n')) {
    if (line.trim() === '' || line.startsWith('Pro ')) continue;
    const e = parseIpvsConnLine(line);
    const bucket = e.template ? out.templates : out.conns;
    bucket[e.state] = (bucket[e.state] ?? 0) + 1;
  }
  return out;
}
