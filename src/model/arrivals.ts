// Pure: the model's inputs, either synthesised from a scenario or taken from
// what the guest measured (IPVS's connection counter and the clients' records).
import type { Scenario } from '../scenario/schema.ts';
import type { ParsedResults, Sample, ClientResult } from '../record/results.ts';
import type { Arrivals, ModelParams, Variant } from './params.ts';
import { TCP_TIMEOUTS } from './params.ts';

export interface ModelInput {
  arrivals: Arrivals;
  sampleTimes: Float64Array;
  /** Guest uptime at model time 0 (0 for a synthesised timeline). */
  origin: number;
}

const prefixLength = (mask: string) =>
  mask.split('.').reduce((bits, o) => bits + (Number(o).toString(2).match(/1/g)?.length ?? 0), 0);

export function paramsFor(s: Scenario, variant: Variant): ModelParams {
  return {
    variant,
    hz: 250,
    tabBits: s.kernel.conn_tab_bits,
    persistence: s.service.persistence,
    netmaskBits: prefixLength(s.service.netmask),
    dropEntry: s.sysctl.drop_entry,
    // The guest has hundreds of MB free; amemthresh is a few MB at most in our scenarios.
    memoryLow: false,
    timeouts: { ...TCP_TIMEOUTS },
  };
}

/** The scenario as written: hping3's nominal pacing, every client on its interval. */
export function arrivalsFromScenario(s: Scenario): ModelInput {
  const flood = new Float64Array(s.flood.count);
  for (let i = 0; i < s.flood.count; i++) flood[i] = s.flood.start + i / s.flood.rate;
  const ct: number[] = [];
  const ids: number[] = [];
  for (let c = 0; c < s.clients.count; c++) {
    for (let t = s.clients.start; t < s.clients.stop; t += s.clients.interval) {
      ct.push(t);
      ids.push(c + 1);
    }
  }
  const order = ct.map((_, i) => i).sort((a, b) => ct[a]! - ct[b]!);
  const sampleTimes = new Float64Array(Math.floor(s.duration));
  for (let i = 0; i < sampleTimes.length; i++) sampleTimes[i] = i + 1;
  return {
    arrivals: {
      flood,
      clientTimes: Float64Array.from(order.map((i) => ct[i]!)),
      clientIds: Int32Array.from(order.map((i) => ids[i]!)),
    },
    sampleTimes,
    origin: 0,
  };
}

/**
 * What the guest saw: between two samples, IPVS created (counter delta) new
 * connections; those the clients report are theirs, the rest are the flood's,
 * spread evenly over the interval (the counter says how many, not when).
 */
export function arrivalsFromRun(p: ParsedResults): ModelInput {
  const samples = p.records.filter((r): r is Sample => r.type === 'sample');
  if (samples.length < 2) throw new Error('a run needs at least two samples to drive the model');
  const clients = p.records.filter((r): r is ClientResult => r.type === 'client' && r.ok).sort((a, b) => a.t - b.t);
  const origin = Math.floor(samples[0]!.t) - 1;
  const created = (s: Sample) => Number.parseInt(s.stats.conns ?? '0', 16);
  const flood: number[] = [];
  let prevT = origin;
  let prevC = 0;
  let ci = 0;
  for (const s of samples) {
    let clientConns = 0;
    while (ci < clients.length && clients[ci]!.t <= s.t) {
      clientConns++;
      ci++;
    }
    const n = Math.max(0, created(s) - prevC - clientConns);
    for (let k = 0; k < n; k++) flood.push(prevT - origin + ((k + 0.5) * (s.t - prevT)) / n);
    prevT = s.t;
    prevC = created(s);
  }
  return {
    arrivals: {
      flood: Float64Array.from(flood),
      clientTimes: Float64Array.from(clients.map((c) => c.t - origin)),
      clientIds: Int32Array.from(clients.map((c) => c.client)),
    },
    sampleTimes: Float64Array.from(samples.map((s) => s.t - origin)),
    origin,
  };
}
