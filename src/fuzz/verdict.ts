// Pure: what a campaign's report means for its exit code. Over the series, a
// failing case is a finding (exit 1, as verify's claim FAIL); over a mutant
// (fuzz --mutant) a failure is what the campaign is for: the mutant caught is
// exit 0, a mutant no case caught exit 1, so CI fails when fuzzing stops
// catching a bug it should. Cases that could not run, with nothing caught or
// failed, leave it undecided (125, as a skip).
import { EXIT } from '../errors.ts';
import type { FuzzReport } from './report.ts';

export function campaignExit(r: Pick<FuzzReport, 'mutant' | 'counts'>): number {
  const { fail, error } = r.counts;
  if (fail > 0) return r.mutant ? EXIT.ok : EXIT.claimFailed;
  if (error > 0) return EXIT.skip;
  return r.mutant ? EXIT.claimFailed : EXIT.ok;
}
