#!/usr/bin/env bash
# Starts the whole platform locally (every module in one process) on a private PostgreSQL cluster
# with demo data, and prints its address. Ctrl+C stops the platform and the database.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/ensure-postgres.sh
URL="${ADDISPAY_URL:-http://127.0.0.1:5080}"
echo "Starting AddisPay at $URL (API docs: $URL/docs) ..."
exec dotnet run --project src/Host/AddisPay.Host --launch-profile AddisPay -- --urls "$URL"
