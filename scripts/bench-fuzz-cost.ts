#!/usr/bin/env -S npx tsx
// Figures, not assertions: what the fuzz drawing asks of the guest, over the
// first N cases of a seed (default 200 of seed 1). Each case's table occupancy
// comes from one run of the patched model on arrivals made from the scenario
// (the flood at its rate, each client once an interval), then src/fuzz/cost.ts
// counts the sampler's /proc/net/ip_vs_conn visits and the clients' requests.
// Guest busy seconds use the per-sample fit over the recorded runs
// (fixtures/runs, 2^12 buckets): 2 ms + 5.9 us an entry + 88 ns a visit, and
// ~0.06 guest-s a client request (their loop's gap over the interval).
import { simulate } from '../src/model/sim.ts';
import { paramsFor } from '../src/observe/arrivals.ts';
import { caseSeed, scenarioAt } from '../src/fuzz/draw.ts';
import { clientRequests, procReadVisits } from '../src/fuzz/cost.ts';
import type { Scenario } from '../src/scenario/schema.ts';

const N = Number(process.argv[2] ?? 200);
const seed = Number(process.argv[3] ?? 1);
const COST = { sample: 2e-3, entry: 5.9e-6, visit: 88e-9, request: 0.06 };

function occupancy(s: Scenario): number[] {
  const f = s.flood;
  const c = s.clients;
  const flood = Float64Array.from({ length: f.count }, (_, k) => 1 + f.start + k / f.rate);
  const times: [number, number][] = [];
  for (let k = 0; k < c.count; k++) for (let t = c.start; t < c.stop; t += c.interval) times.push([1 + t + k * 1e-3, k]);
  times.sort((a, b) => a[0] - b[0]);
  const arrivals = { flood, clientTimes: Float64Array.from(times, (x) => x[0]), clientIds: Int32Array.from(times, (x) => x[1]), clientSrc: Uint32Array.from(times, (x) => 0x0a000100 + x[1]) };
  const sampleTimes = Float64Array.from({ length: s.duration }, (_, k) => k + 1);
  const out = simulate({ params: paramsFor(s, 'patched'), arrivals, sampleTimes, seed: 1 });
  return Array.from(out.series.conns, (n, k) => n + out.series.templates[k]!);
}

const rows = Array.from({ length: N }, (_, i) => {
  const s = scenarioAt(caseSeed(seed, i), 'x');
  const family = s.service.family === 'ipv6' ? 'ipv6' : 'ipv4';
  const occ = occupancy(s);
  const visits = occ.reduce((a, n) => a + procReadVisits(n, s.kernel.conn_tab_bits, family), 0);
  const entries = occ.reduce((a, n) => a + n, 0);
  const requests = clientRequests(s);
  const busy = { samples: occ.length * COST.sample + entries * COST.entry + visits * COST.visit, clients: requests * COST.request };
  return { bits: s.kernel.conn_tab_bits, duration: s.duration, requests, visits, busy };
});
const mean = (f: (r: (typeof rows)[number]) => number) => rows.reduce((a, r) => a + f(r), 0) / rows.length;
const total = mean((r) => r.busy.samples + r.busy.clients);
console.log(`seed ${seed}, cases 0..${N - 1}: a variant-run's guest duration ${mean((r) => r.duration).toFixed(0)} s on average; client requests ${mean((r) => r.requests).toFixed(0)}; /proc visits ${(mean((r) => r.visits) / 1e6).toFixed(1)} M`);
console.log(`estimated guest busy seconds a variant-run: sampler ${mean((r) => r.busy.samples).toFixed(1)} s, clients ${mean((r) => r.busy.clients).toFixed(1)} s (together ${total.toFixed(1)} s)`);
for (const [lo, hi] of [[8, 12], [13, 16], [17, 18], [19, 20]] as const) {
  const g = rows.filter((r) => r.bits >= lo && r.bits <= hi);
  if (g.length === 0) continue;
  console.log(`  conn_tab_bits ${lo}..${hi}: ${g.length} cases, sampler busy ${(g.reduce((a, r) => a + r.busy.samples, 0) / g.length).toFixed(1)} s a run, ${((g.reduce((a, r) => a + r.busy.samples, 0) / rows.length / mean((r) => r.busy.samples)) * 100).toFixed(0)}% of all the sampler's`);
}
