// Reports from a recorded real run: TAP 14, JUnit XML and the HTML page with
// SVG plots, all made in Node from the record; and how each shows a claim NOT
// DELIVERED (a hand-made verdict).
import t from 'tap';
import { cpSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { judgeRecord } from '../../src/pipeline/judge-record.ts';
import { writeReports } from '../../src/report/write.ts';
import { verdictTap } from '../../src/report/tap.ts';
import { verdictJunit } from '../../src/report/junit.ts';
import { notDeliveredNote, reportHtml } from '../../src/report/html.ts';
import type { Verdict } from '../../src/compare/verdict.ts';
import { UDP_NOT_ASSURED } from '../../src/protocols/udp.ts';

const fixture = new URL('../../fixtures/runs/smoke-2/', import.meta.url).pathname;

t.test('TAP 14 and JUnit from a verdict', async (t) => {
  const { verdict } = await judgeRecord(fixture, { seed: 1, mcRuns: 200 });
  const tap = verdictTap(verdict);
  const lines = tap.split('\n');
  t.equal(lines[0], 'TAP version 14');
  t.equal(lines[1], '1..10', 'two variants and eight claims (C5 and C6 on each variant)');
  t.match(tap, /^ok 1 - base: the kernel follows the base model$/m);
  t.match(tap, /^ok 3 - C1 \(base\): /m);
  t.match(tap, /^ok 6 - C4 \(both\): .* # SKIP inconclusive: /m);
  t.match(tap, /^ {2}---\n {2}outcome: pass\n/m, 'YAML diagnostics');
  t.match(tap, /^ok 7 - C5 \(base\): .* # SKIP inconclusive: /m);
  t.match(tap, /^ok 8 - C5 \(patched\): .* # SKIP inconclusive: /m);
  t.match(tap, /^ok 9 - C6 \(base\): .* # SKIP inconclusive: /m);
  t.match(tap, /^ok 10 - C6 \(patched\): .* # SKIP inconclusive: /m);
  t.equal(lines.filter((l) => /^(not )?ok \d+ - /.test(l)).length, 10);

  const xml = verdictJunit(verdict, 'smoke-2');
  t.match(xml, /^<\?xml version="1.0" encoding="UTF-8"\?>\n<testsuites name="smoke-2">/);
  t.equal((xml.match(/<testcase /g) ?? []).length, 4 + 4 + 8, 'four series checks per variant, eight claims');
  t.match(xml, /<testsuite name="smoke-2.claims" tests="8" failures="0" skipped="5">/);

  // A failing verdict shows as failures in both.
  const wrong = (await judgeRecord(fixture, { seed: 1, mcRuns: 200, modelFor: (v) => (v === 'base' ? 'patched' : 'base') })).verdict;
  t.match(verdictTap(wrong), /^not ok 1 - base: the kernel follows the patched model$/m);
  t.match(verdictJunit(wrong, 'x'), /<failure message=/);

  // A run made with --coverage: a test a patch, information that passes whatever it reached.
  const coverage = [
    { patch: 1, subject: 's1', hunks: 14, measurable: 12, reached: 9, detail: [{ hunk: 13, file: 'net/netfilter/ipvs/ip_vs_sync.c', line: 1021, context: 'static void ip_vs_process_message_v0(', reachedBase: false, reachedPatched: false, countBase: 0, countPatched: 0 }] },
    { patch: 2, subject: 's2', hunks: 7, measurable: 6, reached: 6, detail: [] },
  ];
  const covTap = verdictTap(verdict, coverage);
  t.match(covTap, /^1\.\.12$/m);
  t.match(covTap, /^ok 11 - coverage: patch 1 9 of 14 hunks reached$/m);
  t.match(covTap, /^ok 12 - coverage: patch 2 6 of 7 hunks reached$/m);
  const covXml = verdictJunit(verdict, 'smoke-2', coverage);
  t.match(covXml, /<testsuite name="smoke-2.coverage" tests="2" failures="0" skipped="0">/);
  t.match(covXml, /hunk 13 net\/netfilter\/ipvs\/ip_vs_sync.c:1021 \(static void ip_vs_process_message_v0\(\): base NOT reached 0, patched NOT reached 0/);
});

t.test('the report files, rebuilt from a record', async (t) => {
  const dir = t.testdir({});
  cpSync(fixture, dir, { recursive: true });
  const judged = await judgeRecord(dir, { seed: 1, mcRuns: 200 });
  const meta = JSON.parse(readFileSync(join(dir, 'metadata.json'), 'utf8'));
  const files = await writeReports(dir, judged, meta, 'smoke-2');
  t.same(files.map((f) => f.split('/').pop()), ['result.json', 'result.tap', 'result.junit.xml', 'report.html', 'headline.json']);
  const html = readFileSync(join(dir, 'report.html'), 'utf8');
  t.equal((html.match(/<svg /g) ?? []).length, 6, 'the headline, two plots per variant and the overlay');
  for (const id of ['base-templates', 'base-conns', 'patched-templates', 'patched-conns', 'overlay-templates']) t.match(html, `<figure id="${id}"`);
  // The headline first, its caption with smoke-2's verdict (C1 and C2 PASS, as the recorded-runs test has them).
  t.match(html, /<h1>ipvs-verify: smoke-2<\/h1>\n<figure id="headline" class="headline"><svg /);
  t.match(html, /they are dropped\. Verdict: PASS \(C1 \(base\) PASS, C2 \(patched\) PASS\)\.<\/figcaption>/);
  const headline = JSON.parse(readFileSync(join(dir, 'headline.json'), 'utf8'));
  t.same(Object.keys(headline.variants), ['base', 'patched'], "headline.json: both variants' numbers, for a suite's report");
  t.match(html, /<table id="claims">/);
  t.match(html, /The kernels do what the models predict/);
  t.match(html, /<a href="results-base.jsonl">/, 'links to the record\'s logs');
  t.notMatch(html, /<script/, 'self-contained and static');
  const result = JSON.parse(readFileSync(join(dir, 'result.json'), 'utf8'));
  t.equal(result.verdict.claimsHold, true);
  t.equal(result.metadata.scenario.value.name, 'smoke');
});

t.test('the report\'s "Series coverage" section: unreached hunks first', async (t) => {
  const { coverageSection } = await import('../../src/report/html.ts');
  t.equal(coverageSection(undefined), '', 'none without --coverage');
  const html = coverageSection([
    {
      patch: 2, subject: 's', hunks: 2, measurable: 2, reached: 1,
      detail: [
        { hunk: 6, file: 'net/netfilter/ipvs/ip_vs_conn.c', line: 1305, context: 'void ip_vs_random_dropentry(struct netns_ipvs *ipvs)', reachedBase: true, reachedPatched: true, countBase: 10, countPatched: 4 },
        { hunk: 3, file: 'net/netfilter/ipvs/ip_vs_sync.c', line: 1024, context: 'static void ip_vs_process_message_v0(', reachedBase: null, reachedPatched: false, countBase: 0, countPatched: 0 },
      ],
    },
  ]);
  t.match(html, /<h2>Series coverage<\/h2>/);
  t.match(html, /series coverage: patch 2 1\/2 hunks/);
  t.ok(html.indexOf('2.3') < html.indexOf('2.6'), 'the unreached hunk is listed first');
  t.match(html, /<td>n\/a<\/td><td>NO \(0\)<\/td><td>static void ip_vs_process_message_v0\(<\/td>/);
});

/** A verdict with a NOT DELIVERED claim, as the verdict makes one for a UDP service over DR or TUN (test/claims/c3-assured-survive.test.ts judges it). */
const C3_TITLE = 'templates of clients that completed a handshake (ASSURED) survive; clients keep their real server';
const C3_REASON = `${UDP_NOT_ASSURED}. 0 of 2 clients' templates are ASSURED at the end (the patched model's runs: at most 0); 1 of 2 clients kept their real server`;
const notDelivered: Verdict = {
  variants: {},
  claims: [
    { id: 'C1', variant: 'base', title: 'under a UDP flood, templates outlive', outcome: 'pass', reason: 'r1', numbers: {} },
    { id: 'C3', variant: 'patched', title: C3_TITLE, outcome: 'not-delivered', reason: C3_REASON, numbers: { clients: 2, keptServer: 1 }, undelivered: UDP_NOT_ASSURED },
    { id: 'C4', variant: 'both', title: 'the control', outcome: 'inconclusive', reason: 'drop_entry 3', numbers: {} },
  ],
  claimsHold: true,
  judgeable: true,
};

t.test('NOT DELIVERED in TAP: an ok line, in the skipped tally with its own words and the kernel function; its outcome in the diagnostics', async (t) => {
  const tap = verdictTap(notDelivered);
  t.match(tap, /^1\.\.3$/m);
  const line = tap.split('\n').find((l) => l.startsWith('ok 2 - '));
  t.equal(line, `ok 2 - C3 (patched): ${C3_TITLE} # SKIP NOT DELIVERED: ${C3_REASON}`);
  t.match(tap, /^ok 3 - C4 \(both\): the control # SKIP inconclusive: drop_entry 3$/m, 'INCONCLUSIVE in its own words');
  t.match(tap, /^ {2}outcome: not-delivered$/m);
  t.notMatch(tap, /^not ok/m, 'no failure');
});

t.test('NOT DELIVERED in JUnit: a skipped testcase whose message says NOT DELIVERED and why; no failure', async (t) => {
  const xml = verdictJunit(notDelivered, 'dr-udp');
  t.match(xml, /<testsuite name="dr-udp.claims" tests="3" failures="0" skipped="2">/, 'C3 and C4 skipped, C1 passed');
  t.match(xml, '<testcase classname="dr-udp.claims" name="C3 (patched): templates of clients that completed a handshake (ASSURED) survive; clients keep their real server"><skipped message="NOT DELIVERED: udp_state_transition() (net/netfilter/ipvs/ip_vs_proto_udp.c:429) assures');
  t.match(xml, '<skipped message="drop_entry 3"/>', 'INCONCLUSIVE: its reason alone');
  t.notMatch(xml, /<failure/);
});

t.test('NOT DELIVERED in HTML: its own label and colour in the claims table, and a note under the verdict with the kernel function', async (t) => {
  const html = reportHtml({ title: 'dr-udp', verdict: notDelivered, plots: [], metadata: {}, logs: [] });
  t.match(html, '<tr class="not-delivered"><td>C3</td><td>patched</td><td>NOT DELIVERED</td>');
  t.match(html, /tr\.not-delivered td:nth-child\(3\) \{ color: #8250df/);
  t.match(html, /<p id="verdict" class="pass"><strong>The kernels do what the models predict\.<\/strong><\/p>\n<div id="not-delivered">/, 'the verdict stands; the note beneath it');
  t.match(html, `<li>C3 (patched): ${C3_TITLE}: udp_state_transition() (net/netfilter/ipvs/ip_vs_proto_udp.c:429) assures`);
  t.equal(notDeliveredNote({ claims: notDelivered.claims.filter((c) => c.id !== 'C3') }), '', 'no note where everything is delivered');
});

t.test('the headline comes before everything else in report.html: verdict, variants, claims, plots, logs, metadata', async (t) => {
  const html = reportHtml({
    title: 'dr-udp',
    verdict: notDelivered,
    plots: [{ id: 'base-templates', title: 'p', svg: '<svg id="p"></svg>' }],
    metadata: { m: 1 },
    logs: ['console-base.log'],
    headline: { id: 'headline', svg: '<svg id="h"></svg>', caption: 'Templates over time. Verdict: PASS.' },
  });
  t.match(html, '<figure id="headline" class="headline"><svg id="h"></svg><figcaption>Templates over time. Verdict: PASS.</figcaption></figure>');
  const at = ['<figure id="headline"', '<p id="verdict"', '<div id="not-delivered">', '<table id="variants">', '<table id="claims">', '<figure id="base-templates"', '<h2>Logs</h2>', '<h2>Metadata</h2>'].map((s) => html.indexOf(s));
  t.equal(at.length, 8);
  t.ok(at.every((i) => i > 0), 'every section present');
  t.same([...at].sort((a, b) => a - b), at, 'in this order');
  t.equal(html.indexOf('<figure'), at[0], 'no figure before the headline');
  t.notMatch(reportHtml({ title: 'x', verdict: notDelivered, plots: [], metadata: {}, logs: [] }), /id="headline"/, 'none when not given');
});
