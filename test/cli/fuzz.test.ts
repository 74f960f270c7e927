// `ipvs-verify fuzz` through the real command line, booting nothing: --merge of
// shards made with a fake runner (exit 1: a case failed; 0: none), and bad
// input (exit 2, README's "Exit codes").
import t from 'tap';
import { join } from 'node:path';
import { existsSync, readFileSync } from 'node:fs';
import { execa } from 'execa';
import { runCampaign } from '../../src/fuzz/campaign.ts';
import type { Runner } from '../../src/fuzz/shrink.ts';

const ROOT = new URL('../..', import.meta.url).pathname;
const cli = (args: string[]) => execa(process.execPath, ['bin/ipvs-verify.js', ...args], { cwd: ROOT, reject: false, all: true });
const runner = (fails: boolean): Runner => async () => ({ variants: { base: true, patched: !fails }, claims: [], wallSeconds: 1 });
const shrink = { steps: 0, seconds: 1 };

t.test('fuzz --merge: one report over the shards, exit 1 when a case failed, 0 when none', async (t) => {
  const root = t.testdir();
  for (const i of [1, 2]) await runCampaign({ count: 4, seed: 9, out: join(root, `ok-${i}`), runner: runner(false), shrink, shard: { index: i, count: 2 }, log: () => {} });
  const ok = await cli(['fuzz', '--merge', join(root, 'merged'), join(root, 'ok-1'), join(root, 'ok-2')]);
  t.equal(ok.exitCode, 0, ok.all);
  t.match(ok.stdout, /fuzz\.md: 4 cases, 0 fail, 0 could not run/);
  t.match(readFileSync(join(root, 'merged', 'fuzz.md'), 'utf8'), '4 cases: 4 pass');
  await runCampaign({ count: 1, seed: 9, out: join(root, 'bad'), runner: runner(true), shrink, log: () => {} });
  const bad = await cli(['fuzz', '--merge', join(root, 'merged-bad'), join(root, 'bad')]);
  t.equal(bad.exitCode, 1, bad.all);
});

t.test('--mutant: an unknown id, --merge with it, --catalogue without it: exit 2, naming the option', async (t) => {
  const out = join(t.testdir(), 'never');
  const cases: [string[], RegExp][] = [
    [['fuzz', '--count', '3', '--mutant', 'no-such', '--out', out], /--mutant: no mutant "no-such" in the catalogue/],
    [['fuzz', '--merge', out, '--mutant', 'tcp-no-assure', 'a'], /--merge runs nothing: drop --mutant/],
    [['fuzz', '--count', '3', '--catalogue', 'fixtures/mutants', '--out', out], /--catalogue chooses where --mutant is read: give --mutant/],
  ];
  t.equal(cases.length, 3);
  for (const [args, msg] of cases) {
    const r = await cli(args);
    t.equal(r.exitCode, 2, `${args.join(' ')}: ${r.all}`);
    t.match(r.all, msg);
  }
  t.notOk(existsSync(out), 'nothing written');
});

t.test('--resume with another --mutant than the journal\'s (or none before): exit 2, naming --mutant, nothing run', async (t) => {
  const root = t.testdir();
  // Journals made with a fake runner: one of a made-up mutant, one of the series.
  const other = { id: 'udp-no-assure', sha256: 'f'.repeat(64) };
  await runCampaign({ count: 2, seed: 9, out: join(root, 'm'), runner: runner(false), shrink, mutant: other, log: () => {} });
  await runCampaign({ count: 2, seed: 9, out: join(root, 's'), runner: runner(false), shrink, log: () => {} });
  const before = readFileSync(join(root, 'm', 'journal.jsonl'), 'utf8');
  const a = await cli(['fuzz', '--count', '3', '--seed', '9', '--resume', '--mutant', 'tcp-no-assure', '--out', join(root, 'm')]);
  t.equal(a.exitCode, 2, a.all);
  t.match(a.all, /--mutant: the journal's cases ran on --mutant udp-no-assure \(patch sha256 ffffffffffff\), this campaign on --mutant tcp-no-assure/);
  const b = await cli(['fuzz', '--count', '3', '--seed', '9', '--resume', '--mutant', 'tcp-no-assure', '--out', join(root, 's')]);
  t.equal(b.exitCode, 2, b.all);
  t.match(b.all, /--mutant: the journal's cases ran on the series without --mutant/);
  t.equal(readFileSync(join(root, 'm', 'journal.jsonl'), 'utf8'), before, 'the journal untouched');
});

t.test('fuzz --merge of a mutant campaign: exit 0 when a case caught the mutant, 1 when none did', async (t) => {
  const root = t.testdir();
  const tag = { id: 'tcp-no-assure', sha256: 'e'.repeat(64) };
  await runCampaign({ count: 2, seed: 9, out: join(root, 'caught'), runner: runner(true), shrink, mutant: tag, log: () => {} });
  await runCampaign({ count: 2, seed: 9, out: join(root, 'survived'), runner: runner(false), shrink, mutant: tag, log: () => {} });
  const caught = await cli(['fuzz', '--merge', join(root, 'm1'), join(root, 'caught')]);
  t.equal(caught.exitCode, 0, caught.all);
  t.match(caught.stdout, /mutant tcp-no-assure: failure found at case 0/);
  const survived = await cli(['fuzz', '--merge', join(root, 'm2'), join(root, 'survived')]);
  t.equal(survived.exitCode, 1, survived.all);
  t.match(survived.stdout, /mutant tcp-no-assure: no failure found in 2 cases/);
});

t.test('bad input exits 2, naming what is wrong', async (t) => {
  const cases: [string[], RegExp][] = [
    [['fuzz'], /fuzz wants --count N/],
    [['fuzz', '--replay', 'x:y'], /--replay wants SEED or SEED:PATH/],
    [['fuzz', '--count', '3', 'somedir'], /fuzz takes directories only with --merge/],
    [['fuzz', '--count', '3', '--shard', '4/3'], /--shard wants i\/n/],
    [['fuzz', '--merge', 'out'], /takes the shards' directories/],
  ];
  t.equal(cases.length, 5);
  for (const [args, msg] of cases) {
    const r = await cli(args);
    t.equal(r.exitCode, 2, `${args.join(' ')}: ${r.all}`);
    t.match(r.all, msg);
  }
});
