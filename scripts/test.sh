#!/usr/bin/env bash
# The test command: sets up what the tests need (Debian's prometheus and prometheus-alertmanager packages for the integration tests), builds
# with warnings as errors, runs every test project, and ends with the line `tests: N passed, N failed`.
set -uo pipefail
cd "$(dirname "$0")/.."

if ! scripts/ensure-prometheus.sh >/dev/null; then
  echo "warning: prometheus or prometheus-alertmanager could not be installed; the integration tests will fail" >&2
fi

log=$(mktemp)
trap 'rm -f "$log"' EXIT
if ! dotnet build DeployVerifier.sln -c Release -warnaserror --nologo -v quiet -p:UseSharedCompilation=false; then
  echo "the build failed (warnings are errors)"
  echo "tests: 0 passed, 1 failed"
  exit 1
fi

dotnet test DeployVerifier.sln -c Release --no-build --nologo "$@" 2>&1 | tee "$log"
status=${PIPESTATUS[0]}

# One summary line per test project: "Passed!  - Failed: 0, Passed: 272, Skipped: 0, Total: 272, ...".
passed=$(grep -E '^(Passed|Failed)!' "$log" | sed -E 's/.*Passed: *([0-9]+).*/\1/' | awk '{s += $1} END {print s + 0}')
failed=$(grep -E '^(Passed|Failed)!' "$log" | sed -E 's/.*Failed: *([0-9]+), Passed.*/\1/' | awk '{s += $1} END {print s + 0}')
passed=${passed:-0}
failed=${failed:-0}
if [[ $status -ne 0 && $failed -eq 0 ]]; then
  failed=1  # the run broke before a project could report (a crash, a missing assembly)
fi
echo "tests: $passed passed, $failed failed"
exit $status
