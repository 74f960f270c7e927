// Monte Carlo on every core: the runs of one request split into contiguous
// ranges, one worker thread each. Run r always uses seed + r, so the result is
// the same as the single-threaded one, whatever the number of threads.
// The workers stay up for the process's life (starting one, with its TypeScript
// loader, costs more than half a second) and never keep it from exiting.
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { SERIES, type SeriesName } from './params.ts';
import { monteCarloFromValues, monteCarloValues, type McRequest, type MonteCarlo } from './monte-carlo.ts';

/** Below this many runs per thread a worker costs more than it saves. */
const MIN_RUNS_PER_THREAD = 100;

type Values = Record<SeriesName, Int32Array>;
interface PoolWorker {
  worker: Worker;
  pending: Map<number, { resolve: (v: Values) => void; reject: (e: Error) => void }>;
}

const pool: PoolWorker[] = [];
let nextId = 0;

function spawn(): PoolWorker {
  // From the sources, a worker needs tsx registered first (pool-worker.mjs); compiled, it is plain JavaScript.
  const entry = import.meta.url.endsWith('.ts') ? './pool-worker.mjs' : './pool-worker.js';
  const w: PoolWorker = { worker: new Worker(new URL(entry, import.meta.url)), pending: new Map() };
  w.worker.unref();
  w.worker.on('message', ({ id, values }: { id: number; values: Values }) => {
    w.pending.get(id)?.resolve(values);
    w.pending.delete(id);
    if (w.pending.size === 0) w.worker.unref();
  });
  const fail = (e: Error) => {
    // 'error' is followed by 'exit': the second call must not splice(-1), the pool's last worker.
    const i = pool.indexOf(w);
    if (i >= 0) pool.splice(i, 1);
    for (const p of w.pending.values()) p.reject(e);
    w.pending.clear();
  };
  w.worker.on('error', fail);
  w.worker.on('exit', (code) => fail(new Error(`a Monte Carlo worker exited (code ${code})`)));
  return w;
}

function runRange(w: PoolWorker, request: McRequest, first: number, count: number): Promise<Values> {
  const id = nextId++;
  // Held while it works: an awaited answer alone does not keep Node running.
  w.worker.ref();
  return new Promise((resolve, reject) => {
    w.pending.set(id, { resolve, reject });
    w.worker.postMessage({ id, request, first, count });
  });
}

/**
 * Runs first..first+count-1 of a request over `threads` workers (on this thread
 * when that is one and `offMain` is not asked): the values, as
 * monteCarloValues() gives them.
 */
export async function monteCarloValuesParallel(request: McRequest, first: number, count: number, threads = availableParallelism(), offMain = false): Promise<Values> {
  const n = Math.max(1, Math.min(threads, Math.floor(count / MIN_RUNS_PER_THREAD)));
  if (n === 1 && !offMain) return monteCarloValues(request, first, count);
  while (pool.length < n) pool.push(spawn());
  const ranges = Array.from({ length: n }, (_, k) => {
    const from = Math.floor((k * count) / n);
    return { from, count: Math.floor(((k + 1) * count) / n) - from };
  });
  const parts = await Promise.all(ranges.map((r, k) => runRange(pool[k]!, request, first + r.from, r.count)));
  const samples = request.sampleTimes.length;
  const values = Object.fromEntries(SERIES.map((s) => [s, new Int32Array(count * samples)])) as Values;
  parts.forEach((part, k) => {
    for (const s of SERIES) values[s].set(part[s], ranges[k]!.from * samples);
  });
  return values;
}

/**
 * `offMain`: even on one thread, run in a worker, so that this thread stays
 * free (e.g. for a guest still running beside the models).
 */
export async function monteCarloParallel(request: McRequest, threads = availableParallelism(), offMain = false): Promise<MonteCarlo> {
  return monteCarloFromValues(request, await monteCarloValuesParallel(request, 0, request.runs, threads, offMain));
}
