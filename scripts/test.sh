#!/usr/bin/env bash
# Runs the full test suite: architecture rules; integration tests against a real PostgreSQL (a
# throw-away cluster, or ADDISPAY_TEST_POSTGRES), real HTTP and real Host processes; the Helm chart
# and CI definitions, rendered and linted with real tools; the container image, built and run; and the NuGet
# packages in use, checked for Critical/High advisories.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/ensure-postgres.sh
scripts/ensure-chromium.sh
scripts/ensure-prometheus.sh
scripts/ensure-nginx.sh
# What the tests install into the checkout (the chart tools with npm, the SMTP server as a dotnet tool) is installed
# beside the build, not by the first fixture that needs it: on a fresh clone that fixture waited minutes for it, and
# under load the chart tools' five-minute allowance ran out. The fixtures still call the same scripts (a no-op then).
tools_log="$(mktemp)"
( scripts/ensure-chart-tools.sh >/dev/null && scripts/ensure-smtp4dev.sh >/dev/null ) >"$tools_log" 2>&1 &
tools_pid=$!
# Without the code analyzers (source generators still run): they only warn here (nothing treats their warnings as errors;
# nullable warnings are the compiler's and stay errors) and took ~30 % of the compilers' CPU (docs/benchmarks.md, "The suite's
# lanes"). A developer's own `dotnet build` still runs them.
build_flags=(-c Release -nologo -clp:ErrorsOnly -p:RunAnalyzers=false)
dotnet build AddisPay.sln "${build_flags[@]}"
status=0
# A failed install is not fatal here: the fixtures try again and fail with its message.
wait "$tools_pid" || { echo "Installing the chart tools or smtp4dev beside the build failed:"; cat "$tools_log"; }
rm -f "$tools_log"
# Known Critical/High advisories against any NuGet package in use, direct or transitive, fail the run (the tests still run).
# It runs beside the tests, niced: ~30 s of one core that used to hold the tests back (its output follows theirs).
vulnerable_log="$(mktemp)"
nice -n 10 scripts/check-vulnerable-packages.sh >"$vulnerable_log" 2>&1 &
vulnerable_pid=$!
log="$(mktemp)"
rm -rf TestResults
mkdir -p TestResults
# Each Host process the integration tests start writes what it cost here; scripts/suite-report.py sums it.
export ADDISPAY_HOST_CPU_LOG="$PWD/TestResults/host-processes.tsv"
# The container image: built from the real Dockerfile and run (skipped, with a message, where it can't run; both CIs
# set ADDISPAY_REQUIRE_IMAGE_TEST=1, which makes that a failure). It runs beside the tests at the lowest priority, so the
# image build takes only what they leave (a private dockerd and its builds inherit it); its output follows theirs.
smoke_log="$(mktemp)"
nice -n 19 scripts/docker-smoke.sh >"$smoke_log" 2>&1 &
smoke_pid=$!
# The tests that need no published Host (architecture rules, unit tests, the chart, pipelines, the start script) start now,
# beside the publish below, one step below the integration tests' priority: the integration tests are the longest lane,
# so they get the cores first and these take the rest (docs/benchmarks.md, "The suite's lanes"). Tiered compilation stays
# on for them: the start script runs a Host for a minute, as a newcomer's machine does.
cpu_before="$(head -n 1 /proc/stat)"
static_log="$(mktemp)"
(
  failed=0
  for project in ArchitectureTests UnitTests DeploymentTests; do
    nice -n 5 dotnet test "tests/AddisPay.$project" -c Release --no-build -nologo --results-directory TestResults \
      --logger "trx;LogFilePrefix=tests-$project" "$@" || failed=1
  done
  exit "$failed"
) >"$static_log" 2>&1 &
static_pid=$!
# The Host the integration tests start, published as the image publishes it: compiled ahead of time (ReadyToRun). Its
# ~60 processes then spend about 40 % less CPU than on the plain build, several times what the compilation costs
# (docs/benchmarks.md, "Cold start"). Mostly one core: the two jobs above take the other.
rm -rf artifacts/host
dotnet publish src/Host/AddisPay.Host/AddisPay.Host.csproj "${build_flags[@]}" --no-restore -p:UseAppHost=false -o artifacts/host
export ADDISPAY_HOST_DIR="$PWD/artifacts/host"
# The tests' .NET processes (test hosts and the Host processes they start) live minutes, not days: compiled once, fully
# optimised, they spend less CPU than tiered compilation's quick code plus its recompilation of whatever gets hot
# (docs/benchmarks.md, "Test processes without tiered compilation"). Production keeps the runtime's default.
export DOTNET_TieredCompilation=0
dotnet test tests/AddisPay.IntegrationTests -c Release --no-build -nologo --results-directory TestResults --logger "trx;LogFilePrefix=tests-IntegrationTests" "$@" 2>&1 | tee "$log" || status=$?
wait "$static_pid" || status=$?
cpu_after="$(head -n 1 /proc/stat)"
cat "$static_log" | tee -a "$log"
rm -f "$static_log"
# A test host the runner ends never runs its exit handlers: stop the throw-away PostgreSQL clusters and SMTP servers
# it started (their test process is gone), so repeated runs don't pile them up on a developer's machine.
for dir in "${TMPDIR:-/tmp}"/addispay-test-pg-*; do
  [ -d "$dir" ] || continue
  owner="${dir##*/addispay-test-pg-}"; owner="${owner%%-*}"
  if kill -0 "$owner" 2>/dev/null; then continue; fi
  if [ -f "$dir/postmaster.pid" ]; then kill -QUIT "$(head -n 1 "$dir/postmaster.pid")" 2>/dev/null || true; sleep 1; fi
  rm -rf "$dir"
done
for pid in $(pgrep -f "$PWD/.tools/smtp4dev/" || true); do
  if [ "$(ps -o ppid= -p "$pid" | tr -d ' ')" = "1" ]; then kill "$pid" 2>/dev/null || true; fi
done
wait "$vulnerable_pid" || status=$?
cat "$vulnerable_log"
rm -f "$vulnerable_log"
wait "$smoke_pid" || status=$?
cat "$smoke_log"
rm -f "$smoke_log"
# The failed tests again, with their messages, where a truncated log still shows them.
if grep -q '^  Failed ' "$log"; then
  echo "--- failed tests ---"
  awk '/^  Failed / { show = 1; n = 0 } /^  (Passed|Skipped) |^  Stack Trace:|^  Standard Output Messages:/ { show = 0 } show && n++ < 12' "$log"
fi
# The slowest tests (TestResults/*.trx holds every duration), for whoever keeps the suite within its time budget.
echo "--- slowest tests ---"
grep -ho '<UnitTestResult [^>]*' TestResults/*.trx 2>/dev/null | sed -n 's/.*testName="\([^"]*\)".*duration="\([^"]*\)".*/\2  \1/p' \
  | sort -r | head -n 15 | cut -c1-160 || true
# Per class, and how busy the cores were (whether the run waits or computes).
scripts/suite-report.py TestResults "$cpu_before" "$cpu_after" || true
# One closing line over all test assemblies.
awk '/^(Passed|Failed)!/ { for (i = 1; i <= NF; i++) { if ($i == "Passed:") p += $(i+1); if ($i == "Failed:") f += $(i+1); if ($i == "Skipped:") s += $(i+1) } }
     END { printf "%d passed, %d failed, %d skipped\n", p, f, s }' FS='[ ,]+' "$log"
rm -f "$log"
exit "$status"
