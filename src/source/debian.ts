// Debian's kernel source packages, by kernel line: `debian:6.1`, `debian:6.12`.
// Each ships /usr/src/linux-source-<line>.tar.xz; the package's exact version
// goes into the run record.
import { execa } from 'execa';
import { userError, infraError } from '../errors.ts';

/** The lines Debian 12 ships (bookworm: 6.1; bookworm-updates/security: 6.12). */
export const DEBIAN_LINES = ['6.1', '6.12'] as const;
export type DebianLine = (typeof DEBIAN_LINES)[number];
export const DEFAULT_LINE: DebianLine = '6.1';

export const packageOf = (line: string) => `linux-source-${line}`;
export const tarballOf = (line: string) => `/usr/src/linux-source-${line}.tar.xz`;

/** `debian:6.12` → '6.12'; anything else → undefined. A `debian:` spec with an unknown line is an error. */
export function debianLineOf(spec: string): DebianLine | undefined {
  const m = /^debian:(.*)$/.exec(spec);
  if (!m) return undefined;
  const line = m[1]!;
  if (!(DEBIAN_LINES as readonly string[]).includes(line)) {
    throw userError(`--source ${spec}: Debian 12 ships kernel lines ${DEBIAN_LINES.join(', ')}; there is no linux-source-${line}`);
  }
  return line as DebianLine;
}

/** `6.1,6.12` → ['6.1', '6.12'], checked. */
export function parseLines(list: string): DebianLine[] {
  const lines = list.split(',').map((s) => s.trim()).filter(Boolean);
  if (lines.length === 0) throw userError('--kernel-lines: give one or more of ' + DEBIAN_LINES.join(', '));
  for (const l of lines) debianLineOf(`debian:${l}`);
  return [...new Set(lines)] as DebianLine[];
}

/** The installed package's version (e.g. 6.12.117-1~deb12u1), or undefined. */
export async function installedVersion(line: string): Promise<string | undefined> {
  const r = await execa('dpkg-query', ['-W', '-f=${Status}\t${Version}', packageOf(line)], { reject: false });
  if (r.exitCode !== 0) return undefined;
  const [status, version] = r.stdout.split('\t');
  return status?.endsWith('install ok installed') ? version : undefined;
}

/** Installs the line's source package (as root, with apt), once; otherwise says how. */
export async function ensureInstalled(line: string): Promise<string> {
  const have = await installedVersion(line);
  if (have) return have;
  const how = `apt-get install ${packageOf(line)} (or scripts/install-deps.sh --kernel-lines ${line})`;
  if (process.getuid?.() !== 0) throw infraError(`${packageOf(line)} is not installed: ${how}`);
  process.stderr.write(`installing ${packageOf(line)} (once)...\n`);
  const r = await execa('apt-get', ['install', '-y', '-qq', '--no-install-recommends', packageOf(line)], {
    reject: false,
    all: true,
    env: { DEBIAN_FRONTEND: 'noninteractive' },
  });
  const version = await installedVersion(line);
  if (r.exitCode !== 0 || !version) throw infraError(`could not install ${packageOf(line)}: ${how}\n${(r.all ?? '').slice(-1000)}`);
  return version;
}
