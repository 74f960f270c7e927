// End to end (the full set: npm run test:full): a kernel that breaks the
// series. On top of Debian's 6.1 (which carries the series), a patch takes
// non-assured templates out of ip_vs_random_dropentry()'s drops: flood
// templates then outlive their connections as without the series. verify
// must say so: the patched kernel misses its model, runs again (a correct
// kernel misses like that about once in 10,000 runs), misses again, and the
// verdict is FAIL (exit 1), with both runs in the record.
import t from 'tap';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { execa } from 'execa';

const ROOT = new URL('../..', import.meta.url).pathname;
const out = join(ROOT, 'runs', `e2e-broken-kernel-${Date.now()}`);

const BUG = [
  'From 0000000000000000000000000000000000000000 Mon Sep 17 00:00:00 2001',
  'From: Test <test@example.org>',
  'Subject: [PATCH] ipvs: keep non-assured templates under attack (a bug, on purpose)',
  '',
  '---',
  'diff --git a/net/netfilter/ipvs/ip_vs_conn.c b/net/netfilter/ipvs/ip_vs_conn.c',
  '--- a/net/netfilter/ipvs/ip_vs_conn.c',
  '+++ b/net/netfilter/ipvs/ip_vs_conn.c',
  '@@ -1308,8 +1308,6 @@',
  ' \t\t\t\t/* connection template of OPS */',
  ' \t\t\t\tif (ip_vs_conn_ops_mode(cp))',
  ' \t\t\t\t\tgoto try_drop;',
  '-\t\t\t\tif (!(cp->state & IP_VS_CTPL_S_ASSURED))',
  '-\t\t\t\t\tgoto drop;',
  ' \t\t\t\tcontinue;',
  ' \t\t\t}',
  ' \t\t\tif (cp->protocol == IPPROTO_TCP) {',
  '',
].join('\n');

t.test('a patched kernel that keeps its flood templates: missed twice, FAIL, both runs kept', async (t) => {
  const dir = t.testdir({ 'keep-templates.patch': BUG });
  const r = await execa('node', ['bin/ipvs-verify.js', 'verify', '--scenario', 'fixtures/scenarios/smoke.yaml', '--variant', 'patched', '--patch', join(dir, 'keep-templates.patch'), '--out', out], {
    cwd: ROOT,
    reject: false,
    all: true,
  });
  t.equal(r.exitCode, 1, `a kernel that breaks a claim: exit 1\n${r.all?.slice(-3000)}`);
  t.match(r.all, /\[run patched\] missed the patched model \(templates \d+%[^\n]*0 of 9000 further runs miss by as much\)\); run again \(this run is kept in try-1\/\): a correct kernel misses by as much less than once in 10000 runs/, 'beyond 10,000 model runs, then run again');
  t.match(r.all, /patched  DISAGREES with the patched model[^\n]*\n {9}on run 2; run 1 missed it \(kept in try-1\/\): templates/);
  t.match(r.all, /C2 patched +FAIL/, 'the drop-under-attack claim fails');
  t.match(r.all, /verdict: FAILED/);
  for (const f of ['results-patched.jsonl', 'try-1/results-patched.jsonl', 'try-1/samples-patched.jsonl', 'try-1/console-patched.log']) t.ok(existsSync(join(out, f)), `kept: ${f}`);
  t.not(readFileSync(join(out, 'results-patched.jsonl'), 'utf8'), readFileSync(join(out, 'try-1', 'results-patched.jsonl'), 'utf8'), 'two runs, not one twice');
  const result = JSON.parse(readFileSync(join(out, 'result.json'), 'utf8'));
  const patched = result.verdict.variants.patched;
  t.equal(patched.agrees, false);
  t.equal(patched.earlierTries.length, 1);
  t.equal(patched.earlierTries[0].dir, 'try-1');
  t.ok(patched.earlierTries[0].checks.some((c: { agrees: boolean }) => !c.agrees), 'the first run missed too');
  // The record alone says as much: judged again, the earlier run from try-1/.
  const again = await execa('node', ['bin/ipvs-verify.js', 'judge', out], { cwd: ROOT, reject: false, all: true });
  t.equal(again.exitCode, 1, again.all);
  t.match(again.all, /patched  DISAGREES with the patched model[^\n]*\n {9}on run 2; run 1 missed it \(kept in try-1\/\): templates/);
  const meta = JSON.parse(readFileSync(join(out, 'metadata.json'), 'utf8'));
  t.equal(meta.variants.patched.earlierTries[0].dir, 'try-1', "metadata keeps the first run's summary");
  t.ok(meta.variants.patched.earlierTries[0].summary.finalFloodTemplates > 50, `with its numbers: ${meta.variants.patched.earlierTries[0].summary.finalFloodTemplates} flood templates kept at the end`);
});
