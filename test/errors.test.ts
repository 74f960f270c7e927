import t from 'tap';
import { classify, exitCodeFor, userError, buildError, kernelError, infraError, VerifyError, EXIT } from '../src/errors.ts';

t.test('one mapping from outcomes to git-bisect-compatible exit codes', async (t) => {
  t.equal(exitCodeFor({ claimsHold: true }), 0);
  t.equal(exitCodeFor({ claimsHold: false }), 1);
  t.equal(exitCodeFor(userError('x')), 2, 'bad input: 2, as the README says (git bisect run takes it for "bad", so bisect-step maps it to 128)');
  t.equal(EXIT.user, 2);
  t.equal(exitCodeFor(buildError('x')), 125);
  t.equal(exitCodeFor(kernelError('x')), 125);
  t.equal(exitCodeFor(infraError('x')), 125);
  t.equal(exitCodeFor(new VerifyError('internal', 'x')), 128);
  // An uncaught exception is a harness bug, never a "bad" kernel.
  t.equal(exitCodeFor(new TypeError('undefined is not a function')), 128);
  t.equal(exitCodeFor(undefined), 128);
  t.equal(exitCodeFor({ claimsHold: 'yes' }), 128);
});

t.test('errors keep their evidence', async (t) => {
  const e = kernelError('panic', { evidence: '/r/console.log' });
  t.equal(e.kind, 'kernel');
  t.equal(e.evidence, '/r/console.log');
  t.equal(userError('bad').evidence, undefined);
});

t.test('host failures are classified as infrastructure, not as harness bugs', async (t) => {
  const enospc = Object.assign(new Error("ENOSPC: no space left on device, write"), { code: 'ENOSPC' });
  const c = classify(enospc);
  t.ok(c instanceof VerifyError);
  t.equal(exitCodeFor(c), 125);
  t.match((c as Error).message, /^disk full: ENOSPC/);
  const bug = new TypeError('x is undefined');
  t.equal(classify(bug), bug);
  t.equal(exitCodeFor(classify(bug)), 128);
});
