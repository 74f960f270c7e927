// What the harness catches, for real (README "Mutants" and "Fuzzing"): the
// unit tests (test/cli/mutants.test.ts, test/cli/fuzz.test.ts) boot nothing.
// 1. `mutants` builds one mutant of the catalogue (tcp-no-assure, the series
//    plus its patch: an incremental build, or the cache's kernel) and runs the
//    smoke scenario on it; the catalogue's Expect line says what must kill it.
// 2. `fuzz --count 1` draws one scenario and runs both variants of it on the
//    series, then `fuzz --replay` of that case's seed runs the same scenario.
// About 60-80 s on 2 cores under TCG with the kernels cached: the mutant's
// smoke run (one guest, 160 guest-s) ~30 s, the fuzz case and its replay
// (18 guest-s each, both guests side by side) ~15 s each. The records are
// kept under runs/ (ignored by git): the evidence when CI fails.
import t, { type Test } from 'tap';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { execa, type Result } from 'execa';
import { mutantById, patchDigest } from '../../src/mutants/variant.ts';
import { score, type MutantsRecord } from '../../src/mutants/record.ts';
import { caseName, caseSeed, scenarioAt, scenarioHash } from '../../src/fuzz/draw.ts';
import type { CaseRecord } from '../../src/fuzz/case-record.ts';
import type { FuzzReport } from '../../src/fuzz/report.ts';
import type { Scenario } from '../../src/scenario/schema.ts';

const ROOT = new URL('../..', import.meta.url).pathname;
const stamp = Date.now();
const cli = (args: string[]) => execa('node', ['bin/ipvs-verify.js', ...args], { cwd: ROOT, reject: false, all: true });
const json = <T>(...p: string[]): T => JSON.parse(readFileSync(join(...p), 'utf8')) as T;
/** Its exit code, with the whole output as the message: what went wrong is then in the test's own log. */
const exits = (t: Test, r: Result, code: number, what: string) => t.equal(r.exitCode, code, `${what} exits ${code}\n${String(r.all ?? '')}`);
const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/** A scenario's values without its name: a case and its replay name the same draw differently. */
const unnamed = ({ name: _name, ...rest }: { name: string }) => rest;

interface Claim {
  id: string;
  variant: string;
  outcome: string;
}
interface RunResult {
  verdict: { variants: Record<string, { agrees: boolean; checks: unknown[] }>; claims: Claim[] };
}

const MUTANT = 'tcp-no-assure';

t.test(`mutants --mutant ${MUTANT} on smoke: built, run, killed by what its catalogue entry expects; score 1/1`, async (t) => {
  const m = await mutantById(MUTANT);
  // The catalogue's Expect line ("C3 FAIL, assured band (smoke, syn-flood-persistent)"):
  // the claims it says FAIL, the bands it says the kernel leaves, and the scenarios.
  const expect = m.expect ?? '';
  const claims = [...expect.matchAll(/\b(C\d+) FAIL\b/g)].map((x) => x[1]!);
  const bands = [...expect.matchAll(/\b(conns|synRecv|templates|assured) band\b/g)].map((x) => `${x[1]} band`);
  t.same(claims, ['C3'], `the Expect line names the claim that kills it: "${expect}"`);
  t.match(expect, /\bsmoke\b/, 'and smoke among the scenarios that do');

  const out = join(ROOT, 'runs', `e2e-mutants-${stamp}`);
  const r = await cli(['mutants', '--mutant', MUTANT, '--scenario', 'fixtures/scenarios/smoke.yaml', '--kernel-line', '6.1', '--out', out]);
  exits(t, r, 0, 'mutants (every non-equivalent mutant killed)');
  t.same(readdirSync(out).sort(), ['mutants.json', 'mutants.md', MUTANT], 'the record, its table, and the mutant\'s runs');

  const record = json<MutantsRecord>(out, 'mutants.json');
  t.equal(record.kind, 'mutants');
  t.equal(record.kernelLine, '6.1');
  t.same(record.mutants.map((x) => [x.id, x.hunk, x.expect]), [[MUTANT, m.hunk, m.expect]], 'the one mutant, as the catalogue has it');
  t.same(record.scenarios, ['smoke']);
  t.equal(record.cells.length, 1, 'one cell: the mutant on smoke');
  const cell = record.cells[0]!;
  t.same([cell.mutant, cell.scenario, cell.outcome], [MUTANT, 'smoke', 'killed']);
  // What killed it: every claim the Expect line says FAILs, and nothing it does not name.
  for (const c of claims) t.ok(cell.by.includes(c), `killed by ${c} (by: ${cell.by.join(', ')}; ${cell.note})`);
  t.same(cell.by.filter((b) => !claims.includes(b) && !bands.includes(b)), [], 'nothing killed it that the Expect line does not name');
  for (const c of claims) t.match(cell.note, new RegExp(`\\b${c} FAIL: `), `the note gives ${c}'s reason`);
  t.ok(cell.seconds > 0, 'its wall time');

  // The cell's run record: the mutant's kernel, the patched variant alone, the claim FAILed there.
  const run = join(out, MUTANT, 'smoke');
  t.equal(cell.run, run, 'the run record under OUT/<mutant>/<scenario>');
  const meta = json<{ status: string; scenario: { value: { name: string } }; mutant: { subject: string; sha256: string } }>(run, 'metadata.json');
  t.equal(meta.status, 'complete');
  t.equal(meta.scenario.value.name, 'smoke');
  t.equal(meta.mutant.sha256, patchDigest(m.patch), "the metadata names the mutant's patch by its digest");
  t.match(meta.mutant.subject, new RegExp(`^mutant ${MUTANT}: `));
  const result = json<RunResult>(run, 'result.json');
  t.same(Object.keys(result.verdict.variants), ['patched'], 'the patched variant only (base says nothing of the mutant)');
  const failed = result.verdict.claims.filter((c) => c.outcome === 'fail').map((c) => c.id);
  t.same(failed.filter((id) => claims.includes(id)), claims, `the run's result has ${claims.join(', ')} FAIL`);

  const s = score(record);
  t.same([s.killed, s.nonEquivalent, s.equivalent, s.survived, s.errors], [1, 1, 0, [], []], 'score 1/1');
  // src/mutants/table.ts's score line and row, written out for one killed mutant.
  const line = 'mutation score on 6.1: 1/1 killed (100%), 0 equivalent, 0 survived, 0 error(s)';
  const md = readFileSync(join(out, 'mutants.md'), 'utf8');
  t.ok(md.split('\n').includes(line), `mutants.md: "${line}"`);
  t.ok(md.split('\n').includes(`| ${MUTANT} | ${m.hunk} | killed | killed: ${cell.by.join(', ')} |`), "mutants.md: the mutant's row");
  t.match(r.stdout, new RegExp(`^${escape(line)}$`, 'm'), 'printed: the score');
  t.match(r.stdout, new RegExp(`^${escape(join(out, 'mutants.json'))}$`, 'm'), 'printed: where the record is');
});

// The seed: chosen with the pure drawing code alone (no guest), so that the
// test stays short: scenarioAt(caseSeed(S, 0), 'fuzz-0000') for S = 1..20000,
// keeping the draws of at most 20 guest-s and at most 300 flood packets (23 of
// them), and of those the only one with TCP (the smallest initramfs), no
// sync (no backup director to sample), a table of at most 2^10 buckets (each
// /proc read walks every bucket) and no client in the run's last second:
// S = 7561 (IPv6, direct routing, 254 SYNs, 10 clients, 18 guest-s).
// The test asserts nothing of that draw from memory: it reads what the run
// recorded (the journal, case.json, fuzz.json, scenario.yaml) and holds them
// against each other and the replay. Only the guard below uses the draw, so
// that a change to the arbitrary that makes case 0 long says "choose S again"
// instead of slowing the quick suite.
const SEED = 7561;

let replaySeed: string | undefined;
let caseScenario: Scenario | undefined;
let caseMeta: { scenario: { value: { name: string } } } | undefined;

t.test(`fuzz --count 1 --seed ${SEED}: one case, both variants judged, its record complete`, async (t) => {
  const drawn = scenarioAt(caseSeed(SEED, 0), caseName(0));
  t.ok(drawn.duration <= 20 && drawn.flood.count <= 300, `case 0 of seed ${SEED} is short (${drawn.duration} guest-s, ${drawn.flood.count} flood packets); if not, the arbitrary changed: choose the seed again as above`);

  const out = join(ROOT, 'runs', `e2e-fuzz-${stamp}`);
  const r = await cli(['fuzz', '--count', '1', '--seed', String(SEED), '--kernel-line', '6.1', '--out', out]);
  exits(t, r, 0, 'fuzz (no case failed)');

  const lines = readFileSync(join(out, 'journal.jsonl'), 'utf8').split('\n').filter((l) => l !== '');
  t.equal(lines.length, 1, 'the journal: one line, the one case');
  const rec = JSON.parse(lines[0]!) as CaseRecord;
  t.same([rec.index, rec.fuzzSeed, rec.dir, rec.outcome], [0, SEED, caseName(0), 'pass']);
  t.equal(rec.seed, caseSeed(SEED, 0), "the case's fast-check seed: the campaign's seed and the index mixed");
  t.notOk(rec.shrink, 'a pass is not shrunk');
  t.notOk(rec.mutant, 'the series, no mutant');
  t.notOk(rec.first.error, 'the run was made');
  t.same(rec.first.variants, { base: true, patched: true }, 'both variants run, each following its model');
  t.ok(rec.first.claims.length > 0, 'claims judged');
  t.same(rec.first.claims.filter((c) => c.outcome === 'fail'), [], 'no claim FAILed');
  t.equal(rec.first.dir, `${caseName(0)}/step-000`, "the first run's record, in the case's directory");
  t.ok(rec.first.wallSeconds > 0 && rec.wallSeconds >= rec.first.wallSeconds, 'its walls');

  const dir = join(out, caseName(0));
  t.same(json(dir, 'case.json'), rec, 'case.json: the journal line');
  const yamlText = readFileSync(join(dir, 'scenario.yaml'), 'utf8');
  caseScenario = parse(yamlText) as Scenario;
  t.equal(caseScenario.name, caseName(0));
  t.equal(scenarioHash(caseScenario), rec.hash, "scenario.yaml is the scenario the journal's hash names");
  const said = /^# fuzz case 0 of --seed (\d+) \(fast-check seed (\d+)\): fuzz --replay (\S+)$/m.exec(yamlText);
  t.ok(said, `scenario.yaml says how to replay it: ${yamlText.split('\n')[0]}`);
  t.same(said?.slice(1), [String(SEED), String(rec.seed), String(rec.seed)]);

  const step = join(dir, 'step-000');
  const meta = json<{ status: string; scenario: { value: Scenario }; source: { debian: { line: string } } }>(step, 'metadata.json');
  caseMeta = meta;
  t.equal(meta.status, 'complete');
  t.equal(meta.source.debian.line, '6.1');
  t.equal(meta.scenario.value.name, caseName(0));
  const result = json<RunResult>(step, 'result.json');
  t.same(Object.keys(result.verdict.variants).sort(), ['base', 'patched']);
  t.same(result.verdict.claims.map((c) => [c.id, c.variant, c.outcome]), rec.first.claims.map((c) => [c.id, c.variant, c.outcome]), "the journal's claims are the run's");

  const report = json<FuzzReport>(out, 'fuzz.json');
  t.same(report.counts, { cases: 1, pass: 1, fail: 0, error: 0, shrunk: 0 }, 'fuzz.json: 1 case, 1 pass');
  t.same(report.seeds, [SEED]);
  t.same(report.cases, [rec], "fuzz.json: the journal's case");
  t.same([report.failures, report.errors], [[], []]);
  t.same(report.variants, { base: { agrees: 1, disagrees: 0 }, patched: { agrees: 1, disagrees: 0 } });
  t.equal(report.walls.runs, 1, 'one pair judged');
  const md = readFileSync(join(out, 'fuzz.md'), 'utf8');
  t.ok(md.split('\n').includes('1 cases: 1 pass, 0 fail (0 shrunk), 0 could not run.'), 'fuzz.md: 1 case, 1 pass');
  t.match(r.stdout, new RegExp(`^${escape(out)}/fuzz\\.md: 1 cases, 1 pass, 0 fail \\(0 shrunk\\), 0 could not run; \\d+ pairs an hour$`, 'm'));
  // The campaign's line for the case (src/fuzz/campaign.ts caseLine): the seed to replay, as printed.
  const printed = /^case 0 \(seed (\d+), \d+ s\): PASS$/m.exec(r.all ?? '');
  t.ok(printed, 'the case\'s line: "case 0 (seed N, T s): PASS"');
  t.equal(printed?.[1], String(rec.seed), 'the seed printed is the journal\'s');
  replaySeed = printed?.[1];
});

t.test('fuzz --replay <the case\'s seed>: the same scenario, run again, PASS', async (t) => {
  if (!replaySeed || !caseScenario || !caseMeta) {
    t.fail('the campaign above left no case to replay');
    return;
  }
  const out = join(ROOT, 'runs', `e2e-fuzz-replay-${stamp}`);
  const r = await cli(['fuzz', '--replay', replaySeed, '--kernel-line', '6.1', '--out', out]);
  exits(t, r, 0, 'fuzz --replay (the scenario passes)');
  t.match(r.stdout, new RegExp(`^${escape(out)}/replay\\.yaml: PASS$`, 'm'));
  const replayed = parse(readFileSync(join(out, 'replay.yaml'), 'utf8')) as Scenario;
  t.equal(replayed.name, 'fuzz-replay', 'the replay names its scenario fuzz-replay');
  t.same(unnamed(replayed), unnamed(caseScenario), "every value of the case's scenario.yaml");
  const meta = json<{ status: string; scenario: { value: { name: string } } }>(out, 'replay', 'metadata.json');
  t.equal(meta.status, 'complete');
  t.same(unnamed(meta.scenario.value), unnamed(caseMeta.scenario.value), 'the scenario the run loaded is the one the case loaded');
  t.ok(existsSync(join(out, 'replay', 'result.json')), 'its result');
});
