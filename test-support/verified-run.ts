// End-to-end tests' one verify run: `verify --scenario fixtures/scenarios/<name>.yaml`,
// asserted to exit 0 with each variant checked on every series and in band,
// then its record read back (result, claims' outcomes and reasons, each
// variant's results, metadata) for the test's own assertions.
import type { Test } from 'tap';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { execa } from 'execa';
import { describeCheck, type BandCheck } from '../src/compare/bands.ts';
import { parseResults, type ParsedResults } from '../src/record/results.ts';

const ROOT = new URL('..', import.meta.url).pathname;
// compare/verdict.ts's CHECKED_SERIES, written out: a loop over no check would pass.
const CHECKED = ['conns', 'synRecv', 'templates', 'assured'];

export interface ClaimRow {
  id: string;
  variant: string;
  outcome: string;
  reason: string;
}

export async function verifiedRun(t: Test, scenario: string) {
  const out = join(ROOT, 'runs', `e2e-${scenario}-${Date.now()}`);
  const r = await execa('node', ['bin/ipvs-verify.js', 'verify', '--scenario', `fixtures/scenarios/${scenario}.yaml`, '--out', out], { cwd: ROOT, reject: false, all: true });
  t.equal(r.exitCode, 0, `verify exits 0\n${r.all?.slice(-3000)}`);
  const result = JSON.parse(readFileSync(join(out, 'result.json'), 'utf8'));
  for (const v of ['base', 'patched']) {
    t.same((result.verdict.variants[v].checks as BandCheck[]).map((c) => c.series), CHECKED, `${v}: the series checked`);
    for (const c of result.verdict.variants[v].checks as BandCheck[]) t.ok(c.agrees, `${v}: ${describeCheck(c)} of samples in band`);
  }
  const claims = result.verdict.claims as ClaimRow[];
  const outcome: Record<string, string> = Object.fromEntries(claims.map((c) => [c.id, c.outcome]));
  const reasons = JSON.stringify(claims.map((c) => c.reason));
  const records = (v: string): ParsedResults => parseResults(readFileSync(join(out, `results-${v}.jsonl`), 'utf8'));
  return { all: r.all ?? '', claims, outcome, reasons, records, meta: JSON.parse(readFileSync(join(out, 'metadata.json'), 'utf8')) };
}
