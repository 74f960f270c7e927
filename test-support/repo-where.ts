// Where a git repository stands, for the bisect tests' "left as it was" check
// (test/e2e/bisect.test.ts, test-slow/bisect.ts): bisect-run must leave the
// branch, the commit and no bisection under way as it found them.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { execa } from 'execa';

/** The repository's branch (empty when detached), its HEAD commit, and whether a bisection is under way. */
export async function repoWhere(repo: string) {
  const branch = await execa('git', ['-C', repo, 'symbolic-ref', '-q', 'HEAD'], { reject: false });
  return {
    branch: branch.stdout.trim(),
    head: (await execa('git', ['-C', repo, 'rev-parse', 'HEAD'])).stdout.trim(),
    bisecting: existsSync(join(repo, '.git', 'BISECT_START')) || existsSync(join(repo, '.git', 'BISECT_LOG')),
  };
}
