// End to end on real kernels: Debian's 6.1 source (and 6.12's beside it, as
// `--kernel-lines 6.1,6.12`), base and patched built (or taken from the cache),
// each booted under QEMU with the smoke scenario; one record a line and one
// report over them. scripts/run-tests.sh installs linux-source-6.12 and names
// it in IPVS_VERIFY_TEST_LINES: there a missing 6.12 source fails the 6.12 half.
// Elsewhere, without it, the 6.12 half says so and is skipped (the tool would
// install it, but a test does not download 150 MB).
import t from 'tap';
import { readFileSync, existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { execa } from 'execa';
import { describeCheck, type BandCheck } from '../../src/compare/bands.ts';
import { parseResults } from '../../src/record/results.ts';
import { defenseWorkTimes } from '../../src/record/defense-work.ts';
import { tarballOf } from '../../src/source/debian.ts';

const ROOT = new URL('../..', import.meta.url).pathname;
// Kept after the test (runs/ is ignored by git): the evidence when CI fails.
const out = join(ROOT, 'runs', `e2e-smoke-${Date.now()}`);
const with612 = existsSync(tarballOf('6.12'));
const require612 = (process.env.IPVS_VERIFY_TEST_LINES ?? '').split(',').includes('6.12');
const lines = with612 ? ['6.1', '6.12'] : ['6.1'];
// The series each variant is held against its band on (compare/verdict.ts's CHECKED_SERIES, written out).
const CHECKED = ['conns', 'synRecv', 'templates', 'assured'];
const claimsHold = { C1: 'pass', C2: 'pass', C3: 'pass', C4: 'inconclusive', C5: 'inconclusive', C6: 'inconclusive' };

let verified: Promise<{ exitCode: number | undefined; all: string }> | undefined;
const verify = () =>
  (verified ??= execa('node', ['bin/ipvs-verify.js', 'verify', '--kernel-lines', lines.join(','), '--scenario', 'fixtures/scenarios/smoke.yaml', '--out', out], {
    cwd: ROOT,
    reject: false,
    all: true,
  }).then((r) => ({ exitCode: r.exitCode, all: r.all ?? '' })));

t.test('ipvs-verify verify: smoke scenario on base and patched (6.1)', async (t) => {
  const r = await verify();
  t.equal(r.exitCode, 0, `verify exits 0\n${r.all.slice(-3000)}`);
  t.match(r.all, new RegExp(`\\nverdict +${lines.map(() => 'PASS').join(' +')}\\n`));
  const dir = join(out, 'linux-6.1');
  const files = readdirSync(dir);
  for (const f of ['metadata.json', 'samples-base.jsonl', 'samples-patched.jsonl', 'console-base.log', 'console-patched.log', 'build-base.log', 'build-patched.log']) {
    t.ok(files.includes(f), `run record has ${f}`);
  }
  const meta = JSON.parse(readFileSync(join(dir, 'metadata.json'), 'utf8'));
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
    const runs = defenseWorkTimes(parseResults(readFileSync(join(dir, `results-${name}.jsonl`), 'utf8')));
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
  const result = JSON.parse(readFileSync(join(dir, 'result.json'), 'utf8'));
  // (The message names the misses, so that a CI log alone shows where a model and a kernel parted.)
  for (const v of ['base', 'patched'] as const) {
    // (agrees is every check's: true of no check at all, so the checks are named first.)
    t.same((result.verdict.variants[v].checks as BandCheck[]).map((c) => c.series), CHECKED, `${v}: the series checked`);
    const checks = (result.verdict.variants[v].checks as BandCheck[]).map(describeCheck).join('; ');
    t.equal(result.verdict.variants[v].agrees, true, `${v} follows the ${v} model (${checks})`);
  }
  const outcome = Object.fromEntries(result.verdict.claims.map((c: { id: string; outcome: string }) => [c.id, c.outcome]));
  t.same(outcome, claimsHold);
  t.ok(files.includes('model-base.json') && files.includes('model-patched.json'), 'model bands kept');
  for (const f of ['report.html', 'result.tap', 'result.junit.xml']) t.ok(files.includes(f), `report ${f} written`);
  t.notOk(files.some((f) => f.endsWith('.cpio')), 'initramfs archives not kept (their specs are)');
});

t.test('6.12 beside 6.1: one record a line, one report over both', { skip: with612 || require612 ? false : `${tarballOf('6.12')} is not installed (scripts/install-deps.sh --kernel-lines 6.1,6.12)` }, async (t) => {
  if (!with612) {
    t.fail(`${tarballOf('6.12')} is missing, and this run requires it (IPVS_VERIFY_TEST_LINES=${process.env.IPVS_VERIFY_TEST_LINES})`);
    return;
  }
  const r = await verify();
  t.equal(r.exitCode, 0);
  t.match(r.all, /linux 6\.1 +linux 6\.12\n/, 'the lines side by side');
  for (const f of ['index.html', 'result.tap', 'result.junit.xml']) t.ok(existsSync(join(out, f)), `one report over both: ${f}`);
  t.match(readFileSync(join(out, 'index.html'), 'utf8'), /linux-6\.1\/report\.html[\s\S]*linux-6\.12\/report\.html/);
  for (const line of ['6.1', '6.12']) {
    const dir = join(out, `linux-${line}`);
    const meta = JSON.parse(readFileSync(join(dir, 'metadata.json'), 'utf8'));
    t.equal(meta.source.debian.line, line);
    t.match(meta.source.debian.version, new RegExp(`^${line.replace('.', '\\.')}\\.\\d+-`), `${line}: the exact Debian version is recorded (${meta.source.debian.version})`);
    for (const v of ['base', 'patched']) {
      t.match(meta.variants[v].qemu.join(' '), /-kernel \S+\/vmlinux /);
      // smoke asks for 2^12; neither line clamps it in the guest's memory.
      t.same(meta.variants[v].connTable, { requestedBits: 12, consoleSize: 4096, procSize: 4096 }, `${line} ${v}: the table the kernel made`);
    }
    const result = JSON.parse(readFileSync(join(dir, 'result.json'), 'utf8'));
    for (const v of ['base', 'patched']) {
      const x = result.verdict.variants[v];
      t.same(x.checks.map((c: BandCheck) => c.series), CHECKED, `${line} ${v}: the series checked`);
      for (const c of x.checks as BandCheck[]) t.ok(c.agrees, `${line} ${v}: ${describeCheck(c)} in band`);
      t.equal(x.table.modelBits, 12);
    }
    const outcome = Object.fromEntries(result.verdict.claims.map((c: { id: string; outcome: string }) => [c.id, c.outcome]));
    t.same(outcome, claimsHold, `${line}: the claims hold`);
  }
  // Each line's kernel is its own: 6.12's guest ran a 6.12 kernel.
  t.match(readFileSync(join(out, 'linux-6.12', 'results-patched.jsonl'), 'utf8'), /"kernel":"6\.12\.\d+/);
});

t.test('the kernels verify built are the ones the next command takes from the cache', async (t) => {
  await verify();
  const r = await execa('node', ['bin/ipvs-verify.js', 'exec', '--variant', 'patched', '--', 'true'], { cwd: ROOT, reject: false, all: true });
  t.equal(r.exitCode, 0, r.all);
  t.match(r.all, /\[exec patched\] cached kernel /);
  t.notMatch(r.all, /\[build patched\] \d+s,/, 'no make progress lines');
  const key = JSON.parse(readFileSync(join(out, 'linux-6.1', 'metadata.json'), 'utf8')).variants.patched.kernel.key;
  t.match(r.all, new RegExp(`cached kernel ${key}\\b`), "the very kernel of verify's record");
});
