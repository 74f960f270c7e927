// Temporary paths to remove however the process ends (Ctrl-C, SIGTERM, a
// throw): a run that stops halfway leaves no half-written directory behind.
import { rmSync } from 'node:fs';
import { onExit } from 'signal-exit';

const paths = new Set<string>();
let installed = false;

export function removeOnExit(path: string): () => void {
  if (!installed) {
    installed = true;
    onExit(() => {
      for (const p of paths) rmSync(p, { recursive: true, force: true });
    });
  }
  paths.add(path);
  return () => paths.delete(path);
}
