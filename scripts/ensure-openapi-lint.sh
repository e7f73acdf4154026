#!/usr/bin/env bash
# Installs Redocly CLI (tests/openapi, pinned by its package-lock.json) for the test that lints the API document, and
# prints the path of its `redocly` command. Node.js and npm come from apt when missing. Installed again only when the
# lock file changes, as scripts/ensure-chart-tools.sh does for the chart tools.
set -euo pipefail
cd "$(dirname "$0")/../tests/openapi"

if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
  SUDO=""
  if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
  echo "Installing nodejs npm with apt-get..." >&2
  # The deployment tests may be installing their tools with apt at the same moment: wait for the lock, don't fail on it.
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get -o DPkg::Lock::Timeout=600 update -qq >&2
  $SUDO apt-get -o DPkg::Lock::Timeout=600 install -y -qq nodejs npm >&2
fi

lock_sum="$(sha256sum package-lock.json | cut -d' ' -f1)"
if [ "$(cat node_modules/.addispay-lock-sha256 2>/dev/null)" != "$lock_sum" ]; then
  npm ci --no-audit --no-fund --loglevel=error >&2
  echo "$lock_sum" > node_modules/.addispay-lock-sha256
fi
echo "$PWD/node_modules/.bin/redocly"
