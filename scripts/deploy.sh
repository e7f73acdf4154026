#!/usr/bin/env bash
# Deploys (or upgrades) AddisPay with the chart: scripts/deploy.sh <staging|production> <image repository> <tag>
# Environment-specific values come from deploy/<environment>-values.yaml when present (kept out of this
# repository by most installations), else the chart's ci/ examples. Module tags may be pinned with
# MODULE_TAGS="products=sha-abc,cart=sha-def"; IMAGE_DIGEST=sha256:... runs the image by digest (image.digest), the
# one CI built and scanned, with the tag as its label. The rollout is atomic: a release that does not become
# ready within the timeout is rolled back, and the failure is reported.
set -euo pipefail
cd "$(dirname "$0")/.."
environment="${1:?environment (staging|production)}"
repository="${2:?image repository}"
tag="${3:?image tag}"
namespace="${NAMESPACE:-addispay-$environment}"

helm="$(scripts/ensure-chart-tools.sh)"
values="deploy/$environment-values.yaml"
[ -f "$values" ] || values="helm/addispay/ci/$([ "$environment" = production ] && echo production || echo split)-values.yaml"

extra=()
[ -n "${IMAGE_DIGEST:-}" ] && extra+=(--set-string image.digest="$IMAGE_DIGEST")
IFS=',' read -r -a pins <<< "${MODULE_TAGS:-}"
for pin in "${pins[@]}"; do
  [ -n "$pin" ] && extra+=(--set "modules.${pin%%=*}.imageTag=${pin#*=}")
done

"$helm" upgrade --install addispay helm/addispay \
  --namespace "$namespace" --create-namespace \
  -f "$values" \
  --set image.repository="$repository" --set image.tag="$tag" \
  "${extra[@]}" \
  --rollback-on-failure --timeout 10m

"$helm" test addispay --namespace "$namespace" --timeout 5m
echo "AddisPay $tag is live in $environment ($namespace)."
