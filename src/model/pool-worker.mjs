// Entry of a Monte Carlo worker thread. Workers do not inherit the main thread's
// TypeScript loader, so this plain module registers tsx before loading the work.
import { register } from 'tsx/esm/api';

register();
await import('./pool-worker.ts');
