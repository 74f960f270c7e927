// The planner of further model runs (freshBatches): which models need them,
// how many, with which seeds, and when the verdict stands.
import t from 'tap';
import { FRESH_FACTOR, freshBatches, judge, withBatch, type Fresh } from '../../src/compare/verdict.ts';
import { monteCarloValues } from '../../src/model/monte-carlo.ts';
import { readRecord } from '../../src/pipeline/judge-record.ts';
import { verdictText } from '../../src/report/claims-table.ts';
import type { BandCheck } from '../../src/compare/bands.ts';
import type { VariantVerdict } from '../../src/compare/verdict.ts';
import { EXIT, exitCodeFor } from '../../src/errors.ts';

const rec = await readRecord(new URL('../../fixtures/runs/smoke-1', import.meta.url).pathname);

t.test('a kernel its model describes needs no further runs', async (t) => {
  const input = { ...rec, seed: 1, mcRuns: 300 };
  const { verdict } = judge(input);
  t.same(Object.keys(verdict.variants).sort(), ['base', 'patched'], 'both variants judged');
  t.ok(Object.values(verdict.variants).every((v) => v.agrees && v.checks.length === 4), 'each agrees on its four series');
  t.same(freshBatches(input, verdict, {}), []);
});

t.test('a kernel beyond every run: batches that double up to the limit, seeds after the band\'s', async (t) => {
  // The base kernel against the patched model: it misses by far more than any run.
  const input = { ...rec, runs: { base: rec.runs.base! }, seed: 1, mcRuns: 100, modelFor: () => 'patched' as const };
  const fresh: Fresh = {};
  let { verdict } = judge(input);
  t.equal(verdict.variants.base!.agrees, false);
  const plan: [number, number][] = [];
  for (let b = freshBatches(input, verdict, fresh); b.length > 0; b = freshBatches(input, verdict, fresh)) {
    t.equal(b.length, 1);
    t.equal(b[0]!.key, 'base:patched', 'the run against the model held against it');
    plan.push([b[0]!.first, b[0]!.count]);
    fresh[b[0]!.key] = withBatch(fresh[b[0]!.key], b[0]!.count, monteCarloValues(b[0]!.request, b[0]!.first, b[0]!.count));
    ({ verdict } = judge(input, undefined, fresh));
  }
  t.same(plan, [[100, 100], [200, 100], [300, 200], [500, 400], [900, 100]], 'runs 100..999: 9 x mcRuns further runs at most');
  t.equal(FRESH_FACTOR, 9);
  t.equal(verdict.variants.base!.agrees, false, 'still beyond all of them: it disagrees');
  t.equal(verdict.variants.base!.model.freshRuns, 900);
  const templates = verdict.variants.base!.checks.find((c) => c.series === 'templates')!;
  t.same(templates.runs.fresh, { count: 900, wider: 0 });
  // The further runs are the runs a larger Monte Carlo would have drawn: run r has seed seed + r.
  const whole = monteCarloValues(freshBatches(input, judge(input).verdict, {})[0]!.request, 0, 1000);
  const n = whole.templates.length / 1000;
  t.same(fresh['base:patched']!.values.templates, whole.templates.subarray(100 * n), 'seeds 100..999, in order');
  // freshRuns: 0 keeps to the band's runs (a bisect's quick judgement).
  t.same(freshBatches({ ...input, freshRuns: 0 }, judge(input).verdict, {}), []);
});

t.test('withBatch appends, series by series', async (t) => {
  const one = { count: 1, values: { templates: Int32Array.of(1, 2) } } as unknown as Parameters<typeof withBatch>[0];
  const two = withBatch(one, 2, { templates: Int32Array.of(3, 4, 5, 6) } as never);
  t.equal(two.count, 3);
  t.same([...two.values.templates], [1, 2, 3, 4, 5, 6]);
});

// A variant verify ran again (src/pipeline/retry.ts): describeEarlierTries(), and where it is shown.
const check = (agrees: boolean): BandCheck => ({
  series: 'templates',
  samples: 160,
  inside: agrees ? 160 : 96,
  fraction: agrees ? 1 : 0.6,
  area: agrees ? 0 : 9.45,
  runs: { count: 1000, lowestFraction: 0.72, largestArea: 7.93, wider: 0, equal: 0, underAgreement: 6, ...(agrees ? {} : { fresh: { count: 9000, wider: 0 } }) },
  agrees,
  ...(agrees ? {} : { worst: { t: 123, value: 54, lo: 12, hi: 45 }, misses: { above: 64, below: 0, from: 86, to: 160 } }),
});

t.test('a variant run again says which run the verdict is, and what the earlier ones missed', async (t) => {
  const patched = { variant: 'patched', modelVariant: 'patched', agrees: true, checks: [check(true)], earlierTries: [{ dir: 'try-1', checks: [check(true), check(false)] }] } as unknown as VariantVerdict;
  const text = verdictText({ variants: { patched }, claims: [], claimsHold: true, judgeable: true });
  t.match(text, /^patched  agrees with the patched model \(samples in band: templates 100%\)\n {9}on run 2; run 1 missed it \(kept in try-1\/\): templates 60%: 64 above, 0 below, 86\.\.160 s; worst at 123 s, 54 against 12\.\.45, missing by 9\.45 band-widths \(the model's own runs: up to 7\.93; 0 of 1000 miss by as much, 6 are under 95% in band; 0 of 9000 further runs miss by as much\)\n/);
  const once = verdictText({ variants: { patched: { ...patched, earlierTries: [] } }, claims: [], claimsHold: true, judgeable: true });
  t.notMatch(once, /on run/, 'a variant run once says nothing of runs');
});

t.test("a variant run again says whether the host starved the earlier try's guest", async (t) => {
  // The try's trace as src/compare/try-trace.ts keeps it: one scan of 2.8 s, one gap of 3.9 s (written here).
  const trace = { longestScan: 2.8, scansOverOneSecond: 1, longestGap: 3.9, gapsOverOneAndHalf: 1, overrun: 0 };
  const base = { variant: 'base', modelVariant: 'base', agrees: true, checks: [check(true)], earlierTries: [{ dir: 'try-1', checks: [check(false)], trace }] } as unknown as VariantVerdict;
  const text = verdictText({ variants: { base }, claims: [], claimsHold: true, judgeable: true });
  t.match(text, /on run 2; run 1 missed it \(kept in try-1\/\): templates 60%: .*\(its guest was starved: a scan ran 2\.80 s \(1 over 1 s\), the longest gap between scans 3\.90 s \(1 over 1\.5 s\)\)\n/);
  const clean = { ...base, earlierTries: [{ dir: 'try-1', checks: [check(false)], trace: { ...trace, longestScan: 0.003, scansOverOneSecond: 0, longestGap: 1.1, gapsOverOneAndHalf: 0 } }] } as unknown as VariantVerdict;
  t.match(verdictText({ variants: { base: clean }, claims: [], claimsHold: true, judgeable: true }), /\(its guest was not starved: the longest scan 0\.003 s, the longest gap between scans 1\.10 s \(0 over 1\.5 s\)\)\n/);
});

t.test('the HTML report and the TAP diagnostics say the same of a variant run again', async (t) => {
  const { reportHtml } = await import('../../src/report/html.ts');
  const { verdictTap } = await import('../../src/report/tap.ts');
  const patched = { variant: 'patched', modelVariant: 'patched', agrees: true, checks: [check(true)], model: { runs: 1000, seed: 1, windowSeconds: 1 }, earlierTries: [{ dir: 'try-1', checks: [check(false)] }] } as unknown as VariantVerdict;
  const verdict = { variants: { patched }, claims: [], claimsHold: true, judgeable: true };
  t.match(reportHtml({ title: 'x', verdict, plots: [], metadata: {}, logs: [] }), /<small>on run 2; run 1 missed it \(kept in try-1\/\): templates 60%/);
  t.match(verdictTap(verdict), /earlierTries:\n\s+- try-1/);
});

// UDP over a direct-routing-like method: a fake 'input-only' method in the
// forwarding registry (tap's mockImport, as test/forwarding/index.test.ts), and
// fixtures/runs/udp-1 (a NAT run: 2 clients, answered, ASSURED on patched).
t.test("UDP over an input-only method: C3 NOT DELIVERED where the kernel shows no ASSURED template, FAIL where it shows one", async (t) => {
  const { FORWARDING } = await import('../../src/forwarding/index.ts');
  const fake = { ...FORWARDING.nat, name: 'fake-dr', stateTable: 'input-only' as const };
  const registry = { ...FORWARDING, 'fake-dr': fake };
  const mocks = { '../../src/forwarding/index.ts': { FORWARDING: registry, forwardingOf: (s: { service: { forwarding: string } }) => registry[s.service.forwarding as 'nat'] } };
  const { judge: judgeDr } = await t.mockImport<typeof import('../../src/compare/verdict.ts')>('../../src/compare/verdict.ts', mocks);
  const udp = await readRecord(new URL('../../fixtures/runs/udp-1', import.meta.url).pathname);
  const scenario = { ...udp.scenario, service: { ...udp.scenario.service, forwarding: 'fake-dr' as 'nat' } };
  // The patched run as a DR kernel would leave it: the same table, its two ASSURED templates NONE.
  const unassure = (r: (typeof udp.runs.patched & object)['records'][number]) => {
    if (r.type === 'sample') {
      const { ASSURED = 0, NONE = 0, ...rest } = r.templates as Record<string, number>;
      return { ...r, templates: { ...rest, NONE: NONE + ASSURED } };
    }
    return r.type === 'template' ? { ...r, line: r.line.replace('ASSURED', 'NONE   ') } : r;
  };
  const dr = { ...udp.runs.patched!, records: udp.runs.patched!.records.map(unassure) };
  t.ok(udp.runs.patched!.records.some((r) => r.type === 'sample' && (r.templates as Record<string, number>).ASSURED === 2), "the NAT run's patched kernel assured its 2 clients");
  const input = { scenario, runs: { patched: dr }, seed: 1, mcRuns: 50, freshRuns: 0 };
  const v = judgeDr(input).verdict;
  const c3 = v.claims.find((c) => c.id === 'C3')!;
  t.equal(c3.outcome, 'not-delivered', c3.reason);
  t.match(c3.reason, /^udp_state_transition\(\) \(net\/netfilter\/ipvs\/ip_vs_proto_udp\.c:429\)/, 'the kernel function first');
  t.match(c3.reason, /0 of 2 clients' templates are ASSURED at the end \(the patched model's runs: at most 0\)/);
  t.match(c3.undelivered, /udp_state_transition\(\)/);
  t.equal(v.variants.patched!.checks.find((c) => c.series === 'assured')!.agrees, true, 'no ASSURED template: as the input-only model');
  t.equal(v.judgeable, true);
  t.ok(v.variants.patched!.agrees, 'the unassured run follows the input-only model on every series');
  t.equal(v.claimsHold, true, 'NOT DELIVERED is no failure');
  t.equal(exitCodeFor(v), EXIT.ok, 'exit 0: the series, not the kernel');
  // The NAT run's own patched kernel, judged as if DR: its ASSURED templates are the kernel leaving its model.
  const nat = judgeDr({ ...input, runs: { patched: udp.runs.patched! } }).verdict;
  const natC3 = nat.claims.find((c) => c.id === 'C3')!;
  t.equal(natC3.outcome, 'fail', natC3.reason);
  t.match(natC3.reason, /2 of 2 clients' templates are ASSURED at the end \(the patched model's runs: at most 0\): the kernel assured what its model cannot/);
  t.equal(nat.variants.patched!.checks.find((c) => c.series === 'assured')!.agrees, false, 'and its assured series leaves the band');
  t.equal(nat.claimsHold, false);
});

t.test('a run whose free memory came near amemthresh under drop_entry 1 is not judged: no disagreement, its claims INCONCLUSIVE with why (fuzz seed 611 case 30)', async (t) => {
  // The smoke record's samples carry `avail`; amemthresh set inside their range makes nomem unknown.
  const avail = rec.runs.base!.records.flatMap((r) => (r.type === 'sample' && r.avail !== undefined ? [r.avail] : []));
  t.ok(avail.length > 10, `the record's samples carry avail (${avail.length})`);
  const mid = Math.round((Math.min(...avail) + Math.max(...avail)) / 2);
  const scenario = { ...rec.scenario, sysctl: { ...rec.scenario.sysctl, drop_entry: 1 as const, amemthresh: mid } };
  const input = { ...rec, scenario, seed: 1, mcRuns: 100, freshRuns: 0 };
  const { verdict } = judge(input);
  for (const v of ['base', 'patched'] as const) {
    const x = verdict.variants[v]!;
    t.match(x.unjudged, /against amemthresh \d+: the defense work looks at it once a second/, `${v}: not judged, with why`);
    t.equal(x.agrees, true, `${v}: held to nothing, so departing from nothing`);
    t.same(x.pit, { claims: {}, series: {} }, `${v}: no PIT for calibration`);
  }
  t.ok(verdict.claims.length > 0 && verdict.claims.every((c) => c.outcome === 'inconclusive'), 'every claim INCONCLUSIVE');
  t.ok(verdict.claims.some((c) => /amemthresh/.test(c.reason)), 'the claims the scenario could show say the memory reason');
  t.equal(verdict.claimsHold, true);
  t.equal(exitCodeFor(verdict), EXIT.ok);
  t.same(freshBatches(input, verdict, {}), [], 'no further model runs for a run not judged');
  t.match(verdictText(verdict), /base {5}not judged against the base model: free memory/);
  // The same amemthresh with drop_entry 3 (memory not read): judged as before.
  const three = judge({ ...input, scenario: { ...scenario, sysctl: { ...scenario.sysctl, drop_entry: 3 as const } } }).verdict;
  t.equal(three.variants.base!.unjudged, undefined);
});
