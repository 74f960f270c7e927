// Pure: a verdict as JUnit XML: a test suite per variant, and one for the claims.
import { type Verdict } from '../compare/verdict.ts';
import type { CoverageSummary } from '../coverage/record.ts';
import type { Outcome } from '../claims/types.ts';

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

interface Case {
  name: string;
  classname: string;
  outcome: Outcome;
  message: string;
}

/**
 * A testcase's body. NOT DELIVERED is no kernel's fault (the build stays
 * green) but is what a maintainer must see: skipped, as CI dashboards list
 * skipped cases apart with their message, where a passing case's system-out
 * is folded away among the passes; its message says NOT DELIVERED, so it is
 * not read as an INCONCLUSIVE.
 */
function inner(c: Case): string {
  if (c.outcome === 'fail') return `<failure message="${esc(c.message)}"/>`;
  if (c.outcome === 'inconclusive') return `<skipped message="${esc(c.message)}"/>`;
  if (c.outcome === 'not-delivered') return `<skipped message="${esc(`NOT DELIVERED: ${c.message}`)}"/>`;
  return `<system-out>${esc(c.message)}</system-out>`;
}

function suite(name: string, cases: Case[]): string {
  const failures = cases.filter((c) => c.outcome === 'fail').length;
  const skipped = cases.filter((c) => c.outcome === 'inconclusive' || c.outcome === 'not-delivered').length;
  const body = cases.map((c) => `    <testcase classname="${esc(c.classname)}" name="${esc(c.name)}">${inner(c)}</testcase>`).join('\n');
  return `  <testsuite name="${esc(name)}" tests="${cases.length}" failures="${failures}" skipped="${skipped}">\n${body}\n  </testsuite>`;
}

export function verdictJunit(v: Verdict, runName: string, coverage?: CoverageSummary): string {
  const suites: string[] = [];
  for (const x of Object.values(v.variants)) {
    suites.push(
      suite(`${runName}.${x.variant}`, [
        ...x.checks.map((c) => ({
          name: `${c.series} within the ${x.modelVariant} model's band`,
          classname: `${runName}.${x.variant}`,
          outcome: (c.agrees ? 'pass' : 'fail') as Case['outcome'],
          message: `${(100 * c.fraction).toFixed(1)}% of ${c.samples} samples in band, missing by ${c.area.toFixed(2)} band-widths; the model's own runs miss by up to ${c.runs.largestArea.toFixed(2)} (${c.runs.wider} of ${c.runs.count} by as much${c.runs.fresh ? `; ${c.runs.fresh.wider} of ${c.runs.fresh.count} further runs` : ''})${c.worst ? `; worst at t=${c.worst.t}: ${c.worst.value} outside ${c.worst.lo}..${c.worst.hi}` : ''}`,
        })),
      ]),
    );
  }
  suites.push(
    suite(
      `${runName}.claims`,
      v.claims.map((c) => ({ name: `${c.id} (${c.variant}): ${c.title}`, classname: `${runName}.claims`, outcome: c.outcome, message: c.reason })),
    ),
  );
  if (coverage && coverage.length > 0) {
    const fmt = (r: boolean | null) => (r === null ? 'n/a' : r ? 'reached' : 'NOT reached');
    suites.push(
      suite(
        `${runName}.coverage`,
        coverage.map((p) => ({
          name: `patch ${p.patch}: ${p.reached} of ${p.hunks} hunks reached`,
          classname: `${runName}.coverage`,
          outcome: 'pass' as const,
          message: p.detail.map((h) => `hunk ${h.hunk} ${h.file}:${h.line ?? '?'} (${h.context || '-'}): base ${fmt(h.reachedBase)} ${h.countBase}, patched ${fmt(h.reachedPatched)} ${h.countPatched}`).join('\n'),
        })),
      ),
    );
  }
  return `<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="${esc(runName)}">\n${suites.join('\n')}\n</testsuites>\n`;
}
