// Pure: the mutants' table: one row a mutant (its hunk, its status, one column
// a scenario: what killed it there, or "survived"), the score, then the
// survivors, the equivalent ones with their argument, and the errors.
import { mutantStatus, score, type MutantCell, type MutantsRecord } from './record.ts';

const cellText = (c: MutantCell | undefined): string => {
  if (!c) return '';
  if (c.outcome === 'killed') return `killed: ${c.by.join(', ')}`;
  return c.outcome;
};

export function scoreLine(r: MutantsRecord): string {
  const s = score(r);
  const pct = (100 * s.score).toFixed(0);
  return `mutation score on ${r.kernelLine}: ${s.killed}/${s.nonEquivalent} killed (${pct}%), ${s.equivalent} equivalent, ${s.survived.length} survived, ${s.errors.length} error(s)${s.notRun.length > 0 ? `, ${s.notRun.length} not run` : ''}`;
}

/** Pipes in a markdown cell would split it. */
const md = (s: string) => s.replace(/\|/g, '\\|').replace(/\n/g, ' ');

export function mutantsMarkdown(r: MutantsRecord): string {
  const cell = new Map(r.cells.map((c) => [`${c.mutant}\0${c.scenario}`, c]));
  const head = ['mutant', 'hunk', 'status', ...r.scenarios];
  const rows = r.mutants.map((m) => [m.id, m.hunk, mutantStatus(m, r.cells), ...r.scenarios.map((s) => cellText(cell.get(`${m.id}\0${s}`)))]);
  const table = [head, head.map(() => '---'), ...rows].map((row) => `| ${row.map(md).join(' | ')} |`);
  const s = score(r);
  const info = new Map(r.mutants.map((m) => [m.id, m]));
  const out = [`# Mutants on ${r.kernelLine}`, '', scoreLine(r), '', ...table];
  if (s.survived.length > 0) {
    out.push('', '## Survivors (no scenario killed them; add one that does, or argue them equivalent)', '');
    for (const id of s.survived) out.push(`- ${id} (${info.get(id)!.hunk}): ${md(info.get(id)!.breaks)}${info.get(id)!.expect ? `; expected: ${md(info.get(id)!.expect!)}` : ''}`);
  }
  if (s.notRun.length > 0) {
    out.push('', '## Not run (no scenario ran them: the record is partial)', '');
    for (const id of s.notRun) out.push(`- ${id} (${info.get(id)!.hunk}): ${md(info.get(id)!.breaks)}`);
  }
  const eq = r.mutants.filter((m) => mutantStatus(m, r.cells) === 'equivalent');
  if (eq.length > 0) {
    out.push('', '## Equivalent', '');
    for (const m of eq) out.push(`- ${m.id} (${m.hunk}): ${md(m.equivalent!)}`);
  }
  const wrong = r.mutants.filter((m) => m.equivalent && mutantStatus(m, r.cells) === 'killed');
  if (wrong.length > 0) {
    out.push('', '## Argued equivalent, but killed (the argument is wrong)', '');
    for (const m of wrong) out.push(`- ${m.id} (${m.hunk})`);
  }
  const errors = r.cells.filter((c) => c.outcome === 'error');
  if (errors.length > 0) {
    out.push('', '## Errors', '');
    for (const c of errors) out.push(`- ${c.mutant} on ${c.scenario}: ${md(c.note.split('\n')[0]!)}`);
  }
  return out.join('\n') + '\n';
}
