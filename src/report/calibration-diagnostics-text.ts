// Pure: the calibration report's diagnostics (./calibration-diagnostics.ts)
// as text: how common each explanation is over all variant-runs, then each
// variant-run outside every model run with its three diagnostics.
import { recorded, type Maybe, type TraceHealth } from '../record/trace-health.ts';
import type { FloodAccount } from '../observe/flood-accounting.ts';
import type { DropComparison } from '../coverage/drop-line.ts';
import { outsideEveryRun } from '../compare/pit.ts';
import type { DiagnosticsSummary, RunDiagnostics, VariantRunDiagnostics } from './calibration-diagnostics.ts';

const why = (x: { notRecorded: string }) => `not recorded (${x.notRecorded})`;
const s2 = (x: number) => x.toFixed(2);

export function traceText(t: TraceHealth): string {
  const overrun = recorded(t.overrun) ? `overrun ${t.overrun}` : `overrun ${why(t.overrun)}`;
  const oldest = recorded(t.oldest) ? `, oldest event held ${s2(t.oldest)} s` : '';
  const sc = t.scans;
  const scans = recorded(sc)
    ? `${sc.count} defense-work runs traced ${s2(sc.first)}-${s2(sc.last)} s, longest gap ${s2(sc.longestGap)} s, ${sc.longGaps} over 1.5 s`
    : `defense-work runs ${why(sc)}`;
  return `${overrun}${oldest}; ${scans}`;
}

export function floodText(f: Maybe<FloodAccount>): string {
  if (!recorded(f)) return why(f);
  const verdict = f.shortfall > 0 ? `${f.shortfall} short: packets lost before IPVS` : f.shortfall < 0 ? `${-f.shortfall} more than given (failed clients' connections?)` : 'as given';
  return `${f.floodSent} flood packets sent + ${f.clientConns} client connections, ${f.created} made (${f.createdFrom}): ${verdict}`;
}

export function dropsText(d: Maybe<DropComparison>): string {
  if (!recorded(d)) return why(d);
  const side = outsideEveryRun(d);
  const where = side ? `${side} every run` : `${d.below} of ${d.runs} runs below, ${d.ties} equal`;
  return `gcov ${d.gcov} at ip_vs_conn.c:${d.line}; model ${d.min}/${d.median}/${d.max} (min/median/max of ${d.runs} runs): ${where}`;
}

function runDiagnosticsLines(d: RunDiagnostics, indent = '    '): string[] {
  return [`${indent}trace: ${traceText(d.trace)}`, `${indent}flood: ${floodText(d.flood)}`, `${indent}drops: ${dropsText(d.drops)}`];
}

const runName = (r: VariantRunDiagnostics) => `${r.record}${r.tryDir ? `/${r.tryDir}` : ''} ${r.variant}`;

export function diagnosticsText(s: DiagnosticsSummary): string {
  const n = s.variantRuns;
  const lines = [
    'diagnostics of the tails (over all variant-runs; "recorded": the record carries it):',
    `  trace (vm/trace.sh): overrun recorded in ${s.overrun.recorded} of ${n}, > 0 in ${s.overrun.positive} (lost events: scans the model did not make);` +
      ` a gap over 1.5 s between traced defense-work runs in ${s.longGaps.positive} of ${s.longGaps.recorded}`,
    `  connections made vs packets sent: recorded in ${s.flood.recorded} of ${n}; fewer made than the model was given (lost before IPVS) in ${s.flood.shortfall}`,
    `  gcov's drop-line count vs the model's runs' (coverage runs only): recorded in ${s.drops.recorded} of ${n};` +
      ` above every run in ${s.drops.above}, below every run in ${s.drops.below} (gcov also counts the scans after the last sample, until the gcov dump)`,
    '',
    `variant-runs outside every model run (a PIT of rank 0 or n, not by a tie): ${s.tails.length} of ${n}`,
  ];
  for (const { run, tails } of s.tails) {
    lines.push(`  ${runName(run)}: ${tails.map((t) => `${t.name} ${t.side}`).join(', ')}`);
    lines.push(...runDiagnosticsLines(run.diagnostics));
  }
  if (s.tails.length === 0) lines.push('  (none)');
  return lines.join('\n') + '\n';
}
