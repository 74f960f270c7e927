// Pure: several run records' results as one: a summary page and one TAP and
// JUnit stream, for a nightly job that ran its scenarios as shards.
import type { Verdict } from '../compare/verdict.ts';
import { verdictTap } from './tap.ts';
import { verdictJunit } from './junit.ts';
import { HEADLINE_STYLE, headlineFigure, type Headline } from './headline-figure.ts';

export interface RunResult {
  run: string;
  verdict: Verdict;
}

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** TAP 14 with one subtest per run. */
export function mergedTap(runs: RunResult[]): string {
  const lines = ['TAP version 14', `1..${runs.length}`];
  runs.forEach((r, i) => {
    lines.push(`# Subtest: ${r.run}`);
    for (const l of verdictTap(r.verdict).trimEnd().split('\n').slice(1)) lines.push(`    ${l}`);
    lines.push(`${r.verdict.claimsHold ? 'ok' : 'not ok'} ${i + 1} - ${r.run}`);
  });
  return lines.join('\n') + '\n';
}

export function mergedJunit(runs: RunResult[]): string {
  const suites = runs.map((r) => verdictJunit(r.verdict, r.run).split('\n').filter((l) => /^\s{2,}</.test(l)).join('\n'));
  return `<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="ipvs-verify">\n${suites.join('\n')}\n</testsuites>\n`;
}

/** The summary page: one headline per forwarding method (./suite-headlines.ts) first, then a row per run. */
export function mergedHtml(runs: RunResult[], headlines: Headline[] = []): string {
  const rows = runs
    .map((r) => {
      const claims = r.verdict.claims.map((c) => `${c.id} ${c.outcome}`).join(', ');
      const variants = Object.values(r.verdict.variants).map((v) => `${v.variant} ${v.agrees ? 'agrees' : 'DISAGREES'}`).join(', ');
      return `<tr class="${r.verdict.claimsHold ? 'pass' : 'fail'}"><td><a href="${encodeURI(r.run)}/report.html">${esc(r.run)}</a></td><td>${r.verdict.claimsHold ? 'PASS' : 'FAIL'}</td><td>${esc(variants)}</td><td>${esc(claims)}</td></tr>`;
    })
    .join('\n');
  const ok = runs.every((r) => r.verdict.claimsHold);
  return `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>ipvs-verify: ${runs.length} runs</title>
<style>body{font-family:system-ui,sans-serif;margin:2em}td,th{border:1px solid #ccc;padding:4px 8px}table{border-collapse:collapse}tr.fail td:nth-child(2){color:#cf222e;font-weight:bold}tr.pass td:nth-child(2){color:#1a7f37;font-weight:bold}${HEADLINE_STYLE}</style>
</head><body><h1>ipvs-verify: ${runs.length} runs</h1>
${headlines.map(headlineFigure).join('')}<p id="verdict"><strong>${ok ? 'All runs: the kernels do what the models predict.' : 'FAILED: see the runs marked FAIL.'}</strong></p>
<table id="runs"><tr><th>run</th><th>verdict</th><th>variants</th><th>claims</th></tr>
${rows}
</table></body></html>
`;
}
