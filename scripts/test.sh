#!/usr/bin/env bash
# Runs every test. First installs, when it can (root or sudo), the Debian/Ubuntu packages the tests use for
# real (scripts/install-test-packages.sh lists them and what for); what cannot be installed is named and the
# tests run anyway, those that need it saying SKIPPED. Each test is reported as it finishes (the console
# logger at normal verbosity), and one closing line sums every assembly: "tests: N passed, N failed, N skipped".
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/install-test-packages.sh

log=$(mktemp)
trap 'rm -f "$log"' EXIT
status=0
dotnet test GenreStream.slnx -c Release --logger "console;verbosity=normal" "$@" 2>&1 | tee "$log" || status=$?

# One closing line over all test assemblies. Each assembly ends with a block "Total tests: N", then
# "Passed: N", "Failed: N", "Skipped: N" (those that are not 0) and "Total time"; at minimal verbosity
# it is one line "Passed!  - Failed: N, Passed: N, Skipped: N, …" instead.
awk '/^Total tests: / { block = 1; next }
     block && /^ *Total time:/ { block = 0; next }
     block && /^ *(Passed|Failed|Skipped): +[0-9]+ *$/ { n = $2 + 0; if ($1 == "Passed:") p += n; else if ($1 == "Failed:") f += n; else s += n; next }
     /^(Passed|Failed)! +- +Failed:/ {
       gsub(",", ""); for (i = 1; i <= NF; i++) { if ($i == "Failed:") f += $(i+1); if ($i == "Passed:") p += $(i+1); if ($i == "Skipped:") s += $(i+1) }
     }
     END { printf "tests: %d passed, %d failed, %d skipped\n", p, f, s }' "$log"
exit "$status"
