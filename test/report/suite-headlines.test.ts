// A suite's report: one headline per forwarding method present. The recorded runs
// (fixtures/runs/) are all NAT, so the set is made synthetic: four records judged
// and reported as they are, then two of them relabelled DR and TUN in result.json
// (the merge reads the method from there; the pictures stay the NAT runs' own).
// By hand: nat has control-no-drop (C1, C2 inconclusive) and smoke (C1, C2 PASS),
// so the rule picks smoke though control sorts first; dr and tun have one run each.
import t from 'tap';
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { mergeRecords, reportRecord } from '../../src/report/write.ts';
import { suiteHeadlines } from '../../src/report/suite-headlines.ts';

const RUNS = new URL('../../fixtures/runs/', import.meta.url).pathname;

/** A record under dir/name from a recorded run, reported, its method set to `method`. */
async function record(dir: string, fixture: string, name: string, method: string): Promise<string> {
  const r = join(dir, name);
  cpSync(join(RUNS, fixture), r, { recursive: true });
  await reportRecord(r, { mcRuns: 200 });
  const result = JSON.parse(readFileSync(join(r, 'result.json'), 'utf8'));
  result.metadata.scenario.value.service.forwarding = method;
  writeFileSync(join(r, 'result.json'), JSON.stringify(result));
  return r;
}

t.test("the merged report: a headline per method (nat, dr, tun), each the rule's pick, before the runs' table", async (t) => {
  const dir = t.testdir({ suite: {} });
  const suite = join(dir, 'suite');
  await record(suite, 'control-1', 'control-no-drop', 'nat');
  await record(suite, 'udp-1', 'dr-udp', 'dr');
  await record(suite, 'smoke-2', 'smoke', 'nat');
  await record(suite, 'sctp-1', 'tun-sctp', 'tun');
  const { files } = await mergeRecords([suite], suite);
  const html = readFileSync(files[0]!, 'utf8');
  const figures = [...html.matchAll(/<figure id="(headline-[a-z]+)" class="headline"><svg [^]*?<figcaption>([^<]*)<\/figcaption>/g)].map((m) => [m[1], m[2]!.split(':')[0]]);
  t.same(figures, [['headline-nat', 'NAT (smoke)'], ['headline-dr', 'DR (dr-udp)'], ['headline-tun', 'TUN (tun-sctp)']]);
  t.match(html, /NAT \(smoke\): Templates over time.*Verdict: PASS \(C1 \(base\) PASS, C2 \(patched\) PASS\)\./);
  t.ok(html.indexOf('id="headline-tun"') < html.indexOf('<table id="runs">'), 'the headlines before the table');
  t.equal((html.match(/<tr class=/g) ?? []).length, 4, 'every run still in the table');
});

t.test('records without headline.json (made before it) give no headline; a method with none is left out', async (t) => {
  const dir = t.testdir({});
  const r = await record(dir, 'smoke-2', 'smoke', 'dr');
  const result = JSON.parse(readFileSync(join(r, 'result.json'), 'utf8'));
  const hs = await suiteHeadlines([
    { dir: r, run: 'smoke', verdict: result.verdict, metadata: result.metadata },
    { dir: join(dir, 'nowhere'), run: 'old', verdict: result.verdict, metadata: { scenario: { value: { ...result.metadata.scenario.value, service: { forwarding: 'nat' } } } } },
  ]);
  t.same(hs.map((h) => [h.id, h.run]), [['headline-dr', 'smoke']]);
  writeFileSync(join(r, 'headline.json'), '{');
  await t.rejects(suiteHeadlines([{ dir: r, run: 'smoke', verdict: result.verdict, metadata: result.metadata }]), { kind: 'user', message: /headline\.json is not JSON/ });
});
