// Each recorded kernel, judged alone as git bisect would: which model it follows.
import t from 'tap';
import { readRecord } from '../../src/pipeline/judge-record.ts';
import { BISECT_SERIES, classifyFromVerdicts, classifyKernel } from '../../src/bisect/classify.ts';
import type { Verdict } from '../../src/compare/verdict.ts';
import { bisectExitCode, userError, buildError, infraError, kernelError } from '../../src/errors.ts';

t.test('base and patched kernels of real runs', async (t) => {
  for (const run of ['smoke-2', 'default-1']) {
    const rec = await readRecord(new URL(`../../fixtures/runs/${run}/`, import.meta.url).pathname);
    const b = classifyKernel(rec.runs.base!, rec.scenario, 'base', 1, 300);
    t.equal(b.follows, 'base', `${run}: the base kernel follows the base model`);
    t.equal(b.decision, 'good');
    const p = classifyKernel(rec.runs.patched!, rec.scenario, 'base', 1, 300);
    t.equal(p.follows, 'patched', `${run}: the patched kernel follows the patched model`);
    t.equal(p.decision, 'bad', 'and is "bad" when base behaviour is what is expected');
    t.equal(classifyKernel(rec.runs.patched!, rec.scenario, 'patched', 1, 300).decision, 'good');
  }
});

t.test('with drop_entry 0 the two models agree: inconclusive, so skipped', async (t) => {
  const rec = await readRecord(new URL('../../fixtures/runs/control-1/', import.meta.url).pathname);
  const c = classifyKernel(rec.runs.base!, rec.scenario, 'base', 1, 300);
  t.equal(c.follows, 'both');
  t.equal(c.decision, 'inconclusive');
  t.equal(bisectExitCode(c.decision), 125);
});

t.test("git bisect run's exit codes, from the one taxonomy", async (t) => {
  t.equal(bisectExitCode('good'), 0);
  t.equal(bisectExitCode('bad'), 1);
  t.equal(bisectExitCode('inconclusive'), 125);
  t.equal(bisectExitCode(buildError('x')), 125, 'a tree that does not build is skipped');
  t.equal(bisectExitCode(kernelError('panic')), 125);
  t.equal(bisectExitCode(infraError('qemu missing')), 125);
  t.equal(bisectExitCode(userError('bad scenario')), 128, 'bad input aborts: it is never "bad"');
  t.equal(bisectExitCode(new TypeError('bug')), 128, 'an uncaught exception is never "bad"');
});

t.test('a claim NOT DELIVERED never makes a step bad: the decision is the band checks alone', async (t) => {
  // One kernel (judged as `base`) against each model: it agrees with the patched
  // model's bands and not the base model's; both verdicts hold C3 NOT DELIVERED (UDP over DR).
  const check = (series: string, agrees: boolean) => ({ series, agrees, fraction: agrees ? 1 : 0.5 });
  const verdictOf = (agrees: boolean) => ({
    variants: { base: { checks: BISECT_SERIES.map((s) => check(s, agrees)) } },
    claims: [{ id: 'C3', variant: 'patched', outcome: 'not-delivered' }],
    claimsHold: true,
    judgeable: true,
  }) as unknown as Verdict;
  t.equal(BISECT_SERIES.length, 3);
  const c = classifyFromVerdicts({ base: verdictOf(false), patched: verdictOf(true) }, 'patched');
  t.equal(c.follows, 'patched');
  t.equal(c.decision, 'good', 'the patched behaviour expected: good, NOT DELIVERED or not');
  t.equal(bisectExitCode(c.decision), 0);
  t.equal(classifyFromVerdicts({ base: verdictOf(true), patched: verdictOf(false) }, 'base').decision, 'good');
});
