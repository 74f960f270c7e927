// Pure: what might explain the variant-runs whose numbers lay outside every
// one of their model's runs (src/compare/pit.ts outsideEveryRun): per
// variant-run, the trace's completeness (a defense-work run the trace lost is
// a scan the model did not make: src/record/trace-health.ts), the connections
// IPVS made against the flood packets sent and client connections given
// (src/observe/flood-accounting.ts), and gcov's count of the scan's drop line
// against the model's runs' (src/coverage/drop-line.ts). The summary over all
// runs says how common each is, so a reader can tell whether the tail runs
// stand out by it.
import type { Variant } from '../model/params.ts';
import type { VariantPits } from '../compare/variant-pits.ts';
import { outsideEveryRun } from '../compare/pit.ts';
import { recorded, type Maybe, type TraceHealth } from '../record/trace-health.ts';
import type { FloodAccount } from '../observe/flood-accounting.ts';
import type { DropComparison } from '../coverage/drop-line.ts';
import type { ClientEntries } from '../observe/client-entries.ts';

export interface RunDiagnostics {
  trace: TraceHealth;
  flood: Maybe<FloodAccount>;
  drops: Maybe<DropComparison>;
  /** The clients' entries at the end against their requests (observe/client-entries.ts). */
  clients: Maybe<ClientEntries>;
}

/** One variant-run: its record, its try (earlier tries: try-N), its PITs and its diagnostics. */
export interface VariantRunDiagnostics {
  record: string;
  tryDir?: string;
  variant: Variant;
  pit?: VariantPits;
  diagnostics: RunDiagnostics;
}

export interface Tail {
  /** A claim's id or `area:<series>`, as the calibration names it. */
  name: string;
  side: 'above' | 'below';
}

/** The quantities of a variant-run that lay outside every model run. */
export function tailsOf(pit: VariantPits | undefined): Tail[] {
  if (!pit) return [];
  const named = [...Object.entries(pit.claims), ...Object.entries(pit.series).map(([s, p]) => [`area:${s}`, p] as const)];
  const out: Tail[] = [];
  for (const [name, p] of named) {
    const side = p ? outsideEveryRun(p) : undefined;
    if (side) out.push({ name, side });
  }
  return out;
}

export interface DiagnosticsSummary {
  variantRuns: number;
  overrun: { recorded: number; positive: number };
  /** Variant-runs whose trace has a gap over 1.5 s between defense-work runs. */
  longGaps: { recorded: number; positive: number };
  /** Variant-runs whose trace has a scan over 1 s (of those whose trace has the runs' ends). */
  longScans: { recorded: number; positive: number };
  flood: { recorded: number; shortfall: number };
  drops: { recorded: number; above: number; below: number };
  clients: { recorded: number; short: number };
  tails: { run: VariantRunDiagnostics; tails: Tail[] }[];
  /** Earlier tries (a retry's first): their diagnostics say what went wrong there. */
  retried: VariantRunDiagnostics[];
}

export function diagnosticsSummary(runs: VariantRunDiagnostics[]): DiagnosticsSummary {
  const s: DiagnosticsSummary = {
    variantRuns: runs.length,
    overrun: { recorded: 0, positive: 0 },
    longGaps: { recorded: 0, positive: 0 },
    longScans: { recorded: 0, positive: 0 },
    flood: { recorded: 0, shortfall: 0 },
    drops: { recorded: 0, above: 0, below: 0 },
    clients: { recorded: 0, short: 0 },
    tails: [],
    retried: [],
  };
  for (const run of runs) {
    const d = run.diagnostics;
    if (recorded(d.trace.overrun)) {
      s.overrun.recorded++;
      if (d.trace.overrun > 0) s.overrun.positive++;
    }
    if (recorded(d.trace.scans)) {
      s.longGaps.recorded++;
      if (d.trace.scans.longGaps > 0) s.longGaps.positive++;
      if (recorded(d.trace.scans.durations)) {
        s.longScans.recorded++;
        if (d.trace.scans.durations.overOneSecond > 0) s.longScans.positive++;
      }
    }
    if (recorded(d.flood)) {
      s.flood.recorded++;
      if (d.flood.shortfall > 0) s.flood.shortfall++;
    }
    if (recorded(d.drops)) {
      s.drops.recorded++;
      const side = outsideEveryRun(d.drops);
      if (side) s.drops[side]++;
    }
    if (recorded(d.clients)) {
      s.clients.recorded++;
      if (d.clients.short.length > 0) s.clients.short++;
    }
    const tails = tailsOf(run.pit);
    if (tails.length > 0) s.tails.push({ run, tails });
    if (run.tryDir) s.retried.push(run);
  }
  return s;
}
