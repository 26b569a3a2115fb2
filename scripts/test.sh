#!/usr/bin/env bash
# The course's whole test suite, as a newcomer and CI run it: installs the test toolchain, builds with warnings
# as errors, runs every test project. Ends with one line "tests: N passed, N failed".
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

bash scripts/setup.sh
dotnet build Course.sln -c Release -warnaserror -nologo -v quiet
log="$(mktemp)"
status=0
# One test project at a time: the course-notebook tests train real models and time them, so they should not
# compete for the two cores of a CI machine with the other suites.
for project in tests/*/*.csproj; do
  dotnet test "$project" -c Release --no-build --nologo 2>&1 | tee -a "$log" || status=$?
done

# Sum the per-assembly summaries ("Passed!  - Failed: 0, Passed: 16, Skipped: 0, Total: 16") into one closing line.
awk '/(Passed|Failed)! +- +Failed:/ {
       for (i = 1; i <= NF; i++) { if ($i == "Failed:") f += $(i+1); if ($i == "Passed:") p += $(i+1) }
     }
     END { printf "tests: %d passed, %d failed\n", p, f }' "$log"
rm -f "$log"
exit $status
