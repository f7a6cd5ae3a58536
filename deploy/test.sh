#!/usr/bin/env bash
# The test command: installs what a fresh machine lacks, starts the private PostgreSQL, builds with warnings as
# errors, runs every test project (unit, real-database, browser) and ends with one line "N passed, N failed, N skipped".
set -uo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
results="$root/.test-results"

deploy/prerequisites.sh --tests || exit 1
# Test data need no durability: fsync off makes the template clones and inserts cheaper.
ALIGNET_PG_FSYNC=off deploy/db.sh start || exit 1
# The server-level connection (database "postgres"), with the generated password db.sh keeps.
export ALIGNET_TEST_CONNECTION="$(ALIGNET_PG_DATABASE=postgres deploy/db.sh url)"

dotnet build AligNet.Web.sln -nologo -clp:ErrorsOnly || { echo "0 passed, 1 failed"; exit 1; }

rm -rf "$results/trx"
dotnet test --solution AligNet.Web.sln --no-build --report-xunit-trx --results-directory "$results/trx" "$@"
status=$?

# Every test module must have left a report. In a solution run the modules name their reports by a timestamp, and once
# (stop 20) one report was missing while the platform counted all 737 tests: a module without a report runs again
# alone, under its own name, so the line below never counts fewer tests than ran.
missing=0
for project in tests/*.Tests; do
  module="$(basename "$project")"
  if ! grep -qs "/$module.dll\"" "$results"/trx/*.trx; then
    echo "No test report from $module: running it again alone for the summary."
    missing=$((missing + 1))
    dotnet test --project "$project" --no-build --report-xunit-trx --report-xunit-trx-filename "$module.trx" --results-directory "$results/trx" "$@" || status=$?
  fi
done

# The summary CI reads, computed from the TRX reports rather than from dotnet test's own wording.
read -r passed failed skipped < <(cat "$results"/trx/*.trx 2>/dev/null | grep -o '<Counters [^>]*>' | awk '
  { for (i = 1; i <= NF; i++) { split($i, kv, "="); gsub(/"/, "", kv[2]); c[kv[1]] += kv[2] } }
  END { printf "%d %d %d\n", c["passed"], c["failed"] + c["error"] + c["timeout"] + c["aborted"], c["notExecuted"] }')

# Browser tests only: a failed one runs once more, alone (Playwright's own CI default is two retries). Counted as passed
# and named as flaky when it passes then; a second failure stays a failure. Only when the browser failures are all the
# failures, there are at most three, every module left its report and the solution run's exit code says "tests failed"
# (2 in Microsoft.Testing.Platform) rather than a crash: anything else is a breakage and is not retried (ADR-031).
mapfile -t browser_failed < <(grep -lZ 'AligNet.Browser.Tests.dll' "$results"/trx/*.trx 2>/dev/null | xargs -0r cat |
  grep -o '<UnitTestResult testName="[^"]*" outcome="Failed"' | sed 's/<UnitTestResult testName="\([^"(]*\).*/\1/')
if [ "$failed" -gt 0 ] && [ "${#browser_failed[@]}" -eq "$failed" ] && [ "$failed" -le 3 ] && [ "$missing" -eq 0 ] && [ "$status" -eq 2 ]; then
  flaky=()
  # Cases of one theory share a method name: retry the method once.
  mapfile -t retry < <(printf '%s\n' "${browser_failed[@]}" | sort -u)
  for test in "${retry[@]}"; do
    echo "Browser test failed: running it once more alone: $test"
    if dotnet test --project tests/AligNet.Browser.Tests --no-build --filter-method "$test" "$@"; then flaky+=("$test"); fi
  done
  # Every failed case of a method that passed alone counts as passed.
  recovered=0
  for test in "${browser_failed[@]}"; do
    for ok in "${flaky[@]}"; do [ "$test" = "$ok" ] && recovered=$((recovered + 1)); done
  done
  passed=$((passed + recovered)); failed=$((failed - recovered))
  for test in "${flaky[@]}"; do echo "Flaky (failed in the full run, passed alone): $test"; done
  # The solution run's status carried only those failures; what is left to fail on is the count.
  if [ "$failed" -eq 0 ]; then status=0; fi
fi

# A test process that crashed leaves no report: never let that read as success.
if [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then failed=1; fi
echo "$passed passed, $failed failed, $skipped skipped"
[ "$status" -eq 0 ] && [ "$failed" -eq 0 ]
