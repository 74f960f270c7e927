// Every kernel build sees its tree and its object directory at the same two
// paths, bind-mounted in a mount namespace of its own: the compiler's command
// lines are then the same for every tree of the same source (a bisect's git
// tree, a tarball's work copy), and ccache hits across them. It needs root
// and a kernel that lets it unshare a mount namespace (not a plain docker
// container); elsewhere builds run where the trees are, as before.
import { mkdir } from 'node:fs/promises';
import { execa } from 'execa';

export const STABLE = { root: '/run/ipvs-verify', src: '/run/ipvs-verify/src', obj: '/run/ipvs-verify/obj' } as const;

export interface MakeInvocation {
  command: string;
  args: string[];
  cwd: string;
}

/** Pure: how to run make for a tree and its object directory (`makeArgs` without O=). */
export function makeInvocation(work: string, objDir: string, makeArgs: string[], stable: boolean): MakeInvocation {
  if (!stable) return { command: 'make', args: [`O=${objDir}`, ...makeArgs], cwd: work };
  const script = `mount --bind "$1" ${STABLE.src} && mount --bind "$2" ${STABLE.obj} && cd ${STABLE.src} && shift 2 && exec make "$@"`;
  return {
    command: 'unshare',
    args: ['--mount', '--propagation', 'private', '--', 'sh', '-c', script, 'sh', work, objDir, `O=${STABLE.obj}`, ...makeArgs],
    cwd: work,
  };
}

let memo: Promise<boolean> | undefined;

/** Whether builds can use the stable paths here (probed once; IPVS_VERIFY_NO_STABLE_PATHS=1 turns it off). */
export function stablePathsWork(): Promise<boolean> {
  memo ??= (async () => {
    if (process.env.IPVS_VERIFY_NO_STABLE_PATHS === '1' || process.getuid?.() !== 0) return false;
    try {
      await mkdir(STABLE.src, { recursive: true });
      await mkdir(STABLE.obj, { recursive: true });
    } catch {
      return false;
    }
    const r = await execa('unshare', ['--mount', '--propagation', 'private', '--', 'sh', '-c', `mount --bind / ${STABLE.src}`], { reject: false });
    return r.exitCode === 0;
  })();
  return memo;
}
