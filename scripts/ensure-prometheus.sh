#!/usr/bin/env bash
# Makes sure Debian's Prometheus (the server and promtool) is on this machine: the tests scrape a running Host with a
# real Prometheus and query every dashboard panel and alert expression, and unit-test the alert rules with promtool.
set -euo pipefail
if command -v prometheus >/dev/null 2>&1 && command -v promtool >/dev/null 2>&1; then exit 0; fi
echo "Prometheus not found; installing 'prometheus' with apt-get..." >&2
if ! command -v apt-get >/dev/null 2>&1; then
  echo "apt-get is not available: install Prometheus (prometheus and promtool on the PATH)." >&2
  exit 1
fi
SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
# Installed as a package only: its service is not wanted running (the tests start their own on loopback).
"$(dirname "$0")/apt-install.sh" --no-install-recommends prometheus
if command -v systemctl >/dev/null 2>&1; then $SUDO systemctl disable --now prometheus >/dev/null 2>&1 || true; fi
