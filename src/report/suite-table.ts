// Pure: a suite's scenarios side by side, one row each: how much of each
// variant's samples lay in its model's band (the lowest of its series), each
// claim's outcome (a claim carried by both variants' runs as base/patched), the
// verdict and the wall time; then what the series does not deliver, and why.
import type { Verdict } from '../compare/verdict.ts';
import type { Variant } from '../model/params.ts';
import type { Outcome } from '../claims/types.ts';
import { OUTCOME_LABEL } from '../claims/outcome.ts';

export interface SuiteRow {
  scenario: string;
  verdict: Verdict;
  seconds: number;
}

/** Short where it is common (inconclusive), in full where it is a finding. */
const LETTER: Readonly<Record<Outcome, string>> = { ...OUTCOME_LABEL, inconclusive: 'inc' };

export function suiteTable(rows: SuiteRow[]): string {
  const ids = [...new Set(rows.flatMap((r) => r.verdict.claims.map((c) => c.id)))].sort();
  const inBand = (r: SuiteRow, v: Variant) => {
    const x = r.verdict.variants[v];
    if (!x) return '-';
    const lowest = Math.min(...x.checks.map((c) => c.fraction));
    return `${(100 * lowest).toFixed(0)}%${x.agrees ? '' : ' DISAGREES'}`;
  };
  const head = ['scenario', 'base in band', 'patched in band', ...ids, 'verdict', 'wall'];
  const body = rows.map((r) => [
    r.scenario,
    inBand(r, 'base'),
    inBand(r, 'patched'),
    ...ids.map((id) => {
      const cs = r.verdict.claims.filter((c) => c.id === id);
      return cs.length === 0 ? '-' : cs.map((c) => LETTER[c.outcome]).join('/');
    }),
    r.verdict.claimsHold ? 'PASS' : 'FAIL',
    `${r.seconds.toFixed(0)} s`,
  ]);
  const table = [head, ...body];
  const widths = head.map((_, k) => Math.max(...table.map((row) => row[k]!.length)));
  const text = table.map((row) => row.map((cell, k) => cell.padEnd(widths[k]!)).join('  ').trimEnd()).join('\n');
  return [text, ...notDelivered(rows)].join('\n');
}

/** Under the table, each NOT DELIVERED claim with the kernel code that decides it (a cell has no room for it). */
function notDelivered(rows: SuiteRow[]): string[] {
  const notes = rows.flatMap((r) =>
    r.verdict.claims.filter((c) => c.outcome === 'not-delivered').map((c) => `  ${r.scenario} ${c.id} (${c.variant}): ${c.undelivered ?? c.reason}`),
  );
  return notes.length === 0 ? [] : ['', 'NOT DELIVERED: the series, by its own code, cannot make the claim true there (not a kernel fault: it fails no verdict)', ...notes];
}
