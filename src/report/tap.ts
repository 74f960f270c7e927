// Pure: a verdict as TAP 14, one test per variant's agreement and per claim, with
// YAML diagnostics carrying the numbers.
import { stringify } from 'yaml';
import type { Verdict } from '../compare/verdict.ts';
import type { CoverageSummary } from '../coverage/record.ts';

function diag(obj: unknown): string {
  return ['  ---', ...stringify(obj).trimEnd().split('\n').map((l) => `  ${l}`), '  ...'].join('\n');
}

/** `coverage`: a run made with --coverage adds a test a patch (information: it passes whatever it reached). */
export function verdictTap(v: Verdict, coverage?: CoverageSummary): string {
  const lines = ['TAP version 14'];
  const tests: { ok: boolean; name: string; directive?: string; diag: unknown }[] = [];
  for (const x of Object.values(v.variants)) {
    tests.push({
      ok: x.agrees,
      name: `${x.variant}: the kernel follows the ${x.modelVariant} model`,
      ...(x.unjudged ? { directive: `SKIP not judged: ${x.unjudged}` } : {}),
      diag: { checks: x.checks.map((c) => ({ series: c.series, inBand: Number(c.fraction.toFixed(4)), agrees: c.agrees, missArea: Number(c.area.toFixed(3)), modelRunsLargestArea: Number(c.runs.largestArea.toFixed(3)), modelRunsAsWide: c.runs.wider, ...(c.runs.fresh ? { furtherRuns: c.runs.fresh.count, furtherRunsAsWide: c.runs.fresh.wider } : {}), ...(c.worst ? { worst: c.worst } : {}) })), model: x.model, ...(x.earlierTries ? { earlierTries: x.earlierTries.map((e) => e.dir) } : {}) },
    });
  }
  for (const c of v.claims) {
    tests.push({
      ok: c.outcome !== 'fail',
      name: `${c.id} (${c.variant}): ${c.title}`,
      // Neither is a kernel's fault, so both are ok lines; SKIP puts them in a
      // consumer's skipped tally with the reason, where a plain ok would hide
      // what the series does not deliver among the passes.
      ...(c.outcome === 'inconclusive' ? { directive: `SKIP inconclusive: ${c.reason}` } : {}),
      ...(c.outcome === 'not-delivered' ? { directive: `SKIP NOT DELIVERED: ${c.reason}` } : {}),
      diag: { outcome: c.outcome, reason: c.reason, numbers: c.numbers },
    });
  }
  for (const p of coverage ?? []) {
    tests.push({ ok: true, name: `coverage: patch ${p.patch} ${p.reached} of ${p.hunks} hunks reached`, diag: { subject: p.subject, measurable: p.measurable, hunks: p.detail } });
  }
  lines.push(`1..${tests.length}`);
  tests.forEach((t, i) => {
    lines.push(`${t.ok ? 'ok' : 'not ok'} ${i + 1} - ${t.name.replace(/#/g, '\\#')}${t.directive ? ` # ${t.directive.replace(/\n/g, ' ')}` : ''}`);
    lines.push(diag(t.diag));
  });
  return lines.join('\n') + '\n';
}
