#!/usr/bin/env bash
# The course's whole test suite, as a newcomer and CI run it: installs the test toolchain, builds with warnings
# as errors, runs every test project. Ends with one line "tests: N passed, N failed".
#
#   scripts/test.sh              everything (what CI runs)
#   scripts/test.sh --fast       skips the tests tagged [Trait("Category", "Slow")]: a few minutes, for a developer
#   scripts/test.sh --repeat N   clones the committed HEAD afresh, runs the whole suite N times in that clone and
#                                lists every test that did not pass all N times (a flaky test shows up here)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

fast=false
repeat=0
while [ $# -gt 0 ]; do
  case "$1" in
    --fast) fast=true ;;
    --repeat)
      [[ "${2:-}" =~ ^[1-9][0-9]*$ ]] || { echo "test.sh: --repeat needs a number of runs, e.g. --repeat 3" >&2; exit 2; }
      repeat="$2"; shift ;;
    -h|--help) sed -n '2,8p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "test.sh: unknown option '$1' (use --fast, --repeat N or --help)" >&2; exit 2 ;;
  esac
  shift
done

if [ "$repeat" -gt 0 ]; then
  [ "$fast" = false ] || { echo "test.sh: --repeat runs the whole suite; drop --fast" >&2; exit 2; }
  work="$(mktemp -d -t course-repeat-XXXXXX)"
  git clone --quiet "$root" "$work/clone"
  echo "test.sh: $repeat runs of the suite in a fresh clone of $(git rev-parse --short HEAD) ($work/clone; uncommitted changes are not in it)"
  for i in $(seq 1 "$repeat"); do
    echo "=== run $i of $repeat ==="
    COURSE_TEST_RESULTS="$work/run-$i" bash "$work/clone/scripts/test.sh" 2>&1 | tail -n 20 || true
  done
  # Each run leaves one TRX file per test project; a test that is not "Passed" in every run is reported.
  status=0
  python3 - "$work" "$repeat" <<'PY' || status=$?
import glob, os, sys, xml.etree.ElementTree as ET
work, runs = sys.argv[1], int(sys.argv[2])
ns = {"t": "http://microsoft.com/schemas/VisualStudio/TeamTest/2010"}
outcomes = {}
for run in range(1, runs + 1):
    for trx in glob.glob(os.path.join(work, f"run-{run}", "*.trx")):
        for result in ET.parse(trx).getroot().iterfind(".//t:UnitTestResult", ns):
            outcomes.setdefault(result.get("testName"), {})[run] = result.get("outcome")
unstable = {name: runs_ for name, runs_ in outcomes.items()
            if [runs_.get(r) for r in range(1, runs + 1)] != ["Passed"] * runs}
print(f"repeat: {len(outcomes)} tests, {runs} runs, {len(unstable)} did not pass every time")
for name, runs_ in sorted(unstable.items()):
    print(f"  {name}: " + ", ".join(f"run {r} {runs_.get(r, 'missing')}" for r in range(1, runs + 1)))
sys.exit(1 if unstable or not outcomes else 0)
PY
  echo "test.sh: runs and results are in $work"
  exit $status
fi

bash scripts/setup.sh
dotnet build Course.sln -c Release -warnaserror -nologo -v quiet
log="$(mktemp)"
# The course is executed once per run and shared by the CLI and kernel tests (tests/Shared/ExecutedCourse.cs).
export COURSE_EXECUTED_COURSE="$(mktemp -d -t course-executed-XXXXXX)"
trap 'rm -rf "$log" "$COURSE_EXECUTED_COURSE"' EXIT
filter=()
[ "$fast" = true ] && filter=(--filter "Category!=Slow")
results=()
[ -n "${COURSE_TEST_RESULTS:-}" ] && results=(--results-directory "$COURSE_TEST_RESULTS" --logger trx)
status=0
times=""
# One test project at a time: the course-notebook tests train real models and time them, so they should not
# compete for the two cores of a CI machine with the other suites.
for project in tests/*/*.csproj; do
  started=$SECONDS
  dotnet test "$project" -c Release --no-build --nologo "${filter[@]}" "${results[@]}" 2>&1 | tee -a "$log" || status=$?
  times+="$(basename "$project" .csproj) $((SECONDS - started)) s; "
done

echo "time per project: ${times%; }"
# Sum the per-assembly summaries ("Passed!  - Failed: 0, Passed: 16, Skipped: 0, Total: 16") into one closing line.
awk '/(Passed|Failed)! +- +Failed:/ {
       for (i = 1; i <= NF; i++) { if ($i == "Failed:") f += $(i+1); if ($i == "Passed:") p += $(i+1) }
     }
     END { printf "tests: %d passed, %d failed\n", p, f }' "$log"
exit $status
