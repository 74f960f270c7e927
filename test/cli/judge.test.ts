// `ipvs-verify judge <run-dir>` through the real command line, on copies of
// recorded runs (fixtures/runs/): the verdict text, the exit code the README's
// "Exit codes" table promises (0 agrees, 1 fails, 2 bad input), and a record
// left as it was ("judge a run record again, without booting": it writes nothing).
import t from 'tap';
import { cpSync, readFileSync, readdirSync, renameSync, statSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { execa } from 'execa';

const ROOT = new URL('../..', import.meta.url).pathname;
const RUNS = join(ROOT, 'fixtures/runs');
const cli = (args: string[]) => execa(process.execPath, ['bin/ipvs-verify.js', ...args], { cwd: ROOT, reject: false, all: true });

/** Every file under dir, by relative path, with its content's hash: what "changed nothing" compares. */
function snapshot(dir: string, prefix = ''): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name of readdirSync(dir).sort()) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) Object.assign(out, snapshot(p, `${prefix}${name}/`));
    else out[`${prefix}${name}`] = createHash('sha256').update(readFileSync(p)).digest('hex');
  }
  return out;
}

/** The claim line verdictText prints: id, variant, outcome upper-cased (README's Usage example). */
const claimLine = (id: string, variant: string, outcome: string) => new RegExp(`^${id} ${variant}\\s+${outcome}\\s+\\S`, 'm');

// What each recorded scenario shows, from README's "Scenarios" table: smoke and udp
// show C1 (base), C2 and C3 (patched); sync adds C6 on each variant; none of them
// runs drop_entry 0 (C4) or a teardown (C5).
const CASES = [
  { run: 'smoke-1', pass: [['C1', 'base'], ['C2', 'patched'], ['C3', 'patched']], inconclusive: [['C4', 'both'], ['C5', 'base'], ['C5', 'patched'], ['C6', 'base'], ['C6', 'patched']] },
  { run: 'udp-1', pass: [['C1', 'base'], ['C2', 'patched'], ['C3', 'patched']], inconclusive: [['C4', 'both'], ['C5', 'base'], ['C5', 'patched'], ['C6', 'base'], ['C6', 'patched']] },
  { run: 'sync-1', pass: [['C1', 'base'], ['C2', 'patched'], ['C3', 'patched'], ['C6', 'base'], ['C6', 'patched']], inconclusive: [['C4', 'both'], ['C5', 'base'], ['C5', 'patched']] },
];

for (const c of CASES) {
  t.test(`judge ${c.run}: both kernels follow their models, the scenario's claims pass, exit 0, the record untouched`, async (t) => {
    const dir = join(t.testdir({}), c.run);
    cpSync(join(RUNS, c.run), dir, { recursive: true });
    const before = snapshot(dir);
    t.ok(Object.keys(before).length >= 3, 'metadata.json and both results channels copied');
    // 200 runs instead of 1000: the recorded-runs test judges with 1000; this one is about the command.
    const r = await cli(['judge', dir, '--model-runs', '200']);
    t.equal(r.exitCode, 0, r.all);
    t.match(r.stdout, /^base {5}agrees with the base model \(samples in band: conns \d+%, synRecv \d+%, templates \d+%, assured \d+%/m);
    t.match(r.stdout, /^patched {2}agrees with the patched model \(samples in band: /m);
    t.equal(c.pass.length + c.inconclusive.length, 8, 'eight claim lines: C1-C4, C5 and C6 on each variant');
    for (const [id, v] of c.pass) t.match(r.stdout, claimLine(id!, v!, 'PASS'), `${id} ${v} PASS`);
    for (const [id, v] of c.inconclusive) t.match(r.stdout, claimLine(id!, v!, 'INCONCLUSIVE'), `${id} ${v} INCONCLUSIVE`);
    t.notMatch(r.stdout, /FAIL/);
    t.match(r.stdout, /\nverdict: the kernels do what the models predict\n?$/);
    t.same(snapshot(dir), before, 'judge wrote, changed and removed nothing in the record');
  });
}

t.test('judge a record whose kernels are swapped (each variant holds the other kernel): exit 1, both disagree, C1-C3 fail', async (t) => {
  // smoke-2 with results-base.jsonl and results-patched.jsonl exchanged: the base
  // variant's samples are the patched kernel's, and the other way round. Each
  // kernel then misses the model it is held against, and each claim's number lies
  // with the other variant's model: FAIL (README "Verdict"); C3 is judged on the
  // base kernel's data, which marks no template ASSURED.
  const dir = join(t.testdir({}), 'smoke-2');
  cpSync(join(RUNS, 'smoke-2'), dir, { recursive: true });
  renameSync(join(dir, 'results-base.jsonl'), join(dir, 'tmp.jsonl'));
  renameSync(join(dir, 'results-patched.jsonl'), join(dir, 'results-base.jsonl'));
  renameSync(join(dir, 'tmp.jsonl'), join(dir, 'results-patched.jsonl'));
  const before = snapshot(dir);
  // 100 runs: a miss draws up to 9 x --model-runs further runs before it is held to disagree.
  const r = await cli(['judge', dir, '--model-runs', '100']);
  t.equal(r.exitCode, 1, r.all);
  t.match(r.stdout, /^base {5}DISAGREES with the base model /m);
  t.match(r.stdout, /^patched {2}DISAGREES with the patched model /m);
  t.match(r.stdout, claimLine('C1', 'base', 'FAIL'));
  t.match(r.stdout, claimLine('C2', 'patched', 'FAIL'));
  t.match(r.stdout, claimLine('C3', 'patched', 'FAIL'));
  t.match(r.stdout, /0 of 2 clients' templates are ASSURED at the end/);
  t.match(r.stdout, /\nverdict: FAILED\n?$/);
  t.same(snapshot(dir), before, 'a failing judgement writes nothing either');
});

t.test('judge: the same seed gives the same text', async (t) => {
  const a = await cli(['judge', join(RUNS, 'smoke-1'), '--model-runs', '100', '--seed', '3']);
  const b = await cli(['judge', join(RUNS, 'smoke-1'), '--model-runs', '100', '--seed', '3']);
  t.equal(a.exitCode, 0, a.all);
  t.equal(b.exitCode, 0, b.all);
  t.ok(a.stdout.length > 0);
  t.equal(a.stdout, b.stdout);
});

t.test('judge on what is not a run record: exit 2, the problem named', async (t) => {
  const dir = t.testdir({ empty: {}, 'no-results': { 'metadata.json': readFileSync(join(RUNS, 'smoke-1', 'metadata.json'), 'utf8') } });
  const a = await cli(['judge', join(dir, 'empty')]);
  t.equal(a.exitCode, 2, a.all);
  t.match(a.all, /empty is not a run record: ENOENT/);
  const b = await cli(['judge', join(dir, 'no-results')]);
  t.equal(b.exitCode, 2, b.all);
  t.match(b.all, /no-results holds no results-<variant>\.jsonl/);
  const c = await cli(['judge', join(RUNS, 'smoke-1'), '--model-runs', '0']);
  t.equal(c.exitCode, 2, c.all);
  t.match(c.all, /--model-runs must be a positive integer/);
  const d = await cli(['judge']);
  t.equal(d.exitCode, 2, d.all);
  t.match(d.all, /missing required argument 'run-dir'/);
});
