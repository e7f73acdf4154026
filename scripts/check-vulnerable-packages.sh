#!/usr/bin/env bash
# Fails when a NuGet package the solution uses, directly or transitively, has a Critical or High advisory
# (`dotnet list package --vulnerable --include-transitive`). The advisories come from the NuGet sources'
# vulnerability data (the VulnerabilityInfo resource of a source's service index). Where no source serves any,
# the command reports "no vulnerable packages" whatever is installed: this says so plainly and passes, since
# there is nothing it could check.
# Usage: scripts/check-vulnerable-packages.sh [FILE]   (FILE: saved output of the dotnet command, for tests)
set -euo pipefail
cd "$(dirname "$0")/.."

if [ $# -gt 0 ]; then
  output="$(cat "$1")"
else
  echo "Checking NuGet packages for known vulnerabilities (dotnet list package --vulnerable --include-transitive)..."
  if ! output="$(dotnet list AddisPay.sln package --vulnerable --include-transitive 2>&1)"; then
    printf '%s\n' "$output"
    echo "The vulnerability check could not run (see above)." >&2
    exit 1
  fi
fi

# A package line ("   > Name  Requested  Resolved  Severity  URL") or an extra advisory of the same package
# ("   Severity  URL") rated Critical or High.
serious="$(printf '%s\n' "$output" | grep -E '(^|[[:space:]])(Critical|High)[[:space:]]+https?://' || true)"
if [ -n "$serious" ]; then
  printf '%s\n' "$output"
  echo
  echo "Critical or High advisories against packages in use:" >&2
  printf '%s\n' "$serious" >&2
  echo "Upgrade the package (or the one that brings it in transitively) in Directory.Packages.props." >&2
  exit 1
fi
if printf '%s\n' "$output" | grep -qE '[[:space:]](Moderate|Low)[[:space:]]+https?://'; then
  printf '%s\n' "$output"
  echo "Moderate or Low advisories only (listed above): not failing the build for them."
fi

# Did any source used serve vulnerability data at all? The sources are listed under "The following sources were used:".
sources="$(printf '%s\n' "$output" | awk '/sources were used:/ { on = 1; next } on && /^[[:space:]]*$/ { on = 0 } on { print $1 }')"
with_data=()
without_data=()
for source in $sources; do
  case "$source" in
    http://* | https://* | file://*) ;;
    *) without_data+=("$source (a folder)"); continue ;;
  esac
  if command -v curl >/dev/null 2>&1 && curl -fsSL --compressed --max-time 30 "$source" 2>/dev/null | grep -q '"VulnerabilityInfo/'; then
    with_data+=("$source")
  else
    without_data+=("$source")
  fi
done

if [ ${#with_data[@]} -gt 0 ]; then
  echo "No Critical or High advisory against any package in use (vulnerability data from: ${with_data[*]})."
  exit 0
fi
note="No NuGet source used serves vulnerability data (no VulnerabilityInfo resource in the service index of: ${without_data[*]:-none listed}), so dotnet list package --vulnerable could see no advisory at all: nothing was checked. Add a source that serves it (or an <auditSources> entry in nuget.config) to check for real."
echo "NOTE: $note"
if [ "${GITHUB_ACTIONS:-}" = "true" ]; then echo "::warning title=NuGet vulnerability check::$note"; fi
exit 0
