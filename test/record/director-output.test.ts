// The check that no answer crossed the director. Rows written by hand in
// ip_vs_stats_percpu_show()'s format ("%3X %8LX %8LX %8LX %16LX %16LX": CPU,
// conns, in packets, out packets, in bytes, out bytes, hex), as vm/agent.sh
// director_totals() sends them; sums by hand: out 0x0 + 0x3 = 3, in 0x1A + 0x7 = 33.
import t from 'tap';
import { parseResults } from '../../src/record/results.ts';
import { checkDirectorOutput, directorOutputProblem, directorTotalsOf } from '../../src/record/director-output.ts';
import { FORWARDING } from '../../src/forwarding/index.ts';
import { VerifyError, exitCodeFor, EXIT } from '../../src/errors.ts';

const record = (rows: unknown) =>
  parseResults(
    [
      '{"type":"event","name":"agent-start","t":1}',
      `{"type":"event","name":"director-totals","t":160.2,"percpu":${JSON.stringify(rows)}}`,
      '{"type":"exit","code":0,"t":161}',
    ].join('\n'),
  );
const clean = record(['  0        5       1A        0              3C0                0', '  1        2        7        0              1F0                0']);
const crossed = record(['  0        5       1A        0              3C0                0', '  1        2        7        3              1F0               B4']);
const none = parseResults('{"type":"event","name":"agent-start","t":1}\n{"type":"exit","code":0,"t":161}\n');

t.test('the totals: summed over the CPUs, hex', async (t) => {
  t.same(directorTotalsOf(crossed), { cpus: 2, conns: 7, inpkts: 33, outpkts: 3 });
  t.same(directorTotalsOf(clean), { cpus: 2, conns: 7, inpkts: 33, outpkts: 0 });
  t.equal(directorTotalsOf(none), undefined);
  t.match(directorTotalsOf(record([])), { damaged: /no per-CPU rows/ });
  t.match(directorTotalsOf(record(['  ~ 7 21 3 5B0 B4'])), { damaged: /not a row/ });
});

t.test('nat: never checked, whatever the director counted or left out', async (t) => {
  t.equal(directorOutputProblem(FORWARDING.nat, crossed), undefined);
  t.equal(directorOutputProblem(FORWARDING.nat, none), undefined);
});

t.test('dr and tun: no output packet passes; one or more fails, naming the count and why', async (t) => {
  for (const m of [FORWARDING.dr, FORWARDING.tun]) {
    t.equal(directorOutputProblem(m, clean), undefined, `${m.name}: 0 out packets`);
    const p = directorOutputProblem(m, crossed) ?? '';
    t.match(p, new RegExp(`forwarding ${m.name}: .*: 3 packet\\(s\\) in IPVS's output direction \\(of 33 in\\)`));
    t.match(p, /UDP templates become ASSURED/);
  }
  t.match(directorOutputProblem(FORWARDING.dr, none), /missing from the guest's record/);
  t.match(directorOutputProblem(FORWARDING.tun, record(['garbage'])), /cannot be read/);
});

t.test('the failure is the infrastructure kind (exit 125), with the results file as evidence', async (t) => {
  t.doesNotThrow(() => checkDirectorOutput(FORWARDING.dr, clean, 'results-base.jsonl'));
  t.doesNotThrow(() => checkDirectorOutput(FORWARDING.nat, crossed, 'results-base.jsonl'));
  try {
    checkDirectorOutput(FORWARDING.dr, crossed, 'results-base.jsonl');
    t.fail('no error');
  } catch (e) {
    t.ok(e instanceof VerifyError);
    t.equal((e as VerifyError).kind, 'infra');
    t.equal((e as VerifyError).evidence, 'results-base.jsonl');
    t.equal(exitCodeFor(e), EXIT.skip);
  }
});
