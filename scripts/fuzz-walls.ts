#!/usr/bin/env -S npx tsx
// Figures, not assertions: where the guest wall of recorded runs goes (a fuzz
// campaign's, or any run records'), read-only. For each variant-run under the
// directories given: its wall, boot, guest duration, the sampler's own guest
// time (each sample's te - t), the clients' requests and the /proc visits of
// its samples (src/fuzz/cost.ts, from each sample's table size). Prints the
// means by conn_tab_bits and a least-squares fit of the wall after boot on
// duration, requests and visits.
//   npx tsx scripts/fuzz-walls.ts runs/fuzz-7
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { procReadVisits } from '../src/fuzz/cost.ts';

interface Row { bits: number; wall: number; boot: number; duration: number; sampler: number; requests: number; visits: number }

function runDirs(dir: string): string[] {
  if (existsSync(join(dir, 'metadata.json'))) return [dir];
  return readdirSync(dir).map((f) => join(dir, f)).filter((p) => statSync(p).isDirectory()).flatMap(runDirs);
}

function rowsOf(dir: string): Row[] {
  const m = JSON.parse(readFileSync(join(dir, 'metadata.json'), 'utf8'));
  const s = m.scenario?.value;
  if (!s || m.status !== 'complete') return [];
  const family = s.service?.family === 'ipv6' ? 'ipv6' : 'ipv4';
  const bits = s.kernel?.conn_tab_bits ?? 12;
  return Object.entries(m.variants as Record<string, { wallSeconds: number; bootToAgentSeconds: number; summary: { guestSeconds: number } }>).flatMap(([v, x]) => {
    const file = join(dir, `results-${v}.jsonl`);
    if (!existsSync(file)) return [];
    let sampler = 0, requests = 0, visits = 0;
    for (const line of readFileSync(file, 'utf8').split('\n')) {
      let r: Record<string, any>;
      try { r = JSON.parse(line); } catch { continue; }
      if (r.type === 'client') requests++;
      if (r.type !== 'sample') continue;
      const n = [...Object.values(r.conns ?? {}), ...Object.values(r.templates ?? {})].reduce((a: number, b) => a + Number(b), 0);
      visits += procReadVisits(n, bits, family);
      if (typeof r.te === 'number') sampler += r.te - r.t;
    }
    return [{ bits, wall: x.wallSeconds, boot: x.bootToAgentSeconds, duration: x.summary.guestSeconds, sampler, requests, visits }];
  });
}

/** Least squares y = X b (normal equations, Gauss-Jordan). */
function fit(X: number[][], y: number[]): number[] {
  const k = X[0]!.length;
  const A = Array.from({ length: k }, (_, i) => [...Array.from({ length: k }, (_, j) => X.reduce((s, x) => s + x[i]! * x[j]!, 0)), X.reduce((s, x, r) => s + x[i]! * y[r]!, 0)]);
  for (let i = 0; i < k; i++) {
    const p = A[i]![i]!;
    for (let j = 0; j <= k; j++) A[i]![j]! /= p;
    for (let r = 0; r < k; r++) if (r !== i) { const f = A[r]![i]!; for (let j = 0; j <= k; j++) A[r]![j]! -= f * A[i]![j]!; }
  }
  return A.map((r) => r[k]!);
}

const rows = process.argv.slice(2).flatMap(runDirs).flatMap(rowsOf);
if (rows.length === 0) throw new Error('no complete run record (metadata.json with results-<variant>.jsonl) under the directories given');
const mean = (g: Row[], f: (r: Row) => number) => g.reduce((a, r) => a + f(r), 0) / g.length;
console.log(`${rows.length} variant-runs: wall ${mean(rows, (r) => r.wall).toFixed(1)} s, boot ${mean(rows, (r) => r.boot).toFixed(1)} s, guest ${mean(rows, (r) => r.duration).toFixed(0)} s, the sampler's own guest time ${mean(rows, (r) => r.sampler).toFixed(1)} s, ${mean(rows, (r) => r.requests).toFixed(0)} client requests`);
for (const [lo, hi] of [[8, 12], [13, 16], [17, 18], [19, 20]] as const) {
  const g = rows.filter((r) => r.bits >= lo && r.bits <= hi);
  if (g.length > 0) console.log(`  conn_tab_bits ${lo}..${hi}: ${g.length} runs, wall ${mean(g, (r) => r.wall).toFixed(1)} s, sampler ${mean(g, (r) => r.sampler).toFixed(1)} guest-s, ${(mean(g, (r) => r.visits) / 1e6).toFixed(1)} M visits`);
}
if (rows.length >= 8) {
  const [a, b, c, d] = fit(rows.map((r) => [1, r.duration, r.requests, r.visits / 1e6]), rows.map((r) => r.wall - r.boot));
  console.log(`wall - boot = ${a!.toFixed(2)} s + ${b!.toFixed(3)} s a guest-s + ${c!.toFixed(3)} s a request + ${d!.toFixed(3)} s a M visits`);
  console.log(`  of the mean: guest-s ${(b! * mean(rows, (r) => r.duration)).toFixed(1)} s, requests ${(c! * mean(rows, (r) => r.requests)).toFixed(1)} s, visits ${(d! * mean(rows, (r) => r.visits / 1e6)).toFixed(1)} s`);
}
