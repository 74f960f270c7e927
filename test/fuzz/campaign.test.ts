// A campaign with a fake runner: its files (each case's scenario, the shrunk
// minimal YAML, the journal), --resume skipping the journal's cases, the time
// budget, the shards covering the campaign once and merging into its report.
import t from 'tap';
import { readFile, readdir, writeFile, appendFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parse } from 'yaml';
import { runCampaign, shardCases, caseLine } from '../../src/fuzz/campaign.ts';
import { readJournal } from '../../src/fuzz/journal.ts';
import { mergeFuzz } from '../../src/fuzz/report.ts';
import { caseSeed, scenarioAt, scenarioHash } from '../../src/fuzz/draw.ts';
import { parseScenario } from '../../src/scenario/load.ts';
import type { Runner } from '../../src/fuzz/shrink.ts';
import type { Scenario } from '../../src/scenario/schema.ts';

const udpOverDr = (s: Scenario) => s.service.protocol === 'udp' && s.service.forwarding === 'dr';
function fake(): Runner & { calls: { index: number; step: number }[] } {
  const calls: { index: number; step: number }[] = [];
  const run: Runner = async (s, at) => {
    calls.push(at);
    const b = udpOverDr(s);
    return { variants: { base: true, patched: !b }, claims: [{ id: 'C1', variant: 'base', outcome: 'pass' }, { id: 'C2', variant: 'patched', outcome: b ? 'fail' : 'inconclusive' }], wallSeconds: 5 };
  };
  return Object.assign(run, { calls });
}
const quiet = () => {};
const shrink = { steps: 200, seconds: 1e6 };
/** Cases 0..19 of seed 1 that draw UDP over DR, by drawing them (no run). */
const failing = Array.from({ length: 20 }, (_, i) => i).filter((i) => udpOverDr(scenarioAt(caseSeed(1, i), 'x')));

t.test('shardCases: shard i/n takes cases i-1, i-1+n, ...; the shards cover the campaign once', async (t) => {
  t.same(shardCases(7, { index: 2, count: 3 }), [1, 4]);
  t.same(shardCases(7, { index: 1, count: 3 }), [0, 3, 6]);
  t.same(shardCases(3), [0, 1, 2]);
  const all = [1, 2, 3].flatMap((i) => shardCases(10, { index: i, count: 3 })).sort((a, b) => a - b);
  t.same(all, [0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
});

t.test('a campaign writes each case, the journal and the report; a failure shrunk to minimal.yaml', async (t) => {
  t.ok(failing.length >= 1, `cases ${failing.join(', ')} of 20 draw UDP over DR`);
  const out = t.testdir();
  const runner = fake();
  const report = await runCampaign({ count: 20, seed: 1, out, runner, shrink, log: quiet });
  t.equal(report.counts.cases, 20);
  t.equal(report.counts.fail, failing.length);
  t.equal(report.counts.pass, 20 - failing.length);
  t.equal(report.counts.shrunk, failing.length);
  t.same(report.failures.map((f) => f.index), failing);
  // Every first run's claims, counted: C1 base passes in all 20; C2 patched fails in the failing ones.
  t.same(report.claims['C1 base'], { pass: 20, fail: 0, inconclusive: 0, 'not-delivered': 0 });
  t.same(report.claims['C2 patched'], { pass: 0, fail: failing.length, inconclusive: 20 - failing.length, 'not-delivered': 0 });
  t.same(report.variants, { base: { agrees: 20, disagrees: 0 }, patched: { agrees: 20 - failing.length, disagrees: failing.length } });
  const steps = report.cases.reduce((a, r) => a + (r.shrink?.steps ?? 0), 0);
  t.equal(report.walls.runs, 20 + steps);
  t.equal(runner.calls.length, 20 + steps, 'each run counted is a runner call');
  const journal = await readJournal(out);
  t.same(journal.map((r) => r.index), Array.from({ length: 20 }, (_, i) => i));
  t.equal(journal[0]!.hash, scenarioHash(scenarioAt(caseSeed(1, 0), 'x')));
  const f = failing[0]!;
  const dir = join(out, `fuzz-${String(f).padStart(4, '0')}`);
  const minimal = await readFile(join(dir, 'minimal.yaml'), 'utf8');
  t.match(minimal, /# replay: ipvs-verify fuzz --replay \d+:[\d:]+/);
  t.match(minimal, /# failed: patched disagrees, C2 patched FAIL/);
  const m = parseScenario(minimal, 'minimal.yaml');
  t.ok(udpOverDr(m));
  t.same(m, journal[f]!.shrink!.minimal);
  t.same(parseScenario(await readFile(join(dir, 'scenario.yaml'), 'utf8'), 's.yaml'), scenarioAt(caseSeed(1, f), `fuzz-${String(f).padStart(4, '0')}`));
  const md = await readFile(join(out, 'fuzz.md'), 'utf8');
  t.match(md, `20 cases: ${20 - failing.length} pass, ${failing.length} fail (${failing.length} shrunk), 0 could not run.`);
  t.match(md, `| C2 patched | 0 | ${failing.length} | ${20 - failing.length} | 0 |`);
  t.match(md, `fuzz-${String(f).padStart(4, '0')}/minimal.yaml`);
  t.same(JSON.parse(await readFile(join(out, 'fuzz.json'), 'utf8')).counts, report.counts);
  t.match(caseLine(journal[f]!), /FAIL patched disagrees, C2 patched FAIL; shrunk in \d+ runs to fuzz-\d{4}\/minimal\.yaml .*--replay \d+:/);
});

t.test('--resume skips the cases the journal holds; without it a journal is not overwritten; a cut line runs again', async (t) => {
  const out = t.testdir();
  await runCampaign({ count: 4, seed: 1, out, runner: fake(), shrink, log: quiet });
  await t.rejects(runCampaign({ count: 4, seed: 1, out, runner: fake(), shrink, log: quiet }), /holds 4 cases already: --resume/);
  await t.rejects(runCampaign({ count: 4, seed: 2, out, runner: fake(), shrink, log: quiet, resume: true }), /a campaign of --seed 1, not 2/);
  // Case 3's line cut in the middle of writing (the campaign killed), and case 5 asked for as well.
  const lines = (await readFile(join(out, 'journal.jsonl'), 'utf8')).trimEnd().split('\n');
  t.equal(lines.length, 4);
  await writeFile(join(out, 'journal.jsonl'), lines.slice(0, 3).join('\n') + '\n' + lines[3]!.slice(0, 20));
  const runner = fake();
  const report = await runCampaign({ count: 6, seed: 1, out, runner, shrink, log: quiet, resume: true });
  t.same([...new Set(runner.calls.map((c) => c.index))], [3, 4, 5], 'only the cases not journalled run');
  t.equal(report.counts.cases, 6);
  t.same(report.cases.map((r) => r.index), [0, 1, 2, 3, 4, 5]);
  // A journal line broken in its middle (not the last) is an error: the journal is not what was written.
  await appendFile(join(out, 'journal.jsonl'), '{"broken\n{}\n');
  await t.rejects(readJournal(out), /journal\.jsonl:\d+: not a journal line/);
});

t.test('the time budget: no case starts after it, and the report says so', async (t) => {
  const out = t.testdir();
  let clock = 0;
  // Every case passes here (one run a case), each run 40 s of the test's clock.
  const runner: Runner = async () => {
    clock += 40_000;
    return { variants: { base: true, patched: true }, claims: [], wallSeconds: 40 };
  };
  // 1 minute: cases 0 and 1 start at 0 and 40 s; case 2 would start at 80 s.
  const report = await runCampaign({ count: 6, seed: 1, out, runner, shrink, log: quiet, budgetMinutes: 1, now: () => clock });
  t.equal(report.counts.cases, 2);
  t.equal(report.stopped, 'the 1-minute budget ran out before case 2');
  t.match(await readFile(join(out, 'fuzz.md'), 'utf8'), 'Stopped: the 1-minute budget ran out before case 2.');
});

t.test('shards run disjoint cases and merge into the one campaign report', async (t) => {
  const root = t.testdir();
  const whole = await runCampaign({ count: 9, seed: 1, out: join(root, 'whole'), runner: fake(), shrink, log: quiet });
  for (const i of [1, 2, 3]) await runCampaign({ count: 9, seed: 1, out: join(root, `fuzz-shard-${i}`), runner: fake(), shrink, log: quiet, shard: { index: i, count: 3 } });
  t.same((await readJournal(join(root, 'fuzz-shard-2'))).map((r) => r.index), [1, 4, 7]);
  const merged = await mergeFuzz([1, 2, 3].map((i) => join(root, `fuzz-shard-${i}`)), join(root, 'merged'));
  t.same(merged.counts, whole.counts);
  t.same(merged.claims, whole.claims);
  t.same(merged.cases.map((r) => r.index), [0, 1, 2, 3, 4, 5, 6, 7, 8]);
  // Paths from the merged report to each case's files.
  t.equal(merged.cases[1]!.dir, '../fuzz-shard-2/fuzz-0001');
  t.equal(merged.failures.length, whole.failures.length);
  t.ok(merged.failures.length >= 1, 'case 1 of the nine draws UDP over DR');
  for (const f of merged.failures) t.match(f.shrunk!.file, /^\.\.\/fuzz-shard-\d\/fuzz-\d{4}\/minimal\.yaml$/);
  t.same((await readdir(join(root, 'merged'))).sort(), ['fuzz.json', 'fuzz.md']);
  await t.rejects(mergeFuzz([join(root, 'fuzz-shard-1'), join(root, 'whole')], join(root, 'm2')), /case 0 of seed 1 is in two/);
  await t.rejects(mergeFuzz([join(root, 'nothing')], join(root, 'm3')), /no fuzz journal/);
  t.ok(parse(await readFile(join(root, 'merged', 'fuzz.json'), 'utf8')).cases.length === 9);
});

t.test('a mutant campaign: each record names the mutant, it stops at the first failure shrunk, and resumes only with that mutant', async (t) => {
  const tag = { id: 'udp-dr-mutant', sha256: '1'.repeat(64) };
  const first = failing[0]!;
  t.ok(first < 19, `case ${first} fails and cases follow it`);
  const out = t.testdir();
  const runner = fake();
  const report = await runCampaign({ count: 20, seed: 1, out, runner, shrink, log: quiet, mutant: tag });
  // Cases 0..first ran (the first failing one shrunk), none after it.
  t.same([...new Set(runner.calls.map((c) => c.index))], Array.from({ length: first + 1 }, (_, i) => i));
  t.equal(report.counts.cases, first + 1);
  t.equal(report.counts.fail, 1);
  t.equal(report.counts.shrunk, 1);
  t.equal(report.stopped, `mutant udp-dr-mutant caught at case ${first}`);
  t.same(report.mutant, tag);
  const journal = await readJournal(out);
  t.equal(journal.length, first + 1);
  for (const r of journal) t.same(r.mutant, tag, `case ${r.index} names the mutant`);
  t.same(JSON.parse(await readFile(join(out, `fuzz-${String(first).padStart(4, '0')}`, 'case.json'), 'utf8')).mutant, tag);
  // Its replay runs the mutant again.
  t.match(await readFile(join(out, `fuzz-${String(first).padStart(4, '0')}`, 'minimal.yaml'), 'utf8'), /# replay: ipvs-verify fuzz --replay \d+:[\d:]+ --mutant udp-dr-mutant\n/);
  // Resumed with another mutant, a changed patch, or none: refused before anything runs, naming --mutant.
  const again = fake();
  await t.rejects(runCampaign({ count: 20, seed: 1, out, runner: again, shrink, log: quiet, resume: true, mutant: { id: 'other', sha256: tag.sha256 } }), /journal\.jsonl: --mutant: the journal's cases ran on --mutant udp-dr-mutant/);
  await t.rejects(runCampaign({ count: 20, seed: 1, out, runner: again, shrink, log: quiet, resume: true, mutant: { ...tag, sha256: '2'.repeat(64) } }), /--mutant udp-dr-mutant: its patch has changed/);
  await t.rejects(runCampaign({ count: 20, seed: 1, out, runner: again, shrink, log: quiet, resume: true }), /this campaign on the series without --mutant/);
  t.equal(again.calls.length, 0);
  // Resumed with the same mutant: caught already, so nothing more runs.
  const same = await runCampaign({ count: 20, seed: 1, out, runner: again, shrink, log: quiet, resume: true, mutant: tag });
  t.equal(again.calls.length, 0);
  t.equal(same.stopped, `mutant udp-dr-mutant caught at case ${first}`);
  // A series campaign's shard and a mutant's do not merge into one report.
  const plain = join(out, 'plain');
  await runCampaign({ count: 20, seed: 1, out: plain, runner: fake(), shrink, log: quiet, shard: { index: first + 2, count: 20 } });
  await t.rejects(mergeFuzz([out, plain], join(out, 'm')), new RegExp(`--mutant: case 0 .* ran on --mutant udp-dr-mutant .*, case ${first + 1} .* on the series without --mutant: shards of one campaign run one kernel`));
});
