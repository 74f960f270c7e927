// Text rendering of a verdict for the terminal.
import { describeEarlierTries, type Verdict } from '../compare/verdict.ts';
import { describeCheck } from '../compare/bands.ts';

/** Said when the kernel's connection table is not the size the scenario asked for. */
export function tableNote(t: { requestedBits: number; reportedSize?: number; modelBits: number } | undefined): string | undefined {
  if (!t || t.reportedSize === undefined || t.reportedSize === 2 ** t.requestedBits) return undefined;
  return `conn_tab_bits ${t.requestedBits} was asked for (${2 ** t.requestedBits} buckets); the kernel made ${t.reportedSize} (clamped: 6.12's ip_vs_conn_init() bounds it by the guest's memory), and the model uses that`;
}

export function verdictText(v: Verdict): string {
  const lines: string[] = [];
  for (const x of Object.values(v.variants)) {
    const checks = x.checks.map(describeCheck).join(', ');
    lines.push(`${x.variant.padEnd(8)} ${x.agrees ? 'agrees with' : 'DISAGREES with'} the ${x.modelVariant} model (samples in band: ${checks})`);
    const tries = describeEarlierTries(x);
    if (tries) lines.push(`${''.padEnd(8)} ${tries}`);
    const clamped = tableNote(x.table);
    if (clamped) lines.push(`${''.padEnd(8)} ${clamped}`);
  }
  lines.push('');
  for (const c of v.claims) {
    lines.push(`${c.id} ${c.variant.padEnd(8)} ${c.outcome.toUpperCase().padEnd(12)} ${c.title}`);
    lines.push(`${' '.repeat(25)}${c.reason}`);
  }
  lines.push('', v.claimsHold ? 'verdict: the kernels do what the models predict' : 'verdict: FAILED');
  // Nothing failed, and nothing could be judged: say so, rather than let 0 read as "proved".
  if (v.claimsHold && !v.judgeable) lines.push('no claim could be judged by this scenario (each is INCONCLUSIVE, with its reason above)');
  return lines.join('\n');
}
