// runMutants() with a stand-in for verify (no kernel is built or booted): the
// plan it runs, what it asks verify for, the cells it makes of the verdicts and
// errors, the files it writes, shards, and --merge of the shards. The verdicts
// are made by hand; each expected cell is read off the stand-in's table below.
import t from 'tap';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { mergeMutants, runMutants, scenarioPaths, type MutantsDeps } from '../../src/commands/mutants.ts';
import { SCENARIO_DIR } from '../../src/commands/matrix.ts';
import { buildError, VerifyError } from '../../src/errors.ts';
import type { Verdict } from '../../src/compare/verdict.ts';
import type { VerifyOptions } from '../../src/commands/verify.ts';

const IDS = ['tcp-no-assure', 'sync-v1-state-zero', 'assured-bit-value'];
const SCEN = ['/x/smoke.yaml', '/x/sync.yaml'];
const ok = [{ series: 'conns', fraction: 1, agrees: true }];
const verdict = (agrees: boolean, fail?: string): Verdict =>
  ({
    variants: { patched: { variant: 'patched', agrees, checks: agrees ? ok : [{ series: 'templates', fraction: 0.3, agrees: false }] } },
    claims: fail ? [{ id: fail, variant: 'patched', outcome: 'fail', reason: 'r', numbers: {}, title: '' }] : [],
    claimsHold: !fail && agrees,
    judgeable: true,
  }) as unknown as Verdict;

/** What each mutant does on each scenario, by the stand-in. */
function standIn(calls: VerifyOptions[], internal = false): MutantsDeps {
  let clock = 0;
  return {
    now: () => (clock += 2000),
    verify: async (o) => {
      calls.push(o);
      const id = /^mutant ([a-z0-9-]+):/.exec(o.mutant!.subject)![1];
      const scen = o.scenario!.endsWith('sync.yaml') ? 'sync' : 'smoke';
      if (internal) throw new VerifyError('internal', 'a bug');
      if (id === 'assured-bit-value' && scen === 'smoke') throw buildError('kernel build (patched) failed');
      if (id === 'tcp-no-assure' && scen === 'smoke') return { runDir: o.out!, verdict: verdict(true, 'C3') };
      if (id === 'sync-v1-state-zero' && scen === 'sync') return { runDir: o.out!, verdict: verdict(false) };
      return { runDir: o.out!, verdict: verdict(true) };
    },
  };
}

const options = (out: string, shard?: string) => ({ ids: IDS, scenarios: SCEN, out, ...(shard ? { shard } : {}), kernelLine: '6.1', verify: { source: {}, accel: 'tcg' as const, warp: true }, log: () => undefined });

t.test('three mutants on two scenarios: six verify calls as the patched variant with the mutant, and the cells of their verdicts', async (t) => {
  const out = t.testdir({});
  const calls: VerifyOptions[] = [];
  const { record, files } = await runMutants(options(out), standIn(calls));
  t.equal(calls.length, 6);
  // Catalogue order: assured-bit-value (1.1), tcp-no-assure (1.11), sync-v1-state-zero (1.14).
  t.same(calls.map((c) => [c.out, c.scenario, c.variants, c.accel]), [
    [join(out, 'assured-bit-value/smoke'), '/x/smoke.yaml', ['patched'], 'tcg'],
    [join(out, 'assured-bit-value/sync'), '/x/sync.yaml', ['patched'], 'tcg'],
    [join(out, 'tcp-no-assure/smoke'), '/x/smoke.yaml', ['patched'], 'tcg'],
    [join(out, 'tcp-no-assure/sync'), '/x/sync.yaml', ['patched'], 'tcg'],
    [join(out, 'sync-v1-state-zero/smoke'), '/x/smoke.yaml', ['patched'], 'tcg'],
    [join(out, 'sync-v1-state-zero/sync'), '/x/sync.yaml', ['patched'], 'tcg'],
  ]);
  t.match(calls[2]!.mutant!.diff, /-\t\tif \(new_state == IP_VS_TCP_S_ESTABLISHED\)/, "the mutant's own diff");
  t.same(record.cells.map((c) => [c.mutant, c.scenario, c.outcome, c.by, c.seconds]), [
    ['assured-bit-value', 'smoke', 'error', [], 2],
    ['assured-bit-value', 'sync', 'survived', [], 2],
    ['tcp-no-assure', 'smoke', 'killed', ['C3'], 2],
    ['tcp-no-assure', 'sync', 'survived', [], 2],
    ['sync-v1-state-zero', 'smoke', 'survived', [], 2],
    ['sync-v1-state-zero', 'sync', 'killed', ['templates band'], 2],
  ]);
  t.match(record.cells[0]!.note, /^build: kernel build \(patched\) failed/);
  t.same(files, [join(out, 'mutants.json'), join(out, 'mutants.md')]);
  t.same(JSON.parse(readFileSync(files[0]!, 'utf8')), record);
  // assured-bit-value is argued equivalent in the catalogue: 2 of 2 others killed.
  t.match(readFileSync(files[1]!, 'utf8'), 'mutation score on 6.1: 2/2 killed (100%), 1 equivalent, 0 survived, 0 error(s)');
  t.same(readdirSync(out).sort(), ['mutants.json', 'mutants.md']);
});

t.test('a bug of ipvs-verify (internal error) stops the run instead of becoming a cell', async (t) => {
  await t.rejects(runMutants(options(t.testdir({})), standIn([], true)), { kind: 'internal', message: 'a bug' });
});

t.test('shards 1/2 and 2/2 run the mutants apart; --merge of their directories is the whole table', async (t) => {
  const dir = t.testdir({});
  const c1: VerifyOptions[] = [];
  const c2: VerifyOptions[] = [];
  const a = await runMutants(options(join(dir, 's1'), '1/2'), standIn(c1));
  const b = await runMutants(options(join(dir, 's2'), '2/2'), standIn(c2));
  t.same(a.record.mutants.map((m) => m.id), ['assured-bit-value', 'sync-v1-state-zero']);
  t.same(b.record.mutants.map((m) => m.id), ['tcp-no-assure']);
  t.equal(c1.length + c2.length, 6);
  const m = await mergeMutants([join(dir, 's1'), join(dir, 's2')], join(dir, 'merged'));
  t.equal(m.record.cells.length, 6);
  t.same(m.record.mutants.map((x) => x.id), ['assured-bit-value', 'tcp-no-assure', 'sync-v1-state-zero']);
  t.match(readFileSync(join(dir, 'merged/mutants.md'), 'utf8'), '| tcp-no-assure | 1.11 | killed | killed: C3 | survived |');
  await t.rejects(mergeMutants([join(dir, 'nothing')], join(dir, 'm2')), { kind: 'user', message: /nothing\/mutants\.json: cannot read/ });
  await t.rejects(mergeMutants([], join(dir, 'm3')), { kind: 'user', message: /name the shards/ });
});

t.test('the scenarios: --scenario files as given, else every scenario of the suite; both, or an unknown suite, are user errors', async (t) => {
  const all = readdirSync(SCENARIO_DIR).filter((f) => f.endsWith('.yaml')).sort();
  t.ok(all.length > 0);
  t.same(await scenarioPaths({}), all.map((f) => join(SCENARIO_DIR, f)));
  t.same(await scenarioPaths({ suite: 'all' }), all.map((f) => join(SCENARIO_DIR, f)));
  t.same(await scenarioPaths({ scenarios: ['/x/a.yaml'] }), ['/x/a.yaml']);
  await t.rejects(scenarioPaths({ scenarios: ['/x/a.yaml'], suite: 'all' }), { kind: 'user', message: /--scenario and --suite/ });
  await t.rejects(scenarioPaths({ suite: 'some' }), { kind: 'user', message: /unknown suite "some"/ });
});
