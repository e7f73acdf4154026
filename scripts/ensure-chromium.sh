#!/usr/bin/env bash
# Makes sure the browser the storefront's UI tests drive is on this machine: Debian's Chromium, plus Noto fonts so
# Amharic (Ethiopic script) renders as glyphs rather than boxes. Playwright never downloads a browser here.
set -euo pipefail
have_ethiopic_font() { command -v fc-list >/dev/null 2>&1 && fc-list | grep -qi ethiopic; }
if [ -x /usr/bin/chromium ] && have_ethiopic_font; then exit 0; fi
echo "Chromium or an Ethiopic font not found; installing 'chromium' and 'fonts-noto-core' with apt-get..." >&2
if ! command -v apt-get >/dev/null 2>&1; then
  echo "apt-get is not available: install Chromium at /usr/bin/chromium and an Ethiopic font (Noto Sans Ethiopic)." >&2
  exit 1
fi
SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq chromium fonts-noto-core >/dev/null
[ -x /usr/bin/chromium ] || { echo "chromium installed but /usr/bin/chromium is missing" >&2; exit 1; }
have_ethiopic_font || { echo "fonts-noto-core installed but fontconfig lists no Ethiopic font" >&2; exit 1; }
