// calibrate() over records on disk: found at any depth, read from result.json
// where it keeps PITs (nothing judged here: the verdicts are written by hand,
// a record that cannot be judged skipped.
import t from 'tap';
import { join } from 'node:path';
import { readFileSync } from 'node:fs';
import { calibrate } from '../../src/commands/calibrate.ts';
import { DROP_FILE } from '../../src/coverage/drop-line.ts';

const pits = (templates: number) => ({ claims: {}, series: { templates: { below: 0, ties: 0, runs: 1000, pit: templates } } });
/** Two variant-runs; patched run again once when `retried`. */
const result = (i: number, retried = false) =>
  JSON.stringify({
    run: `r${i}`,
    verdict: {
      variants: { base: { variant: 'base', pit: pits(0.1 * i) }, patched: { variant: 'patched', pit: pits(0.5), ...(retried ? { earlierTries: [{ dir: 'try-1', checks: [], pit: pits(0.99) }] } : {}) } },
      claims: [],
      claimsHold: true,
      judgeable: true,
    },
  });
const root = t.testdir({
  out: {
    'linux-6.1': {
      r1: { 'metadata.json': '{}', 'result.json': result(1) },
      // A record verify ran a variant of twice: its first try in try-1/ (no metadata.json there).
      r2: { 'metadata.json': '{}', 'result.json': result(2, true), 'try-1': { 'results-patched.jsonl': '' } },
    },
    // No scenario in its metadata, no result.json: judging it fails as bad input.
    bad: { 'metadata.json': '{}' },
    notes: { 'README.md': 'not a record' },
  },
});

t.test('the stored PITs, the retries, and the record that could not be judged', async (t) => {
  const r = await calibrate([join(root, 'out')]);
  t.same([r.calibration.records, r.calibration.variantRuns, r.calibration.retried], [2, 4, 1]);
  // base 0.1, 0.2; patched 0.5, 0.5 and its earlier try's 0.99.
  t.same(r.calibration.quantities.map((q) => [q.name, q.pits]), [['area:templates', [0.1, 0.5, 0.2, 0.5, 0.99]]]);
  t.equal(r.skipped.length, 1);
  t.match(r.skipped[0], { dir: join(root, 'out/bad'), why: /names no scenario/ });
  t.match(r.text, /\nretries: 1 of 4 variant-runs needed one/);
  t.match(r.text, /\nskipped .*out\/bad: .*names no scenario\n$/);
  // r1's two variant-runs, r2's two and its patched earlier try; their records hold no results: nothing recorded, no failure.
  t.equal(r.runs.length, 5);
  t.same(r.runs.map((x) => [x.record.slice(root.length), x.variant, x.tryDir]), [
    ['/out/linux-6.1/r1', 'base', undefined],
    ['/out/linux-6.1/r1', 'patched', undefined],
    ['/out/linux-6.1/r2', 'base', undefined],
    ['/out/linux-6.1/r2', 'patched', 'try-1'],
    ['/out/linux-6.1/r2', 'patched', undefined],
  ]);
  // r2's try-1 keeps an empty results file: no trace in it; coverage is the last try's.
  t.match(r.runs[3]!.diagnostics, { trace: { overrun: { notRecorded: /no defense-work-end/ } }, drops: { notRecorded: /an earlier try/ } });
  t.match(r.runs[0]!.diagnostics, { flood: { notRecorded: /no .*r1\/results-base.jsonl/ } }, 'r1 keeps no results at all');
  t.same(r.diagnostics.overrun, { recorded: 0, positive: 0 });
  // The ranks written above are 0 below and 0 equal of 1000: each run lies below every model run.
  t.match(r.text, /\nvariant-runs outside every model run .*: 5 of 5\n  \S+r1 base: area:templates below\n    trace: overrun not recorded/);
  await t.rejects(calibrate([join(root, 'out/notes')]), /no run records/);
});

// A fuzz campaign: case 0 drawn (step-000) and shrunk twice (step-001, step-002),
// case 1 drawn only. base's PIT is 0.1 * i for result(i), patched's 0.5.
const campaign = {
  'fuzz-0000': {
    'step-000': { 'metadata.json': '{}', 'result.json': result(1) },
    'step-001': { 'metadata.json': '{}', 'result.json': result(9) },
    'step-002': { 'metadata.json': '{}', 'result.json': result(8) },
  },
  'fuzz-0001': { 'step-000': { 'metadata.json': '{}', 'result.json': result(3) } },
};

t.test("a fuzz campaign: each case's drawn run by default, its shrink steps with shrinkSteps", async (t) => {
  const dir = t.testdir({ campaign, shrunk: { 'fuzz-0004': { 'step-001': { 'metadata.json': '{}', 'result.json': result(2) } } } });
  const drawn = await calibrate([join(dir, 'campaign')]);
  // step-000 of cases 0 and 1: 2 records, 4 variant-runs; base 0.1 and 0.3, patched 0.5 twice.
  t.same([drawn.calibration.records, drawn.calibration.variantRuns], [2, 4]);
  t.same(drawn.calibration.quantities.map((q) => [q.name, q.pits.map((x) => Math.round(x * 10) / 10)]), [['area:templates', [0.1, 0.5, 0.3, 0.5]]]);
  t.same(drawn.shrinkSteps, { found: 2, counted: false });
  t.same(drawn.runs.map((x) => x.record.slice(dir.length)), ['/campaign/fuzz-0000/step-000', '/campaign/fuzz-0000/step-000', '/campaign/fuzz-0001/step-000', '/campaign/fuzz-0001/step-000'], 'no diagnostics of a shrink step either');
  t.match(drawn.text, /^calibration over 4 variant-runs of 2 run records\n\(2 fuzz shrink-step records left out: only each fuzz case's drawn run, step-000, is counted; --shrink-steps counts them\)\n/);

  const all = await calibrate([join(dir, 'campaign')], { shrinkSteps: true });
  // All four records in name order: base 0.1, 0.9, 0.8, 0.3 (result(1), (9), (8), (3)), patched 0.5 each.
  t.same([all.calibration.records, all.calibration.variantRuns], [4, 8]);
  t.same(all.calibration.quantities[0]!.pits.map((x) => Math.round(x * 10) / 10), [0.1, 0.5, 0.9, 0.5, 0.8, 0.5, 0.3, 0.5]);
  t.same(all.shrinkSteps, { found: 2, counted: true });
  t.match(all.text, /^calibration over 8 variant-runs of 4 run records\n\(2 fuzz shrink-step records counted, as --shrink-steps asks/);

  // No shrink step anywhere: no note.
  t.notMatch((await calibrate([join(dir, 'campaign/fuzz-0001')])).text, /shrink-step records/);
  // Only shrink steps: nothing to count unless asked, and the error says why.
  await t.rejects(calibrate([join(dir, 'shrunk')]), /no run records .* but 1 fuzz shrink steps \(--shrink-steps counts them\)/);
  t.equal((await calibrate([join(dir, 'shrunk')], { shrinkSteps: true })).calibration.records, 1);
});

// A covered run: fixtures/runs/udp-1's base record, its verdict written by hand
// (its templates' area above all 1000 runs), and a coverage.json whose base
// ip_vs_conn.c is a cut-down ip_vs_random_dropentry() with its drop line 3.
const fixture = (f: string) => readFileSync(new URL(`../../fixtures/runs/udp-1/${f}`, import.meta.url), 'utf8');
const BASE_CONN = ['void ip_vs_random_dropentry(struct netns_ipvs *ipvs)', '{', '\t\t\tip_vs_conn_expire_now(cp);', '}'].join('\n');
const coveredDir = {
  'udp-1': {
    'metadata.json': fixture('metadata.json'),
    'results-base.jsonl': fixture('results-base.jsonl'),
    'result.json': JSON.stringify({
      verdict: {
        variants: { base: { variant: 'base', modelVariant: 'base', model: { runs: 1000, seed: 1 }, pit: { claims: {}, series: { templates: { below: 1000, ties: 0, runs: 1000, pit: 0.9995 } } } } },
        claims: [],
        claimsHold: false,
        judgeable: true,
      },
    }),
    // 10^6 drop-line runs: above any model run (1014 connections, 150 scans of 128 buckets each can run the line at most ~10^5 times).
    'coverage.json': JSON.stringify({ series: [], files: { [DROP_FILE]: { base: BASE_CONN, patched: null } }, counts: { base: { [DROP_FILE]: { '3': 1000000 } } }, patches: [] }),
  },
};

t.test("a covered record: its tail run listed with the trace, the flood's account and gcov's count against the model's runs", async (t) => {
  const covered = t.testdir(coveredDir);
  const r = await calibrate([covered], { dropRuns: 5 });
  t.equal(r.runs.length, 1);
  const d = r.runs[0]!.diagnostics;
  // udp-1 base: overrun 0 and 145 traced runs; 1000 sent + 14 clients = 1014 = 0x3F6 made.
  t.match(d.trace, { overrun: 0, scans: { count: 145 } });
  t.match(d.flood, { floodSent: 1000, clientConns: 14, created: 1014, shortfall: 0 });
  t.match(d.drops, { line: 3, gcov: 1000000, below: 5, ties: 0, runs: 5 });
  t.same(r.diagnostics.drops, { recorded: 1, above: 1, below: 0 });
  t.equal(r.diagnostics.tails.length, 1);
  t.match(r.text, /udp-1 base: area:templates above\n    trace: overrun 0; 145 defense-work runs .*\n    flood: 1014 connections made \(last sample\) vs 1000 flood packets sent \+ 14 client connections given: as many made\n    drops: gcov 1000000 at ip_vs_conn\.c:3; model .* \(min\/median\/max of 5 runs\): above every run\n/);
});
