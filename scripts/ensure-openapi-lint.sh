#!/usr/bin/env bash
# Installs Redocly CLI (tests/openapi, pinned by its package-lock.json) for the test that lints the API document, and
# prints the path of its `redocly` command. Node.js and npm come from apt when missing. Installed again only when the
# lock file changes, as scripts/ensure-chart-tools.sh does for the chart tools.
set -euo pipefail
scripts="$(cd "$(dirname "$0")" && pwd)"
cd "$scripts/../tests/openapi"

if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
  echo "Installing nodejs npm with apt-get..." >&2
  # The deployment tests may be installing their tools with apt at the same moment: apt-install.sh waits its turn.
  "$scripts/apt-install.sh" nodejs npm >&2
fi

lock_sum="$(sha256sum package-lock.json | cut -d' ' -f1)"
if [ "$(cat node_modules/.addispay-lock-sha256 2>/dev/null)" != "$lock_sum" ]; then
  npm ci --no-audit --no-fund --loglevel=error >&2
  echo "$lock_sum" > node_modules/.addispay-lock-sha256
fi
echo "$PWD/node_modules/.bin/redocly"
