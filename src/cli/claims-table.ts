// Text rendering of a verdict for the terminal.
import type { Verdict } from '../compare/verdict.ts';
import { describeCheck } from '../compare/bands.ts';

export function verdictText(v: Verdict): string {
  const lines: string[] = [];
  for (const x of Object.values(v.variants)) {
    const checks = x.checks.map(describeCheck).join(', ');
    lines.push(`${x.variant.padEnd(8)} ${x.agrees ? 'agrees with' : 'DISAGREES with'} the ${x.modelVariant} model (samples in band: ${checks})`);
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
