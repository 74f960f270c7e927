// A fuzz case's step directories: named as src/commands/fuzz.ts makes them
// (fuzz-0007/step-000 the draw, step-001.. the shrink), and read back.
// Expectations written by hand from that layout.
import t from 'tap';
import { shrinkStepOf, stepName } from '../../src/fuzz/step-dir.ts';

t.test('a step directory: three digits at least', async (t) => {
  t.equal(stepName(0), 'step-000');
  t.equal(stepName(12), 'step-012');
  t.equal(stepName(1234), 'step-1234');
});

t.test("the shrink's steps, not the draw, not anything else", async (t) => {
  t.equal(shrinkStepOf('/runs/fuzz-61/fuzz-0003/step-000'), undefined, "the case's drawn run");
  t.equal(shrinkStepOf('/runs/fuzz-61/fuzz-0003/step-001'), 1);
  t.equal(shrinkStepOf('fuzz-0003/step-017/'), 17, 'a trailing slash');
  t.equal(shrinkStepOf('/runs/fuzz-61/fuzz-12345/step-1000'), 1000, 'past the padding');
  t.equal(shrinkStepOf('/runs/matrix/linux-6.1/step-002'), undefined, 'not in a fuzz case');
  t.equal(shrinkStepOf('/runs/fuzz-61/fuzz-0003/try-1'), undefined, 'not a step');
  t.equal(shrinkStepOf('/runs/fuzz-61/fuzz-0003/step-2'), undefined, 'not the step name fuzz writes');
  t.equal(shrinkStepOf('/runs/fuzz-61/fuzz-replay/step-001'), undefined, 'not a numbered case');
});
