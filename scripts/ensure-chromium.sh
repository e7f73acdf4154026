#!/usr/bin/env bash
# Makes sure the browser the storefront's UI tests drive is on this machine: Debian's Chromium headless shell (the same
# Blink as the full browser without its UI; the one Playwright itself runs headless, at half the full browser's CPU:
# docs/benchmarks.md, "Where the browser journeys' time goes"), plus Noto fonts so Amharic (Ethiopic script) renders as
# glyphs rather than boxes. Playwright never downloads a browser here.
set -euo pipefail
# fc-list comes from the 'fontconfig' package, which Chromium does not pull in (it needs only libfontconfig1): a fresh
# machine may have the font and no fc-list, so installing fontconfig is part of the fix, not an extra.
# Not `| grep -q`: under pipefail, grep -q leaving at the first match makes fc-list die of SIGPIPE on a machine with
# many fonts, and the pipeline "fails" although the font is there (what failed CI on a fresh machine).
have_ethiopic_font() {
  local fonts
  if command -v fc-list >/dev/null 2>&1; then fonts="$(fc-list)"; else fonts="$(find /usr/share/fonts /usr/local/share/fonts -iname '*ethiopic*' 2>/dev/null || true)"; fi
  [[ "${fonts,,}" == *ethiopic* ]]
}
browser=/usr/bin/chromium-headless-shell
if [ -x "$browser" ] && have_ethiopic_font; then exit 0; fi
echo "Chromium's headless shell or an Ethiopic font not found; installing 'chromium-headless-shell', 'fontconfig' and 'fonts-noto-core' with apt-get..." >&2
if ! command -v apt-get >/dev/null 2>&1; then
  echo "apt-get is not available: install Chromium's headless shell at $browser and an Ethiopic font (Noto Sans Ethiopic)." >&2
  exit 1
fi
"$(dirname "$0")/apt-install.sh" chromium-headless-shell fontconfig fonts-noto-core
# The font cache is rebuilt by fontconfig's package trigger; run it once more in case the trigger ran before the fonts.
fc-cache -f >/dev/null 2>&1 || true
[ -x "$browser" ] || { echo "chromium-headless-shell installed but $browser is missing" >&2; exit 1; }
if ! have_ethiopic_font; then
  files=0
  for f in /usr/share/fonts/truetype/noto/*[Ee][Tt][Hh][Ii][Oo][Pp][Ii][Cc]*; do [ -e "$f" ] && files=$((files + 1)); done
  echo "fonts-noto-core installed but fontconfig lists no Ethiopic font: $files Ethiopic font files present" >&2
  exit 1
fi
