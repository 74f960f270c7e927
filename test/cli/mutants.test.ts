// `ipvs-verify mutants` through the real command line, without a kernel: bad
// input is named and exits 2 before anything runs (README "Exit codes"), and
// --merge of hand-written shard records prints the score and exits 0 when every
// non-equivalent mutant was killed, 1 when one survived.
import t from 'tap';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { execa } from 'execa';

const ROOT = new URL('../..', import.meta.url).pathname;
const cli = (args: string[]) => execa(process.execPath, ['bin/ipvs-verify.js', ...args], { cwd: ROOT, reject: false, all: true });

const shard = (cells: { mutant: string; outcome: string; by: string[] }[]) =>
  JSON.stringify({
    tool: 'ipvs-verify',
    kind: 'mutants',
    kernelLine: '6.1',
    mutants: [...new Set(cells.map((c) => c.mutant))].map((id) => ({ id, hunk: '1.11', breaks: `b ${id}`, file: `${id}.patch` })),
    scenarios: ['smoke'],
    cells: cells.map((c) => ({ ...c, scenario: 'smoke', note: '', seconds: 1 })),
  });

t.test('mutants: an unknown --mutant, a bad --shard or --kernel-line, stray directories: named, exit 2, nothing written', async (t) => {
  const out = join(t.testdir({}), 'm');
  const cases: [string[], RegExp][] = [
    [['mutants', '--mutant', 'no-such', '--out', out], /--mutant: no mutant "no-such" in the catalogue/],
    [['mutants', '--shard', '0/2', '--out', out], /--shard wants i\/n with 1 <= i <= n, got "0\/2"/],
    [['mutants', '--kernel-line', '6.1,6.12', '--out', out], /--kernel-line takes one line/],
    [['mutants', 'some-dir', '--out', out], /mutants takes directories only with --merge/],
    [['mutants', '--merge', out, '--shard', '1/2', 'a'], /--merge runs nothing: drop --shard/],
  ];
  t.equal(cases.length, 5);
  for (const [args, said] of cases) {
    const r = await cli(args);
    t.equal(r.exitCode, 2, `${args.join(' ')}: ${r.all}`);
    t.match(r.all, said);
  }
  t.notOk(existsSync(out), 'nothing written');
});

t.test('mutants --merge: the score of the merged shards; exit 0 when all are killed, 1 with a survivor', async (t) => {
  const dir = t.testdir({
    s1: { 'mutants.json': shard([{ mutant: 'a', outcome: 'killed', by: ['C3'] }]) },
    s2: { 'mutants.json': shard([{ mutant: 'b', outcome: 'killed', by: ['templates band'] }]) },
    s3: { 'mutants.json': shard([{ mutant: 'c', outcome: 'survived', by: [] }]) },
  });
  const good = await cli(['mutants', '--merge', join(dir, 'm1'), join(dir, 's1'), join(dir, 's2')]);
  t.equal(good.exitCode, 0, good.all);
  t.match(good.all, 'mutation score on 6.1: 2/2 killed (100%)');
  t.match(readFileSync(join(dir, 'm1/mutants.md'), 'utf8'), '| b | 1.11 | killed | killed: templates band |');
  const bad = await cli(['mutants', '--merge', join(dir, 'm2'), join(dir, 's1'), join(dir, 's3')]);
  t.equal(bad.exitCode, 1, bad.all);
  t.match(bad.all, 'mutation score on 6.1: 1/2 killed (50%), 0 equivalent, 1 survived');
});
