// Each command loads what it runs when it runs (vega, the model, the builder):
// `--help` and `check-scenario` start in a fraction of a second.
export const load = {
  verify: () => import('../commands/verify.ts'),
  doctor: () => import('../commands/doctor.ts'),
  scenario: () => import('../scenario/load.ts'),
  claimsTable: () => import('../report/claims-table.ts'),
  judgeRecord: () => import('../pipeline/judge-record.ts'),
  report: () => import('../report/write.ts'),
  matrix: () => import('../commands/matrix.ts'),
  suiteTable: () => import('../report/suite-table.ts'),
  lines: () => import('../commands/lines.ts'),
  debian: () => import('../source/debian.ts'),
  coverage: () => import('../coverage/hunks.ts'),
  coverageRecord: () => import('../coverage/read-records.ts'),
  cacheKey: () => import('../commands/cache-key.ts'),
  exec: () => import('../commands/exec.ts'),
  bisect: () => import('../bisect/command.ts'),
  arrivals: () => import('../observe/arrivals.ts'),
  monteCarlo: () => import('../model/pool.ts'),
  calibrate: () => import('../commands/calibrate.ts'),
};
