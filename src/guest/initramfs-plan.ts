// Pure planner for the guest's initramfs: which host file goes where, as a
// spec for the kernel's usr/gen_init_cpio (cpio newc, no root needed).
import { posix } from 'node:path';
import type { Protocol } from '../scenario/schema.ts';
import { PROTOCOLS } from '../protocols/index.ts';
import { infraError } from '../errors.ts';

export interface GuestFile {
  /** Path inside the guest. */
  guest: string;
  /** Path on the host. */
  host: string;
  mode: number;
}

export interface InitramfsPlan {
  busybox: string;
  /** Dynamic binaries and the libraries they need, at their host paths. */
  binaries: GuestFile[];
  libraries: string[];
  /** Agent scripts and generated files. */
  files: GuestFile[];
}

/**
 * The dynamic tools a guest carries, by the name the agent calls them: what
 * the agent runs for the scenario's protocol (its module's guest.tools: socat
 * and its OpenSSL are ~6 MB, so only the protocols that need them carry
 * them), or for `exec` every one, hping3 too. The kernel unpacks each byte of
 * the initramfs at boot, slowly under TCG.
 */
export function guestTools(purpose: { protocol: Protocol } | 'exec'): string[] {
  const always = ['ipvsadm', 'tcpreplay', 'ip'];
  const of = (tools: string[]) => [...new Set([...always, ...tools])];
  if (purpose === 'exec') return of([...Object.values(PROTOCOLS).flatMap((p) => p.guest.tools), 'hping3']);
  return of(PROTOCOLS[purpose.protocol].guest.tools);
}

const BASE_DIRS = ['/bin', '/sbin', '/usr', '/usr/bin', '/usr/sbin', '/etc', '/proc', '/sys', '/dev', '/run', '/tmp', '/var'];

const octal = (mode: number) => mode.toString(8).padStart(4, '0');

/** gen_init_cpio spec text. Parent directories are listed before their files. */
export function initramfsSpec(plan: InitramfsPlan): string {
  const files: GuestFile[] = [
    { guest: '/bin/busybox', host: plan.busybox, mode: 0o755 },
    ...plan.binaries,
    // Libraries keep the paths the loader will look for.
    ...plan.libraries.map((lib) => ({ guest: lib, host: lib, mode: 0o755 })),
    ...plan.files,
  ];
  const dirs = new Set<string>(BASE_DIRS);
  for (const f of files) {
    for (let d = posix.dirname(f.guest); d !== '/'; d = posix.dirname(d)) dirs.add(d);
  }
  const seen = new Set<string>();
  const lines = [
    ...[...dirs].sort().map((d) => `dir ${d} 0755 0 0`),
    'nod /dev/console 0600 0 0 c 5 1',
    'nod /dev/ttyS0 0600 0 0 c 4 64',
    'nod /dev/ttyS1 0600 0 0 c 4 65',
    'nod /dev/null 0666 0 0 c 1 3',
    // /bin/sh is dash, which looks commands up in PATH: Debian's static busybox
    // shell would run its own \`ip\` applet (no netns) before iproute2's.
    'slink /bin/sh dash 0777 0 0',
  ];
  for (const f of files) {
    if (seen.has(f.guest)) continue;
    seen.add(f.guest);
    if (/\s/.test(f.guest) || /\s/.test(f.host)) throw infraError(`path with whitespace in initramfs: ${f.host} (gen_init_cpio's list cannot carry it: move the checkout or the tool to a path without)`);
    lines.push(`file ${f.guest} ${f.host} ${octal(f.mode)} 0 0`);
  }
  return lines.join('\n') + '\n';
}
