#!/usr/bin/env bash
# The test command: installs what the tests need, then runs the unit tests and
# the representative end-to-end set on real kernels (test/e2e). `--full` adds
# the rest of the end-to-end tests (test-slow/e2e: what the nightly job runs
# beside the scenario matrix); other arguments go to tap. Ends with the
# skipped tests, each with its reason, then "N passed, N failed, N skipped".
set -uo pipefail
cd "$(dirname "$0")/.."
if [ "${1:-}" = "--full" ]; then
  shift
  set -- test test-slow/e2e/*.ts "$@"
fi
# Both kernel lines: the suite checks the series and the smoke scenario on 6.12 too.
bash scripts/install-deps.sh --kernel-lines 6.1,6.12 --tests || { echo "0 passed, 1 failed"; exit 1; }
# Installed above, so required below: a test of a line whose source is missing
# fails instead of skipping (test/e2e/smoke.test.ts, test/series/round-trip.test.ts).
export IPVS_VERIFY_TEST_LINES=6.1,6.12
npx tsc -p tsconfig.json || { echo "typecheck: 0 passed, 1 failed"; exit 1; }
out=$(mktemp)
npx tap "$@" 2>&1 | tee "$out"
status=${PIPESTATUS[0]}
summary=$(grep -E '^# \{ total: ' "$out" | tail -n 1)
pass=$(sed -nE 's/.*pass: ([0-9]+).*/\1/p' <<<"$summary")
fail=$(sed -nE 's/.*fail: ([0-9]+).*/\1/p' <<<"$summary")
skip=$(sed -nE 's/.*skip: ([0-9]+).*/\1/p' <<<"$summary")
todo=$(sed -nE 's/.*todo: ([0-9]+).*/\1/p' <<<"$summary")
# Which tests were not run, and why (tap's "# SKIP reason" / "# TODO" lines).
skipped=$(grep -E '^ *(not )?ok [0-9]+ - .* # (SKIP|TODO)' "$out" | sed -E 's/^ *(not )?ok [0-9]+ - /  /')
rm -f "$out"
if [ -z "$summary" ]; then
  echo "0 passed, 1 failed"
  exit 1
fi
# tap exits non-zero on failures it may not count as assertions (a crashed file).
if [ "$status" -ne 0 ] && [ "${fail:-0}" -eq 0 ]; then fail=1; fi
if [ -n "$skipped" ]; then
  echo "not run:"
  echo "$skipped"
fi
# A todo's assertions are not held against the code either: counted with the skips.
echo "${pass:-0} passed, ${fail:-0} failed, $(( ${skip:-0} + ${todo:-0} )) skipped"
exit "$status"
