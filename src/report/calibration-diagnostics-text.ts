// Pure: the calibration report's diagnostics (./calibration-diagnostics.ts)
// as text: how common each explanation is over all variant-runs, then each
// variant-run outside every model run with its three diagnostics.
import { recorded, type Maybe, type ScanDurations, type TraceHealth } from '../record/trace-health.ts';
import type { FloodAccount } from '../observe/flood-accounting.ts';
import type { FloodSplit } from '../observe/flood-split.ts';
import type { DropComparison } from '../coverage/drop-line.ts';
import type { ClientEntries } from '../observe/client-entries.ts';
import { outsideEveryRun } from '../compare/pit.ts';
import type { DiagnosticsSummary, RunDiagnostics, VariantRunDiagnostics } from './calibration-diagnostics.ts';

const why = (x: { notRecorded: string }) => `not recorded (${x.notRecorded})`;
const s2 = (x: number) => x.toFixed(2);

export function traceText(t: TraceHealth): string {
  const overrun = recorded(t.overrun) ? `overrun ${t.overrun}` : `overrun ${why(t.overrun)}`;
  const oldest = recorded(t.oldest) ? `, oldest event held ${s2(t.oldest)} s` : '';
  const sc = t.scans;
  const scans = recorded(sc)
    ? `${sc.count} defense-work runs traced ${s2(sc.first)}-${s2(sc.last)} s, longest gap ${s2(sc.longestGap)} s, ${sc.longGaps} over 1.5 s; ${durationsText(sc.durations)}`
    : `defense-work runs ${why(sc)}`;
  return `${overrun}${oldest}; ${scans}`;
}

function durationsText(d: Maybe<ScanDurations>): string {
  if (!recorded(d)) return `scan durations ${why(d)}`;
  return `longest scan ${d.longest.toFixed(3)} s, ${d.overOneSecond} of ${d.measured} over 1 s`;
}

/** Which kind the difference is in, where the counter at the split shows it; else the two parts as counted. */
function splitText(f: FloodAccount, x: FloodSplit): string {
  const at = `IPVS's counter at ${s2(x.at)} s`;
  const clientsBy = x.givenBy - f.floodSent;
  if (x.madeBy === x.givenBy && x.madeAfter !== x.givenAfter) {
    return `; by ${at} all ${x.givenBy} given by then were made: the difference is in the ${x.givenAfter} client connections given after it (${x.madeAfter} made)`;
  }
  if (x.madeAfter === x.givenAfter && x.madeBy !== x.givenBy) {
    const kind = clientsBy === 0 ? "the flood's connections" : `the flood's ${f.floodSent} or the ${clientsBy} client connections given by then`;
    return `; the ${x.givenAfter} client connections given after ${at} were all made: the difference is in ${kind} (${x.madeBy} made of ${x.givenBy})`;
  }
  return `; ${at}: ${x.madeBy} made of ${x.givenBy} given by then, ${x.madeAfter} of ${x.givenAfter} after`;
}

export function floodText(f: Maybe<FloodAccount>): string {
  if (!recorded(f)) return why(f);
  const diff = f.shortfall > 0 ? `${f.shortfall} fewer made` : f.shortfall < 0 ? `${-f.shortfall} more made` : 'as many made';
  const split = f.shortfall !== 0 && f.split ? splitText(f, f.split) : '';
  return `${f.created} connections made (${f.createdFrom}) vs ${f.floodSent} flood packets sent + ${f.clientConns} client connections given: ${diff}${split}`;
}

export function dropsText(d: Maybe<DropComparison>): string {
  if (!recorded(d)) return why(d);
  const side = outsideEveryRun(d);
  const where = side ? `${side} every run` : `${d.below} of ${d.runs} runs below, ${d.ties} equal`;
  return `gcov ${d.gcov} at ip_vs_conn.c:${d.line}; model ${d.min}/${d.median}/${d.max} (min/median/max of ${d.runs} runs): ${where}`;
}

export function clientsText(c: Maybe<ClientEntries>): string {
  if (!recorded(c)) return why(c);
  const head = `${c.checked} clients with requests in the last ${c.windowS} s before the tables were read`;
  if (c.short.length === 0) return `${head}: each held as many entries as it made requests`;
  const each = c.short.map((x) => `client ${x.client} held ${x.entries} for ${x.requests} requests (ports ${x.ports.join(' ') || 'none'})`);
  return `${head}; fewer entries than requests: ${each.join('; ')}`;
}

function runDiagnosticsLines(d: RunDiagnostics, indent = '    '): string[] {
  return [
    `${indent}trace: ${traceText(d.trace)}`,
    `${indent}flood: ${floodText(d.flood)}`,
    `${indent}drops: ${dropsText(d.drops)}`,
    `${indent}clients: ${clientsText(d.clients)}`,
  ];
}

const runName = (r: VariantRunDiagnostics) => `${r.record}${r.tryDir ? `/${r.tryDir}` : ''} ${r.variant}`;

export function diagnosticsText(s: DiagnosticsSummary): string {
  const n = s.variantRuns;
  const lines = [
    'diagnostics of the tails (over all variant-runs; "recorded": the record carries it):',
    `  trace (vm/trace.sh): overrun recorded in ${s.overrun.recorded} of ${n}, > 0 in ${s.overrun.positive} (lost events: scans the model did not make);` +
      ` a gap over 1.5 s between traced defense-work runs in ${s.longGaps.positive} of ${s.longGaps.recorded};` +
      ` a scan over 1 s (a guest the host starved) in ${s.longScans.positive} of ${s.longScans.recorded} with scan ends traced`,
    `  connections made vs flood packets sent + client connections given: recorded in ${s.flood.recorded} of ${n}; fewer made than given in ${s.flood.shortfall}`,
    `  gcov's drop-line count vs the model's runs' (coverage runs only): recorded in ${s.drops.recorded} of ${n};` +
      ` above every run in ${s.drops.above}, below every run in ${s.drops.below} (gcov also counts the scans after the last sample, until the gcov dump)`,
    `  clients' entries at the end vs their requests within the entry's life: recorded in ${s.clients.recorded} of ${n}; fewer entries in ${s.clients.short}`,
    '',
    `variant-runs outside every model run (a PIT of rank 0 or n, not by a tie): ${s.tails.length} of ${n}`,
  ];
  for (const { run, tails } of s.tails) {
    lines.push(`  ${runName(run)}: ${tails.map((t) => `${t.name} ${t.side}`).join(', ')}`);
    lines.push(...runDiagnosticsLines(run.diagnostics));
  }
  if (s.tails.length === 0) lines.push('  (none)');
  lines.push('', `first tries of the variant-runs that needed a retry: ${s.retried.length}`);
  for (const run of s.retried) {
    lines.push(`  ${runName(run)}`);
    lines.push(...runDiagnosticsLines(run.diagnostics));
  }
  if (s.retried.length === 0) lines.push('  (none)');
  return lines.join('\n') + '\n';
}
