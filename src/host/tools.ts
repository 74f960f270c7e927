// Host tools the harness runs, and the Debian package that provides each.
import { access, constants } from 'node:fs/promises';
import { delimiter, join } from 'node:path';
import { infraError } from '../errors.ts';
import { DEFAULT_QEMU } from '../qemu/args.ts';

export const TOOL_PACKAGES: Record<string, string> = {
  [DEFAULT_QEMU]: 'qemu-system-x86',
  busybox: 'busybox-static',
  dash: 'dash',
  chromium: 'chromium',
  ipvsadm: 'ipvsadm',
  hping3: 'hping3',
  tcpreplay: 'tcpreplay',
  socat: 'socat',
  tcpdump: 'tcpdump',
  ip: 'iproute2',
  ldd: 'libc-bin',
  make: 'make',
  gcc: 'gcc',
  flex: 'flex',
  bison: 'bison',
  bc: 'bc',
  ccache: 'ccache',
  cpio: 'cpio',
  patch: 'patch',
  git: 'git',
  xz: 'xz-utils',
  perl: 'perl',
};

/** Header files and libraries the kernel build needs, checked by path. */
export const FILE_PACKAGES: Record<string, string> = {
  '/usr/include/libelf.h': 'libelf-dev',
  '/usr/include/openssl/ssl.h': 'libssl-dev',
  '/usr/share/qemu/qboot.rom': 'qemu-system-data',
  '/usr/src/linux-source-6.1.tar.xz': 'linux-source-6.1',
};

// Tools in sbin are looked up there too: a non-root PATH often lacks it.
const EXTRA_DIRS = ['/usr/sbin', '/sbin'];

export async function whichTool(name: string): Promise<string | undefined> {
  const dirs = [...(process.env.PATH ?? '').split(delimiter), ...EXTRA_DIRS].filter(Boolean);
  for (const d of dirs) {
    const p = join(d, name);
    try {
      await access(p, constants.X_OK);
      return p;
    } catch {
      /* next */
    }
  }
  return undefined;
}

export function missingToolMessage(name: string): string {
  const pkg = TOOL_PACKAGES[name];
  return `${name} not found${pkg ? `: install it with \`apt-get install ${pkg}\` (or run scripts/install-deps.sh)` : ''}`;
}

export async function findTool(name: string): Promise<string> {
  const p = await whichTool(name);
  if (p === undefined) throw infraError(missingToolMessage(name));
  return p;
}

/** What `verify` runs, checked before anything else happens. */
export const VERIFY_TOOLS = [
  'make', 'gcc', 'flex', 'bison', 'bc', 'perl', 'ccache', 'patch', 'xz', 'git', 'ldd',
  DEFAULT_QEMU, 'busybox', 'dash', 'ipvsadm', 'hping3', 'tcpreplay', 'socat', 'ip',
];

/** Every missing tool and file at once, each with the package that provides it. */
export async function requireTools(tools: string[], files: string[] = []): Promise<void> {
  const missing: string[] = [];
  for (const t of tools) if ((await whichTool(t)) === undefined) missing.push(`${t} (apt-get install ${TOOL_PACKAGES[t] ?? t})`);
  for (const f of files) {
    if (!(await access(f).then(() => true, () => false))) missing.push(`${f} (apt-get install ${FILE_PACKAGES[f] ?? '?'})`);
  }
  if (missing.length > 0) {
    throw infraError(`missing on this host: ${missing.join(', ')}; scripts/install-deps.sh installs them all`);
  }
}
