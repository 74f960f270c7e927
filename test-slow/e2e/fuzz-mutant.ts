// End to end (the full set: npm run test:full, nightly): `fuzz --mutant`, a
// campaign over a broken kernel (README "Fuzzing"): assure-ct-inverted (hunk
// 1.3: no template ever becomes ASSURED; its catalogue entry expects C3 to
// FAIL) built as the patched variant, three cases drawn from seed 389, the
// first that catches it shrunk (at most 3 real runs, 4 minutes) and the
// campaign stopped there. The test reads which case caught it from the
// record, not from memory. About 2-4 min on 2 cores under TCG: the mutant's
// kernel (an incremental build, or the cache's), one to three cases of one
// guest each, and the shrink steps.
import t from 'tap';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { execa } from 'execa';
import { mutantById, mutantTag } from '../../src/mutants/variant.ts';
import { caseName, caseSeed } from '../../src/fuzz/draw.ts';
import { failing, type CaseRecord } from '../../src/fuzz/case-record.ts';
import type { FuzzReport } from '../../src/fuzz/report.ts';

const ROOT = new URL('../..', import.meta.url).pathname;
const out = join(ROOT, 'runs', `e2e-fuzz-mutant-${Date.now()}`);
const MUTANT = 'assure-ct-inverted';
const SEED = 389;
const COUNT = 3;
const json = <T>(...p: string[]): T => JSON.parse(readFileSync(join(...p), 'utf8')) as T;

t.test(`fuzz --mutant ${MUTANT}: a case catches it, shrunk to a valid minimal.yaml; the report names the mutant and the case`, async (t) => {
  const tag = mutantTag(await mutantById(MUTANT));
  const args = ['fuzz', '--mutant', MUTANT, '--count', String(COUNT), '--seed', String(SEED), '--shrink-steps', '3', '--shrink-minutes', '4', '--retries', '0', '--out', out];
  const r = await execa('node', ['bin/ipvs-verify.js', ...args], { cwd: ROOT, reject: false, all: true });
  const all = r.all ?? '';
  t.equal(r.exitCode, 0, `a mutant campaign exits 0 when a case caught the mutant\n${all}`);

  // The journal: the cases up to the one that caught it, in order, each naming the mutant and its patch.
  const records = readFileSync(join(out, 'journal.jsonl'), 'utf8').split('\n').filter((l) => l !== '').map((l) => JSON.parse(l) as CaseRecord);
  t.ok(records.length >= 1 && records.length <= COUNT, `1 to ${COUNT} cases run (${records.length})`);
  t.same(records.map((x) => x.index), records.map((_, k) => k), 'cases 0, 1, ... in order');
  for (const x of records) t.same(x.mutant, tag, `case ${x.index}: the mutant's id and patch digest`);
  const caught = records.at(-1)!;
  t.same(records.slice(0, -1).map((x) => x.outcome), records.slice(0, -1).map(() => 'pass'), 'the cases before it passed');
  t.equal(caught.outcome, 'fail', `case ${caught.index} caught it: ${JSON.stringify(caught.first)}`);
  t.ok(failing(caught.first), 'its first run is a failure: the kernel left its model or a claim FAILed');
  t.equal(caught.seed, caseSeed(SEED, caught.index));

  // The shrink: within its budget, the minimal scenario still failing, its YAML beside the case.
  const s = caught.shrink;
  t.ok(s, 'the failure was shrunk');
  if (!s) return;
  t.ok(s.steps <= 3, `at most --shrink-steps 3 real runs (${s.steps})`);
  t.ok(failing(s.minimalRun), 'the minimal scenario fails too');
  t.equal(s.file, `${caseName(caught.index)}/minimal.yaml`);
  const minimal = join(out, s.file);
  t.ok(existsSync(minimal), 'minimal.yaml written');
  const yamlText = readFileSync(minimal, 'utf8');
  t.match(yamlText, new RegExp(`^# replay: ipvs-verify fuzz --replay ${caught.seed}:${s.path} --mutant ${MUTANT}$`, 'm'), 'its comment says how to replay it, on the mutant');
  const check = await execa('node', ['bin/ipvs-verify.js', 'check-scenario', minimal], { cwd: ROOT, reject: false, all: true });
  t.equal(check.exitCode, 0, `check-scenario minimal.yaml: ${check.all}`);
  t.match(check.stdout, /: ok \(fuzz-\d{4}, \d+ guest-s\)$/);

  // The report: fuzz.json and fuzz.md name the mutant, the case that caught it, where it shrank to.
  const report = json<FuzzReport>(out, 'fuzz.json');
  t.same(report.mutant, tag);
  t.same([report.counts.cases, report.counts.fail, report.counts.shrunk], [records.length, 1, 1]);
  t.equal(report.failures.length, 1, 'one failure');
  t.equal(report.failures[0]!.index, caught.index);
  if (caught.index < COUNT - 1) t.equal(report.stopped, `mutant ${MUTANT} caught at case ${caught.index}`, 'the campaign stopped once it was caught');
  const line = new RegExp(`^mutant ${MUTANT}: failure found at case ${caught.index}, shrunk to ${s.file.replace('.', '\\.')} in ${s.steps} runs`);
  const md = readFileSync(join(out, 'fuzz.md'), 'utf8').split('\n');
  t.equal(md[0], `# Fuzz report (seed ${SEED}, mutant ${MUTANT})`, "fuzz.md's title names the mutant");
  const bold = md.find((l) => l.startsWith('**mutant '));
  t.ok(bold, "fuzz.md's bold line: the mutant and the case that caught it");
  t.match(bold?.replace(/^\*\*|\*\*$/g, '') ?? '', line);
  t.ok(md.indexOf(bold ?? '') < md.findIndex((l) => /^\d+ cases: /.test(l)), 'ahead of the counts: the first thing the report says');
  t.match(all, new RegExp(line.source, 'm'), 'printed at the end of the campaign as well');
});
