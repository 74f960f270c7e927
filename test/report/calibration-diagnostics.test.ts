// The tails and the diagnostics' summary and text, over variant-runs written
// here by hand (ranks chosen so each run's side is plain to see).
import t from 'tap';
import { diagnosticsSummary, tailsOf, type RunDiagnostics, type VariantRunDiagnostics } from '../../src/report/calibration-diagnostics.ts';
import { clientsText, diagnosticsText, dropsText, floodText, traceText } from '../../src/report/calibration-diagnostics-text.ts';
import type { VariantPits } from '../../src/compare/variant-pits.ts';

const rank = (below: number, ties: number, runs = 1000) => ({ below, ties, runs, pit: (below + 0.5) / (runs + 1) });
const nr = (why: string) => ({ notRecorded: why });

t.test('the quantities outside every run, named as the calibration names them', async (t) => {
  const pit: VariantPits = {
    claims: { C1: rank(1000, 0), C2: rank(0, 1000) },
    series: { templates: rank(1000, 0), conns: rank(0, 0), assured: rank(500, 10) },
  };
  // C1: all 1000 runs below -> above; C2: all tied -> not outside; templates' area above all; conns' area below all.
  t.same(tailsOf(pit), [
    { name: 'C1', side: 'above' },
    { name: 'area:templates', side: 'above' },
    { name: 'area:conns', side: 'below' },
  ]);
  t.same(tailsOf(undefined), [], 'a run without PITs has none');
});

const TRACED: RunDiagnostics['trace'] = { overrun: 0, oldest: 1.5, scans: { count: 145, first: 4.56, last: 152.08, longestGap: 1.08, longGaps: 0, durations: nr('no run ends traced') } };
const LOST: RunDiagnostics['trace'] = { overrun: 3120, oldest: 40.25, scans: { count: 110, first: 40.3, last: 152.1, longestGap: 2.05, longGaps: 1, durations: { measured: 109, longest: 2.8, overOneSecond: 2 } } };
// A clean newer agent's: every scan 3 ms at most.
const CLEAN: RunDiagnostics['trace'] = { ...TRACED, scans: { count: 145, first: 4.56, last: 152.08, longestGap: 1.08, longGaps: 0, durations: { measured: 144, longest: 0.003, overOneSecond: 0 } } };
const OLD: RunDiagnostics['trace'] = { overrun: nr('no defense-work-end event'), oldest: nr('no defense-work-end event'), scans: nr('no traced defense-work runs') };
const flood = (shortfall: number) => ({ floodSent: 1000, clientConns: 14, created: 1014 - shortfall, createdFrom: 'director-totals' as const, shortfall });
const drops = { line: 1349, gcov: 900, below: 200, ties: 0, runs: 200, min: 700, median: 760, max: 810 };
const SHORT = { windowS: 118, checked: 12, short: [{ client: 7, entries: 14, requests: 15, ports: [35391, 35407] }] };
const HELD = { windowS: 118, checked: 12, short: [] };

const run = (record: string, pit: VariantPits, d: RunDiagnostics, tryDir?: string): VariantRunDiagnostics => ({ record, variant: 'base', pit, diagnostics: d, ...(tryDir ? { tryDir } : {}) });
const RUNS = [
  run('r1', { claims: {}, series: { templates: rank(1000, 0) } }, { trace: LOST, flood: flood(0), drops, clients: nr('no client-conns event (an agent older than it)') }),
  run('r2', { claims: {}, series: { templates: rank(400, 0) } }, { trace: TRACED, flood: flood(12), drops: nr('no coverage.json'), clients: HELD }),
  run('r3', { claims: { C1: rank(0, 0) }, series: {} }, { trace: OLD, flood: nr('hping3'), drops: nr('no coverage.json'), clients: SHORT }, 'try-1'),
  run('r3', { claims: { C1: rank(10, 0) }, series: {} }, { trace: CLEAN, flood: flood(-1), drops: nr('no coverage.json'), clients: HELD }),
];

t.test('the summary: how common each explanation is, and the tail runs', async (t) => {
  const s = diagnosticsSummary(RUNS);
  t.equal(s.variantRuns, 4);
  // overrun recorded in r1, r2, r3's last (3), > 0 in r1 only; gaps over 1.5 s likewise in r1 only.
  t.same(s.overrun, { recorded: 3, positive: 1 });
  t.same(s.longGaps, { recorded: 3, positive: 1 });
  // scan ends traced in r1 (2 over 1 s) and r3's last (none over): recorded 2, positive 1.
  t.same(s.longScans, { recorded: 2, positive: 1 });
  // flood recorded in 3 (not r3's try-1), short in r2 only (r3's -1 is more made, not fewer).
  t.same(s.flood, { recorded: 3, shortfall: 1 });
  // one covered run, gcov above all 200 runs.
  t.same(s.drops, { recorded: 1, above: 1, below: 0 });
  // clients recorded in r2, r3's try-1 and r3's last; short in r3's try-1.
  t.same(s.clients, { recorded: 3, short: 1 });
  t.same(s.retried.map((r) => [r.record, r.tryDir]), [['r3', 'try-1']], "the earlier try: r3's first");
  t.equal(s.tails.length, 2, "r1's templates area above all; r3's try-1 C1 below all");
  t.same(s.tails.map((x) => [x.run.record, x.run.tryDir, x.tails]), [
    ['r1', undefined, [{ name: 'area:templates', side: 'above' }]],
    ['r3', 'try-1', [{ name: 'C1', side: 'below' }]],
  ]);
});

t.test('each diagnostic as a line', async (t) => {
  t.equal(traceText(LOST), 'overrun 3120, oldest event held 40.25 s; 110 defense-work runs traced 40.30-152.10 s, longest gap 2.05 s, 1 over 1.5 s; longest scan 2.800 s, 2 of 109 over 1 s');
  t.equal(traceText(CLEAN), 'overrun 0, oldest event held 1.50 s; 145 defense-work runs traced 4.56-152.08 s, longest gap 1.08 s, 0 over 1.5 s; longest scan 0.003 s, 0 of 144 over 1 s');
  t.match(traceText(TRACED), /0 over 1\.5 s; scan durations not recorded \(no run ends traced\)$/);
  t.equal(traceText(OLD), 'overrun not recorded (no defense-work-end event); defense-work runs not recorded (no traced defense-work runs)');
  t.equal(floodText(flood(12)), '1002 connections made (director-totals) vs 1000 flood packets sent + 14 client connections given: 12 fewer made');
  t.equal(floodText(flood(0)), '1014 connections made (director-totals) vs 1000 flood packets sent + 14 client connections given: as many made');
  t.equal(floodText(flood(-1)), '1015 connections made (director-totals) vs 1000 flood packets sent + 14 client connections given: 1 more made', 'no cause guessed');
  t.equal(clientsText(SHORT), '12 clients with requests in the last 118 s before the tables were read; fewer entries than requests: client 7 held 14 for 15 requests (ports 35391 35407)');
  t.equal(clientsText(HELD), '12 clients with requests in the last 118 s before the tables were read: each held as many entries as it made requests');
  t.equal(clientsText(nr('no client-conns event (an agent older than it)')), 'not recorded (no client-conns event (an agent older than it))');
  t.equal(dropsText(drops), 'gcov 900 at ip_vs_conn.c:1349; model 700/760/810 (min/median/max of 200 runs): above every run');
  t.equal(dropsText({ ...drops, gcov: 760, below: 99, ties: 3 }), 'gcov 760 at ip_vs_conn.c:1349; model 700/760/810 (min/median/max of 200 runs): 99 of 200 runs below, 3 equal');
});

t.test('the section: the counts, then each tail run with its four diagnostics, then each retry\'s first try', async (t) => {
  const text = diagnosticsText(diagnosticsSummary(RUNS));
  t.match(text, /overrun recorded in 3 of 4, > 0 in 1 .*a gap over 1\.5 s between traced defense-work runs in 1 of 3; /);
  t.match(text, /a scan over 1 s \(a guest the host starved\) in 1 of 2 with scan ends traced\n/);
  t.match(text, /connections made vs flood packets sent \+ client connections given: recorded in 3 of 4; fewer made than given in 1\n/);
  t.match(text, /recorded in 1 of 4; above every run in 1, below every run in 0/);
  t.match(text, /outside every model run .*: 2 of 4\n  r1 base: area:templates above\n    trace: overrun 3120, .*\n    flood: 1014 connections made .*as many made\n    drops: gcov 900 .*above every run\n    clients: not recorded .*\n  r3\/try-1 base: C1 below\n    trace: overrun not recorded/);
  t.match(text, /clients' entries at the end vs their requests within the entry's life: recorded in 3 of 4; fewer entries in 1\n/);
  t.match(text, /first tries of the variant-runs that needed a retry: 1\n  r3\/try-1 base\n    trace: overrun not recorded.*\n    flood: .*\n    drops: .*\n    clients: .*client 7 held 14 for 15 requests/);
  t.match(diagnosticsText(diagnosticsSummary([])), /: 0 of 0\n  \(none\)\n\nfirst tries of the variant-runs that needed a retry: 0\n  \(none\)\n$/);
});

t.test("where IPVS's counter shows which kind differs, the flood line says so; else the parts as counted", async (t) => {
  // 1000 sent + 14 given, 12 fewer made; split at 22.89 s (4 clients given by then).
  const at = (madeBy: number, madeAfter: number) => ({ ...flood(12), split: { at: 22.89, madeBy, givenBy: 1004, madeAfter, givenAfter: 10 } });
  // All 1004 given by then made, none of the 10 after (figures written here, not from one record).
  t.match(floodText(at(1004, 0)), /: 12 fewer made; by IPVS's counter at 22\.89 s all 1004 given by then were made: the difference is in the 10 client connections given after it \(0 made\)$/);
  // The 10 after all made; 992 of 1004 by then: the flood's or the 4 clients' by then.
  t.match(floodText(at(992, 10)), /; the 10 client connections given after IPVS's counter at 22\.89 s were all made: the difference is in the flood's 1000 or the 4 client connections given by then \(992 made of 1004\)$/);
  // No client by then: the flood's connections alone.
  const floodOnly = { ...flood(12), split: { at: 22.89, madeBy: 988, givenBy: 1000, madeAfter: 14, givenAfter: 14 } };
  t.match(floodText(floodOnly), /the difference is in the flood's connections \(988 made of 1000\)$/);
  // Both parts differ: the counts, no conclusion.
  t.match(floodText(at(1000, 2)), /12 fewer made; IPVS's counter at 22\.89 s: 1000 made of 1004 given by then, 2 of 10 after$/);
  // As many made: no split said.
  t.equal(floodText({ ...flood(0), split: { at: 22.89, madeBy: 1004, givenBy: 1004, madeAfter: 10, givenAfter: 10 } }), floodText(flood(0)));
});
