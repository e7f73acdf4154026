#!/usr/bin/env bash
# Runs the full test suite: architecture rules; integration tests against a real PostgreSQL (a
# throw-away cluster, or ADDISPAY_TEST_POSTGRES), real HTTP and real Host processes; the Helm chart
# and CI definitions, rendered and linted with real tools; and the container image, built and run.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/ensure-postgres.sh
dotnet build AddisPay.sln -c Release -nologo -clp:ErrorsOnly
log="$(mktemp)"
status=0
dotnet test AddisPay.sln -c Release --no-build -nologo "$@" 2>&1 | tee "$log" || status=$?
# The container image: built from the real Dockerfile and run (skipped, with a message, where dockerd can't run).
scripts/docker-smoke.sh || status=$?
# One closing line over all test assemblies.
awk '/^(Passed|Failed)!/ { for (i = 1; i <= NF; i++) { if ($i == "Passed:") p += $(i+1); if ($i == "Failed:") f += $(i+1); if ($i == "Skipped:") s += $(i+1) } }
     END { printf "%d passed, %d failed, %d skipped\n", p, f, s }' FS='[ ,]+' "$log"
rm -f "$log"
exit "$status"
