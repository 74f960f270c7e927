// Text rendering of a verdict for the terminal.
import { describeEarlierTries, type Verdict } from '../compare/verdict.ts';
import { describeCheck } from '../compare/bands.ts';
import { OUTCOME_LABEL, OUTCOME_WIDTH } from '../claims/outcome.ts';

/** "C3", or "C3 and C6": the claims NOT DELIVERED (each id once), or '' for none. */
export function notDeliveredIds(v: Pick<Verdict, 'claims'>): string {
  const ids = [...new Set(v.claims.filter((c) => c.outcome === 'not-delivered').map((c) => c.id))];
  return ids.length <= 1 ? (ids[0] ?? '') : `${ids.slice(0, -1).join(', ')} and ${ids.at(-1)}`;
}

/** Said when the kernel's connection table is not the size the scenario asked for. */
export function tableNote(t: { requestedBits: number; reportedSize?: number; modelBits: number } | undefined): string | undefined {
  if (!t || t.reportedSize === undefined || t.reportedSize === 2 ** t.requestedBits) return undefined;
  return `conn_tab_bits ${t.requestedBits} was asked for (${2 ** t.requestedBits} buckets); the kernel made ${t.reportedSize} (clamped: 6.12's ip_vs_conn_init() bounds it by the guest's memory), and the model uses that`;
}

export function verdictText(v: Verdict): string {
  const lines: string[] = [];
  for (const x of Object.values(v.variants)) {
    const checks = x.checks.map(describeCheck).join(', ');
    if (x.unjudged) lines.push(`${x.variant.padEnd(8)} not judged against the ${x.modelVariant} model: ${x.unjudged} (samples in band, shown only: ${checks})`);
    else lines.push(`${x.variant.padEnd(8)} ${x.agrees ? 'agrees with' : 'DISAGREES with'} the ${x.modelVariant} model (samples in band: ${checks})`);
    const tries = describeEarlierTries(x);
    if (tries) lines.push(`${''.padEnd(8)} ${tries}`);
    const clamped = tableNote(x.table);
    if (clamped) lines.push(`${''.padEnd(8)} ${clamped}`);
  }
  lines.push('');
  const indent = ' '.repeat(2 + 1 + 8 + 1 + OUTCOME_WIDTH + 1);
  for (const c of v.claims) {
    lines.push(`${c.id} ${c.variant.padEnd(8)} ${OUTCOME_LABEL[c.outcome].padEnd(OUTCOME_WIDTH)} ${c.title}`);
    lines.push(`${indent}${c.reason}`);
  }
  lines.push('', v.claimsHold ? 'verdict: the kernels do what the models predict' : 'verdict: FAILED');
  // What the series does not deliver here is its own, not a kernel's fault: said apart, the exit code stays 0.
  const undelivered = notDeliveredIds(v);
  if (undelivered) lines.push(`the series does not deliver ${undelivered} in this configuration, by its own code (NOT DELIVERED above, with the kernel function)`);
  // Nothing failed, and nothing could be judged: say so, rather than let 0 read as "proved".
  if (v.claimsHold && !v.judgeable) lines.push('no claim could be judged by this scenario (each is INCONCLUSIVE, with its reason above)');
  return lines.join('\n');
}
