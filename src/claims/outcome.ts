// Pure: how every report names a claim's outcome (the terminal, the suite and
// kernel-lines tables, TAP, JUnit, HTML), so NOT DELIVERED reads the same everywhere.
import type { Outcome } from './types.ts';

export const OUTCOME_LABEL: Readonly<Record<Outcome, string>> = {
  pass: 'PASS',
  fail: 'FAIL',
  inconclusive: 'INCONCLUSIVE',
  'not-delivered': 'NOT DELIVERED',
};

/** The widest label: the terminal's column. */
export const OUTCOME_WIDTH = Math.max(...Object.values(OUTCOME_LABEL).map((l) => l.length));
