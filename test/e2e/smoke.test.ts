// End to end on real kernels: Debian's 6.1 source, base and patched built (or
// taken from the cache), each booted under QEMU with the smoke scenario.
import t from 'tap';
import { readFileSync, existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { execa } from 'execa';
import { describeCheck, type BandCheck } from '../../src/compare/bands.ts';
import { parseResults } from '../../src/record/results.ts';
import { defenseWorkTimes } from '../../src/record/defense-work.ts';

const ROOT = new URL('../..', import.meta.url).pathname;
// Kept after the test (runs/ is ignored by git): the evidence when CI fails.
const stamp = Date.now();
const out = join(ROOT, 'runs', `e2e-smoke-${stamp}`);

t.test('ipvs-verify verify: smoke scenario on base and patched', async (t) => {
  const r = await execa('node', ['bin/ipvs-verify.js', 'verify', '--scenario', 'fixtures/scenarios/smoke.yaml', '--out', out], {
    cwd: ROOT,
    reject: false,
    all: true,
  });
  t.equal(r.exitCode, 0, `verify exits 0\n${r.all?.slice(-3000)}`);
  t.match(r.all, /run record: /);

  const files = readdirSync(out);
  for (const f of ['metadata.json', 'samples-base.jsonl', 'samples-patched.jsonl', 'console-base.log', 'console-patched.log', 'build-base.log', 'build-patched.log']) {
    t.ok(files.includes(f), `run record has ${f}`);
  }
  const meta = JSON.parse(readFileSync(join(out, 'metadata.json'), 'utf8'));
  t.equal(meta.status, 'complete');
  // auto: KVM only when the probe saw a guest run under it; the choice and its reason recorded.
  t.equal(meta.accelRequested, 'auto');
  if (meta.accel === 'kvm') t.equal(meta.accelChoice.kvm.status, 'runs', 'KVM chosen: the probe saw the kernel boot');
  else {
    t.equal(meta.accel, 'tcg');
    t.match(meta.accelChoice.kvm.status, /^(unavailable|broken)$/, `TCG: ${meta.accelChoice.note}`);
    t.match(meta.accelChoice.note, /using TCG$/);
    t.equal(meta.timeWarp, true, 'TCG with time warp');
  }
  t.equal(meta.source.carriesSeries, true);
  t.match(meta.config.hash, /^[0-9a-f]{16}$/);

  const base = meta.variants.base.summary;
  const patched = meta.variants.patched.summary;
  for (const [name, s] of [['base', base], ['patched', patched]] as const) {
    t.ok(s.samples >= 140, `${name}: a sample every guest second (${s.samples})`);
    // The director's defense work, traced: about one run a second from set-up to the end.
    const runs = defenseWorkTimes(parseResults(readFileSync(join(out, `results-${name}.jsonl`), 'utf8')));
    t.ok(runs && runs.length >= 100 && runs.length <= 170, `${name}: the defense work's runs traced (${runs?.length})`);
    t.equal(s.damagedLines, 0, `${name}: results channel intact`);
    t.ok(s.totalConnsCreated >= 500, `${name}: the flood reached IPVS (${s.totalConnsCreated} connections)`);
    t.ok(s.peakTemplates >= 300, `${name}: flood templates piled up (${s.peakTemplates})`);
    t.equal(s.finalConnsByState.SYN_RECV ?? 0, 0, `${name}: every flood connection is gone at the end`);
    t.ok(s.clientHandshakes.ok > 0, `${name}: legitimate clients completed handshakes`);
  }
  // The claim of the series, in its simplest form.
  t.ok(base.finalFloodTemplates >= 50, `base keeps flood templates after their connections are gone (${base.finalFloodTemplates})`);
  t.ok(
    patched.finalFloodTemplates * 4 <= base.finalFloodTemplates,
    `patched drops them (${patched.finalFloodTemplates} vs base ${base.finalFloodTemplates})`,
  );
  // The assured state exists only with the series.
  t.ok((patched.finalClientTemplatesByState.ASSURED ?? 0) > 0, 'patched: client templates are ASSURED');
  t.equal(base.finalClientTemplatesByState.ASSURED ?? 0, 0, 'base: no ASSURED state');
  t.equal(patched.clientsKeptServer, patched.clients, 'patched: clients keep their real server');

  // The verdict: each kernel follows its own model, and the claims hold.
  const result = JSON.parse(readFileSync(join(out, 'result.json'), 'utf8'));
  // (The message names the misses, so that a CI log alone shows where a model and a kernel parted.)
  for (const v of ['base', 'patched'] as const) {
    const checks = (result.verdict.variants[v].checks as BandCheck[]).map(describeCheck).join('; ');
    t.equal(result.verdict.variants[v].agrees, true, `${v} follows the ${v} model (${checks})`);
  }
  const outcome = Object.fromEntries(result.verdict.claims.map((c: { id: string; outcome: string }) => [c.id, c.outcome]));
  t.same(outcome, { C1: 'pass', C2: 'pass', C3: 'pass', C4: 'inconclusive', C5: 'inconclusive', C6: 'inconclusive' });
  t.ok(files.includes('model-base.json') && files.includes('model-patched.json'), 'model bands kept');
  for (const f of ['result.tap', 'result.junit.xml', 'report.html']) t.ok(files.includes(f), `report ${f} written`);
  t.notOk(files.some((f) => f.endsWith('.cpio')), 'initramfs archives not kept (their specs are)');
  t.match(r.all, /verdict: the kernels do what the models predict/);
});

t.test('a second verify builds nothing', async (t) => {
  const again = join(ROOT, 'runs', `e2e-smoke-${stamp}-again`);
  const r = await execa(
    'node',
    ['bin/ipvs-verify.js', 'verify', '--scenario', 'fixtures/scenarios/smoke.yaml', '--variant', 'patched', '--out', again],
    { cwd: ROOT, reject: false, all: true },
  );
  t.equal(r.exitCode, 0, r.all?.slice(-2000));
  t.match(r.all, /\[build patched\] taken from the cache/);
  t.notMatch(r.all, /\[build patched\] \d+s,/, 'no make progress lines');
  const meta = JSON.parse(readFileSync(join(again, 'metadata.json'), 'utf8'));
  t.equal(meta.variants.patched.kernel.built, false);
  t.ok(existsSync(join(again, 'samples-patched.jsonl')));
});
