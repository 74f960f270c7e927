// Temporary paths to remove however the process ends (Ctrl-C, SIGTERM, a
// throw): a run that stops halfway leaves no half-written directory behind.
import { rmSync } from 'node:fs';
import { onExit } from 'signal-exit';

const paths = new Set<string>();
let installed = false;

function removeAll() {
  for (const p of paths) rmSync(p, { recursive: true, force: true });
  paths.clear();
}

export function removeOnExit(path: string): () => void {
  if (!installed) {
    installed = true;
    onExit(removeAll);
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
      removeAll();
      process.exit(code);
    });
  }
}
