// One taxonomy of failures and the one place that maps it to exit codes.
// The codes follow `git bisect run`: 0 good, 1 bad, 125 skip (cannot test this
// commit), >= 128 aborts the bisection (reserved for the harness's own bugs).

export type FailureKind =
  | 'user' // bad input: scenario, patch, options; nothing was run
  | 'build' // the kernel under test does not configure or build
  | 'kernel' // the kernel under test panicked or misbehaved outside the claim
  | 'infra' // host tools, QEMU, disk, timeouts
  | 'internal'; // a bug of ipvs-verify itself

export class VerifyError extends Error {
  readonly kind: FailureKind;
  /** Where the evidence is (a log file, a console log), if any. */
  readonly evidence?: string;
  constructor(kind: FailureKind, message: string, opts: { evidence?: string; cause?: unknown } = {}) {
    super(message, opts.cause === undefined ? undefined : { cause: opts.cause });
    this.name = `VerifyError(${kind})`;
    this.kind = kind;
    if (opts.evidence !== undefined) this.evidence = opts.evidence;
  }
}

export const userError = (msg: string, opts?: { evidence?: string; cause?: unknown }) =>
  new VerifyError('user', msg, opts);
export const buildError = (msg: string, opts?: { evidence?: string; cause?: unknown }) =>
  new VerifyError('build', msg, opts);
export const kernelError = (msg: string, opts?: { evidence?: string; cause?: unknown }) =>
  new VerifyError('kernel', msg, opts);
export const infraError = (msg: string, opts?: { evidence?: string; cause?: unknown }) =>
  new VerifyError('infra', msg, opts);

export const EXIT = {
  ok: 0,
  claimFailed: 1,
  user: 2,
  skip: 125,
  internal: 128,
} as const;

/** Exit code for an outcome. Anything that is not a VerifyError is a harness bug. */
export function exitCodeFor(outcome: { claimsHold: boolean } | unknown): number {
  if (outcome instanceof VerifyError) {
    switch (outcome.kind) {
      case 'user':
        return EXIT.user;
      case 'build':
      case 'kernel':
      case 'infra':
        return EXIT.skip;
      case 'internal':
        return EXIT.internal;
    }
  }
  if (
    typeof outcome === 'object' &&
    outcome !== null &&
    'claimsHold' in outcome &&
    typeof (outcome as { claimsHold: unknown }).claimsHold === 'boolean'
  ) {
    return (outcome as { claimsHold: boolean }).claimsHold ? EXIT.ok : EXIT.claimFailed;
  }
  return EXIT.internal;
}

export type BisectDecision = 'good' | 'bad' | 'inconclusive';

/**
 * `git bisect run`'s contract, from the same taxonomy: a decision maps to 0 or 1,
 * an inconclusive judgement and every failure that is not the claim's (build,
 * boot, infrastructure) to 125 (skip). Bad input aborts the bisection (128): it
 * would fail every commit the same way, and any code from 1 to 127 would mark
 * them bad. So does a bug of the harness (128).
 */
export function bisectExitCode(outcome: BisectDecision | unknown): number {
  if (outcome === 'good') return EXIT.ok;
  if (outcome === 'bad') return EXIT.claimFailed;
  if (outcome === 'inconclusive') return EXIT.skip;
  if (outcome instanceof VerifyError && outcome.kind === 'user') return EXIT.internal;
  const code = exitCodeFor(outcome);
  return code === EXIT.user ? EXIT.internal : code;
}

/** System errors that are the host's fault, not the harness's: named, and mapped to infra. */
export function classify(e: unknown): unknown {
  if (e instanceof VerifyError) return e;
  const code = (e as { code?: string } | null)?.code;
  const msg = (e as Error | null)?.message ?? String(e);
  if (code === 'ENOSPC' || code === 'EDQUOT') return infraError(`disk full: ${msg}`, { cause: e });
  if (code === 'EMFILE' || code === 'ENFILE' || code === 'ENOMEM') return infraError(`out of host resources: ${msg}`, { cause: e });
  return e;
}
