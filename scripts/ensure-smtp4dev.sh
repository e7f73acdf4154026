#!/usr/bin/env bash
# Installs the smtp4dev SMTP server (a dotnet tool from NuGet) into .tools/smtp4dev when missing.
# The Notifications tests send real email to it on loopback and read it back through its HTTP API.
# Prints the path of the executable.
set -euo pipefail
cd "$(dirname "$0")/.."
version="3.15.0"
dir="$PWD/.tools/smtp4dev"
# The test run's SMTP fixture and start.sh's test may both ask on a fresh clone: one installs, the other waits.
mkdir -p "$PWD/.tools"
exec 9>"$PWD/.tools/.smtp4dev.lock"
flock 9
if [ ! -x "$dir/smtp4dev" ] || ! grep -q "$version" "$dir/.version" 2>/dev/null; then
  echo "Installing smtp4dev $version into $dir..." >&2
  rm -rf "$dir"
  dotnet tool install Rnwood.Smtp4dev --version "$version" --tool-path "$dir" >&2
  echo "$version" > "$dir/.version"
fi
echo "$dir/smtp4dev"
