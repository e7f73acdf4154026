#!/usr/bin/env bash
# Makes sure the PostgreSQL server binaries (initdb, pg_ctl, postgres) are on this machine. AddisPay
# starts its own private cluster from them for local runs and tests; nothing is configured system-wide.
set -euo pipefail

have_binaries() {
  command -v initdb >/dev/null 2>&1 && command -v pg_ctl >/dev/null 2>&1 && return 0
  compgen -G "/usr/lib/postgresql/*/bin/initdb" >/dev/null 2>&1
}

if have_binaries; then
  exit 0
fi

echo "PostgreSQL server binaries not found; installing the 'postgresql' package with apt-get..." >&2
if ! command -v apt-get >/dev/null 2>&1; then
  echo "apt-get is not available. Install the PostgreSQL server (15 or newer) with your package manager," >&2
  echo "or set ConnectionStrings__AddisPay (and ADDISPAY_TEST_POSTGRES for tests) to an existing server." >&2
  exit 1
fi
# The package's own cluster is not used; AddisPay runs a private one under its data folder.
"$(dirname "$0")/apt-install.sh" postgresql postgresql-contrib
have_binaries || { echo "PostgreSQL installed but initdb is still missing" >&2; exit 1; }
echo "PostgreSQL server binaries installed." >&2
