// `ipvs-verify fuzz` through the real command line, booting nothing: --merge of
// shards made with a fake runner (exit 1: a case failed; 0: none), and bad
// input (exit 2, README's "Exit codes").
import t from 'tap';
import { join } from 'node:path';
import { readFileSync } from 'node:fs';
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
