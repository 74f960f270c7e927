// Each recorded kernel, judged alone as git bisect would: which model it follows.
import t from 'tap';
import { readRecord } from '../../src/pipeline/judge-record.ts';
import { classifyKernel } from '../../src/bisect/classify.ts';
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
