// Temporary paths to remove however the process ends (Ctrl-C, SIGTERM, a
// throw): a run that stops halfway leaves no half-written directory behind.
import { rmSync } from 'node:fs';
import { onExit } from 'signal-exit';

const paths = new Set<string>();
let installed = false;

/**
 * Removes every registered path now. A child still running (QEMU opening its
 * console and results files just as a signal arrives) can add a file while the
 * tree is being removed, and rmdir then fails with ENOTEMPTY: retried. What still
 * fails is reported and kept for the exit-time pass, never thrown: a throw here,
 * inside a signal handler, would replace the signal's exit code with 1.
 */
export function removeRegistered(): void {
  for (const p of paths) {
    try {
      rmSync(p, { recursive: true, force: true, maxRetries: 10, retryDelay: 10 });
      paths.delete(p);
    } catch (e) {
      process.stderr.write(`ipvs-verify: could not remove ${p} yet: ${(e as Error).message}\n`);
    }
  }
}

export function removeOnExit(path: string): () => void {
  if (!installed) {
    installed = true;
    onExit(removeRegistered);
  }
  paths.add(path);
  return () => paths.delete(path);
}

/**
 * Ctrl-C and SIGTERM end the process at once, through process.exit: the 'exit'
 * handlers then run (execa kills QEMU and make, proper-lockfile drops its locks,
 * temporary paths go). Without this, a signal that another library also listens
 * to is not re-raised, and the run would go on with its child gone.
 */
export function exitOnSignals(): void {
  const codes = { SIGINT: 130, SIGTERM: 143, SIGHUP: 129 } as const;
  for (const [sig, code] of Object.entries(codes)) {
    process.once(sig, () => {
      process.stderr.write(`ipvs-verify: ${sig}, stopping\n`);
      removeRegistered();
      process.exit(code);
    });
  }
}
