// Pure: the self-contained HTML report: the headline picture first, then the
// verdict, plots (inline SVG), the claim table, the metadata and links to the
// logs beside it in the run record.
import { describeEarlierTries, type Verdict } from '../compare/verdict.ts';
import { describeCheck } from '../compare/bands.ts';
import type { CoverageSummary } from '../coverage/record.ts';
import { OUTCOME_LABEL } from '../claims/outcome.ts';
import { HEADLINE_STYLE, headlineFigure, type Headline } from './headline-figure.ts';

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

export interface HtmlInput {
  title: string;
  verdict: Verdict;
  plots: { id: string; title: string; svg: string }[];
  metadata: Record<string, unknown>;
  /** Files of the run record to link to (relative names). */
  logs: string[];
  /** The headline picture (./headline.ts), shown before everything else. */
  headline?: Headline;
}

export function reportHtml(i: HtmlInput): string {
  const v = i.verdict;
  const variantRows = Object.values(v.variants)
    .map((x) => {
      const tries = describeEarlierTries(x);
      return `<tr class="${x.agrees ? 'pass' : 'fail'}"><td>${esc(x.variant)}</td><td>${esc(x.modelVariant)} model</td><td>${x.agrees ? 'agrees' : 'DISAGREES'}</td><td>${x.checks
        .map((c) => esc(describeCheck(c)))
        .join(', ')}${tries ? `<br><small>${esc(tries)}</small>` : ''}</td></tr>`;
    })
    .join('\n');
  const claimRows = v.claims
    .map(
      (c) =>
        `<tr class="${c.outcome}"><td>${c.id}</td><td>${esc(c.variant)}</td><td>${OUTCOME_LABEL[c.outcome]}</td><td>${esc(c.title)}<br><small>${esc(c.reason)}</small></td><td class="numbers">${Object.entries(c.numbers)
          .map(([k, n]) => `${esc(k)}: ${esc(String(n))}`)
          .join('<br>')}</td></tr>`,
    )
    .join('\n');
  const plots = i.plots.map((p) => `<figure id="${esc(p.id)}" class="plot"><figcaption>${esc(p.title)}</figcaption>${p.svg}</figure>`).join('\n');
  const logs = i.logs.map((l) => `<li><a href="${encodeURI(l)}">${esc(l)}</a></li>`).join('\n');
  const coverage = coverageSection(i.metadata.coverage as CoverageSummary | undefined);
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>${esc(i.title)}</title>
<style>
body { font-family: system-ui, sans-serif; margin: 2em; max-width: 1100px; }
table { border-collapse: collapse; margin: 1em 0; }
td, th { border: 1px solid #ccc; padding: 4px 8px; vertical-align: top; text-align: left; }
tr.pass td:nth-child(3) { color: #1a7f37; font-weight: bold; }
tr.fail td:nth-child(3) { color: #cf222e; font-weight: bold; }
tr.inconclusive td:nth-child(3) { color: #9a6700; }
tr.not-delivered td:nth-child(3) { color: #8250df; font-weight: bold; }
#not-delivered { border-left: 4px solid #8250df; padding-left: 0.8em; }
figure.plot { margin: 1em 0; }
td.numbers { font-family: monospace; font-size: 85%; white-space: nowrap; }
#claims td:nth-child(4) { min-width: 28em; }
pre { background: #f6f8fa; padding: 1em; overflow: auto; }
${HEADLINE_STYLE}
</style>
</head>
<body>
<h1>${esc(i.title)}</h1>
${i.headline ? headlineFigure(i.headline) : ''}<p id="verdict" class="${v.claimsHold ? 'pass' : 'fail'}"><strong>${v.claimsHold ? 'The kernels do what the models predict.' : 'FAILED: a kernel left its model, or a claim failed.'}</strong></p>
${notDeliveredNote(v)}<h2>Variants against their models</h2>
<table id="variants"><tr><th>variant</th><th>judged by</th><th>verdict</th><th>samples in the 99% band</th></tr>
${variantRows}
</table>
<h2>Claims</h2>
<table id="claims"><tr><th>claim</th><th>variant</th><th>outcome</th><th>what and why</th><th>numbers</th></tr>
${claimRows}
</table>
${coverage}<h2>Plots</h2>
<p>Shaded: the model's 99% (light) and 90% (dark) bands and its median; points: what the kernel did.</p>
${plots}
<h2>Logs</h2>
<ul>
${logs}
</ul>
<h2>Metadata</h2>
<pre>${esc(JSON.stringify(i.metadata, null, 2))}</pre>
</body>
</html>
`;
}

/** Under the verdict: what the series does not deliver in this configuration, and the kernel code that decides it. */
export function notDeliveredNote(v: Pick<Verdict, 'claims'>): string {
  const claims = v.claims.filter((c) => c.outcome === 'not-delivered');
  if (claims.length === 0) return '';
  const items = claims.map((c) => `<li>${c.id} (${esc(c.variant)}): ${esc(c.title)}: ${esc(c.undelivered ?? c.reason)}</li>`).join('\n');
  return `<div id="not-delivered"><p><strong>NOT DELIVERED:</strong> in this configuration the series, by its own code, cannot make these claims true. No kernel is at fault (the verdict stands); each kernel still follows its model here.</p>
<ul>
${items}
</ul></div>
`;
}

/** "Series coverage" (a run made with --coverage): per patch, per hunk, unreached hunks first. */
export function coverageSection(c: CoverageSummary | undefined): string {
  if (!c || c.length === 0) return '';
  const fmt = (r: boolean | null, n: number) => (r === null ? 'n/a' : r ? `yes (${n})` : 'NO (0)');
  const rows = c
    .flatMap((p) => p.detail.map((h) => ({ p, h })))
    .sort((a, b) => Number(a.h.reachedBase === true || a.h.reachedPatched === true) - Number(b.h.reachedBase === true || b.h.reachedPatched === true))
    .map(({ p, h }) => {
      const reached = h.reachedBase === true || h.reachedPatched === true;
      return `<tr class="${reached ? 'pass' : 'inconclusive'}"><td>${p.patch}.${h.hunk}</td><td>${esc(h.file)}:${h.line ?? '?'}</td><td>${fmt(h.reachedBase, h.countBase)}</td><td>${fmt(h.reachedPatched, h.countPatched)}</td><td>${esc(h.context || '-')}</td></tr>`;
    })
    .join('\n');
  const line = c.map((p) => `patch ${p.patch} ${p.reached}/${p.hunks} hunks`).join(', ');
  return `<h2>Series coverage</h2>
<p id="coverage">series coverage: ${esc(line)} (a hunk is reached when one of its changed lines ran; n/a: no executable changed line in that variant)</p>
<table id="coverage-hunks"><tr><th>hunk</th><th>file:line</th><th>base</th><th>patched</th><th>in</th></tr>
${rows}
</table>
`;
}
