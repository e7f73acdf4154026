#!/usr/bin/env bash
# Installs Debian packages for the project's scripts (`apt-get update`, then `install` with the arguments given).
# Several of them may install at the same moment — test.sh runs the image test beside the tests, and the chart and
# OpenAPI tests fetch their tools when they start — and apt does not wait for its locks: `update` fails at once on a
# held lists lock (DPkg::Lock::Timeout covers dpkg's lock only). So the project's scripts take turns on one lock of
# their own, and each apt-get step is retried while another program's apt holds the machine's (up to ten minutes).
set -euo pipefail
[ $# -gt 0 ] || { echo "usage: $0 [apt-get install options] package..." >&2; exit 2; }
command -v apt-get >/dev/null 2>&1 || { echo "apt-get is not available to install: $*" >&2; exit 1; }
SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
export DEBIAN_FRONTEND=noninteractive

exec 9>"${TMPDIR:-/tmp}/addispay-apt.lock"
flock -w 1800 9 || { echo "waited 30 minutes for another AddisPay script's apt-get; giving up" >&2; exit 1; }

# Retried only while apt reports a lock held; any other failure ends the script at once.
retry() {
  local attempt errors
  errors="$(mktemp)"
  for attempt in $(seq 1 120); do
    if "$@" 2>"$errors"; then cat "$errors" >&2; rm -f "$errors"; return 0; fi
    cat "$errors" >&2
    if ! grep -qi 'lock' "$errors" || [ "$attempt" -eq 120 ]; then break; fi
    echo "another apt holds its lock; trying again in 5 s" >&2
    sleep 5
  done
  rm -f "$errors"
  return 1
}
retry $SUDO apt-get -o DPkg::Lock::Timeout=600 update -qq >&2
retry $SUDO apt-get -o DPkg::Lock::Timeout=600 install -y -qq "$@" >/dev/null
