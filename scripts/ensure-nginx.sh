#!/usr/bin/env bash
# Makes sure Debian's nginx-light is on this machine: the replica tests and the `replicas` benchmark run it as an ordinary
# process on loopback, balancing each module's replicas the way the Ingress and the Services would.
set -euo pipefail
if command -v nginx >/dev/null 2>&1 || [ -x /usr/sbin/nginx ]; then exit 0; fi
echo "nginx not found; installing 'nginx-light' with apt-get..." >&2
if ! command -v apt-get >/dev/null 2>&1; then
  echo "apt-get is not available: install nginx (nginx-light) so that /usr/sbin/nginx exists." >&2
  exit 1
fi
SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
"$(dirname "$0")/apt-install.sh" --no-install-recommends nginx-light
# Installed as a package only: its service (port 80) is not wanted running; the tests start their own on loopback ports.
if command -v systemctl >/dev/null 2>&1; then $SUDO systemctl disable --now nginx >/dev/null 2>&1 || true; fi
if [ -f /run/nginx.pid ]; then $SUDO /usr/sbin/nginx -s stop >/dev/null 2>&1 || true; fi
