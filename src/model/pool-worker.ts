// A worker thread of the Monte Carlo pool: each message asks for runs
// first..first+count-1 of one request; the answer goes back as transferable arrays.
import { parentPort } from 'node:worker_threads';
import { monteCarloValues, type McRequest } from './monte-carlo.ts';

parentPort!.on('message', ({ id, request, first, count }: { id: number; request: McRequest; first: number; count: number }) => {
  const values = monteCarloValues(request, first, count);
  parentPort!.postMessage({ id, values }, Object.values(values).map((a) => a.buffer as ArrayBuffer));
});
