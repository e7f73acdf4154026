#!/usr/bin/env bash
# Starts the whole platform locally (every module in one process) on a private PostgreSQL cluster
# with demo data, and prints its address. Ctrl+C stops the platform and the database.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/ensure-postgres.sh
URL="${ADDISPAY_URL:-http://127.0.0.1:5080}"
URL="${URL%/}"
# Whatever the address, the links the platform hands out follow it: the sandbox payment page and gateway callbacks,
# the return to the shop after checkout, and the links in e-mails. Values already in the environment win.
export AddisPay__Payments__PublicBaseUrl="${AddisPay__Payments__PublicBaseUrl:-$URL}"
export AddisPay__Payments__ReturnOrigins__0="${AddisPay__Payments__ReturnOrigins__0:-$URL}"
export AddisPay__Notifications__PublicUrl="${AddisPay__Notifications__PublicUrl:-$URL}"
export AddisPay__Notifications__StorefrontUrl="${AddisPay__Notifications__StorefrontUrl:-$URL}"
echo "Starting AddisPay at $URL (API docs: $URL/docs) ..."
exec dotnet run --project src/Host/AddisPay.Host --launch-profile AddisPay -- --urls "$URL"
