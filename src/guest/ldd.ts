// Shared-library closure of the guest's dynamic binaries, read from ldd(1).
import { infraError } from '../errors.ts';

/** Host paths of the libraries (and the loader) that one `ldd` listing names. */
export function parseLdd(output: string): string[] {
  const libs: string[] = [];
  for (const raw of output.split('\n')) {
    const line = raw.trim();
    if (line === '' || line.startsWith('linux-vdso') || line.endsWith(':')) continue;
    if (line.includes('not found')) {
      // The host's installation lacks a library one of the guest's tools needs.
      throw infraError(`missing shared library: ${line} (scripts/install-deps.sh installs the guest's tools)`);
    }
    // "libc.so.6 => /lib/x86_64-linux-gnu/libc.so.6 (0x...)" or "/lib64/ld-linux-x86-64.so.2 (0x...)"
    const arrow = /=>\s*(\S+)\s*\(/.exec(line);
    const bare = /^(\/\S+)\s*\(/.exec(line);
    const path = arrow?.[1] ?? bare?.[1];
    if (path !== undefined) libs.push(path);
  }
  return libs;
}
