// `ipvs-verify calibrate` through the real command line, on a record whose
// result.json keeps its PITs (written here by hand: nothing is judged).
import t from 'tap';
import { execa } from 'execa';
import { readFileSync } from 'node:fs';

const ROOT = new URL('../..', import.meta.url).pathname;
const cli = (args: string[]) => execa(process.execPath, ['bin/ipvs-verify.js', ...args], { cwd: ROOT, reject: false });

const pit = (x: number) => ({ below: 0, ties: 0, runs: 1000, pit: x });
const verdict = {
  variants: {
    base: { variant: 'base', pit: { claims: { C1: pit(0.25) }, series: { conns: pit(0.05) } } },
    patched: { variant: 'patched', pit: { claims: { C2: pit(0.75) }, series: { conns: pit(0.95) } } },
  },
  claims: [],
  claimsHold: true,
  judgeable: true,
};
const root = t.testdir({ runs: { r: { 'metadata.json': '{}', 'result.json': JSON.stringify({ run: 'r', verdict }) } } });

t.test('calibrate prints a line a quantity and the retries, exit 0', async (t) => {
  const r = await cli(['calibrate', `${root}/runs`]);
  t.equal(r.exitCode, 0, r.stderr);
  // conns: 0.05 and 0.95, one in the first tenth and one in the last; D = max(0.5 - 0.05, 1 - 0.95, 0.05, 0.95 - 0.5) = 0.45.
  t.match(r.stdout, /\narea:conns +2 +0\.450 +\d\.\d{3}  .{10}  1 0 0 0 0 0 0 0 0 1\n/);
  t.match(r.stdout, /\nC1 +1 /);
  t.match(r.stdout, /\nretries: 0 of 2 variant-runs needed one; the goal is fewer than 1 in 1,000\n\ndiagnostics of the tails/);
  // Ranks of 0 below and 0 equal: both variant-runs below every model run, listed, their record holding no results.
  t.match(r.stdout, /\nvariant-runs outside every model run .*: 2 of 2\n  \S+\/runs\/r base: C1 below, area:conns below\n    trace: overrun not recorded/);
  const json = await cli(['calibrate', `${root}/runs`, '--json', `${root}/calibration.json`]);
  t.equal(json.exitCode, 0, json.stderr);
  const written = JSON.parse(readFileSync(`${root}/calibration.json`, 'utf8'));
  t.same([written.calibration.variantRuns, written.runs.length, written.diagnostics.tails.length, written.skipped.length], [2, 2, 2, 0]);
  t.equal((await cli(['calibrate', `${root}/runs`, '--drop-runs', '0'])).exitCode, 2, '--drop-runs must be a positive integer');
  const none = await cli(['calibrate', `${root}/nothing`]);
  t.equal(none.exitCode, 2, `no records: bad input (${none.stderr.trim()})`);
});

t.test('--shrink-steps: a fuzz case shrunk once, its shrink step left out unless asked for', async (t) => {
  const record = { 'metadata.json': '{}', 'result.json': JSON.stringify({ run: 'r', verdict }) };
  const dir = t.testdir({ 'fuzz-0000': { 'step-000': record, 'step-001': { ...record } } });
  // One record of two variant-runs by default (step-000), two of four with the option.
  const drawn = await cli(['calibrate', dir]);
  t.equal(drawn.exitCode, 0, drawn.stderr);
  t.match(drawn.stdout, /^calibration over 2 variant-runs of 1 run records\n\(1 fuzz shrink-step records left out: .*--shrink-steps counts them\)\n/);
  const all = await cli(['calibrate', dir, '--shrink-steps']);
  t.equal(all.exitCode, 0, all.stderr);
  t.match(all.stdout, /^calibration over 4 variant-runs of 2 run records\n\(1 fuzz shrink-step records counted/);
});
