#!/usr/bin/env bash
# Runs browser-cost.js with the node and Playwright package the integration tests carry (dotnet build tests/AddisPay.IntegrationTests -c Release first).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
bin="$here/../AddisPay.IntegrationTests/bin/Release/net10.0"
axe=$(ls "$bin"/Deque.AxeCore.Commons.dll)
echo "machine load: $(cut -d' ' -f1-3 /proc/loadavg)"
"$bin/.playwright/node/linux-x64/node" "$here/browser-cost.js" "$bin/.playwright/package" "$axe" "${1:-http://127.0.0.1:5080}" "${2:-3}"
echo "machine load: $(cut -d' ' -f1-3 /proc/loadavg)"
