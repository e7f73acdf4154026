#!/usr/bin/env bash
# Cluster security checks before a deploy: scripts/cluster-security-check.sh <environment>
# 1. The application's namespace should enforce the restricted Pod Security Standard
#    (pod-security.kubernetes.io/enforce=restricted): said as a warning, or a failure with
#    ADDISPAY_REQUIRE_RESTRICTED_NAMESPACE=1.
# 2. kube-bench (the CIS Kubernetes Benchmark's node checks) runs as the chart's own Job
#    (securityChecks.kubeBench) on up to KUBE_BENCH_MAX_NODES nodes (default 3), one after another, in the
#    namespace KUBE_BENCH_NAMESPACE (default kube-bench, created and labelled privileged when missing: kube-bench
#    needs the node's process table and directories, which no restricted namespace admits). Any FAIL result fails
#    the run unless KUBE_BENCH_MAX_FAIL allows that many (managed clusters may need a few, each one a known
#    decision); WARN results are listed but pass. KUBE_BENCH_BENCHMARK picks a benchmark (e.g. eks-1.2.0).
# Uses the cluster KUBECONFIG points at, as deploy.sh does.
# scripts/cluster-security-check.sh --report <kube-bench JSON output> only reads a result (what the tests run).
set -euo pipefail
cd "$(dirname "$0")/.."

# Sums kube-bench's JSON output (one object with Controls and Totals; older versions print one object per control)
# and lists the failed checks. Exit 1 when more checks failed than allowed.
report() {
  node - "$1" "${KUBE_BENCH_MAX_FAIL:-0}" <<'EOF'
const [file, maxFail] = process.argv.slice(2);
const text = require("node:fs").readFileSync(file, "utf8");
const objects = [];
try { objects.push(JSON.parse(text)); } catch {
  for (const line of text.split("\n")) if (line.trim().startsWith("{")) objects.push(JSON.parse(line));
}
const controls = objects.flatMap((o) => o.Controls ?? (o.tests ? [o] : []));
if (controls.length === 0) { console.log(`kube-bench: no result in ${file}`); process.exit(1); }
const results = controls.flatMap((c) => (c.tests ?? []).flatMap((t) => t.results ?? []));
const count = (status) => results.filter((r) => r.status === status);
for (const r of count("WARN")) console.log(`WARN ${r.test_number} ${r.test_desc}`);
for (const r of count("FAIL")) console.log(`FAIL ${r.test_number} ${r.test_desc}${r.remediation ? "\n     remediation: " + r.remediation.split("\n")[0] : ""}`);
const failed = count("FAIL").length;
console.log(`kube-bench: ${count("PASS").length} pass, ${failed} fail, ${count("WARN").length} warn (${maxFail} fail allowed)`);
process.exit(failed > Number(maxFail) ? 1 : 0);
EOF
}

if [ "${1:-}" = "--report" ]; then
  report "${2:?kube-bench output file}"
  exit
fi

environment="${1:?environment (staging|production)}"
namespace="${NAMESPACE:-addispay-$environment}"
bench_namespace="${KUBE_BENCH_NAMESPACE:-kube-bench}"
helm="$(scripts/ensure-chart-tools.sh)"
kubectl="${KUBECTL:-$(dirname "$helm")/kubectl}"   # KUBECTL: another kubectl (the tests' fake one)
status=0

enforce="$("$kubectl" get namespace "$namespace" -o jsonpath='{.metadata.labels.pod-security\.kubernetes\.io/enforce}' 2>/dev/null || true)"
if [ "$enforce" != restricted ]; then
  message="namespace $namespace does not enforce the restricted Pod Security Standard (enforce='${enforce}'): kubectl label namespace $namespace pod-security.kubernetes.io/enforce=restricted pod-security.kubernetes.io/enforce-version=latest"
  if [ "${ADDISPAY_REQUIRE_RESTRICTED_NAMESPACE:-}" = "1" ]; then echo "FAIL: $message"; status=1; else echo "WARNING: $message"; fi
else
  echo "namespace $namespace enforces the restricted Pod Security Standard"
fi

if ! "$kubectl" get namespace "$bench_namespace" >/dev/null 2>&1; then
  "$kubectl" create namespace "$bench_namespace"
fi
"$kubectl" label --overwrite namespace "$bench_namespace" pod-security.kubernetes.io/enforce=privileged >/dev/null

results="$(mktemp -d)"
trap 'rm -rf "$results"' EXIT
mapfile -t nodes < <("$kubectl" get nodes -o jsonpath='{range .items[*]}{.metadata.name}{"\n"}{end}' | head -n "${KUBE_BENCH_MAX_NODES:-3}")
[ ${#nodes[@]} -gt 0 ] || { echo "FAIL: no node to run kube-bench on"; exit 1; }
for node in "${nodes[@]}"; do
  manifest="$results/$node.yaml"
  "$helm" template addispay helm/addispay --namespace "$namespace" --show-only templates/kube-bench.yaml \
    --set securityChecks.kubeBench.enabled=true --set-string securityChecks.kubeBench.namespace="$bench_namespace" \
    --set-string securityChecks.kubeBench.nodeName="$node" --set-string securityChecks.kubeBench.benchmark="${KUBE_BENCH_BENCHMARK:-}" >"$manifest"
  job="$(sed -n 's/^  name: //p' "$manifest" | head -n 1)"
  "$kubectl" delete job "$job" -n "$bench_namespace" --ignore-not-found --wait >/dev/null
  "$kubectl" apply -f "$manifest" >/dev/null
  echo "kube-bench on $node (job $job)"
  # Complete or Failed, whichever comes first: kube-bench exits 0 whatever it finds, so Failed means it could not run.
  for _ in $(seq 1 60); do
    state="$("$kubectl" get job "$job" -n "$bench_namespace" -o jsonpath='{range .status.conditions[?(@.status=="True")]}{.type}{" "}{end}' || true)"
    case "$state" in *Complete*|*Failed*) break ;; esac
    sleep 5
  done
  "$kubectl" logs "job/$job" -n "$bench_namespace" >"$results/$node.json" 2>&1 || true
  "$kubectl" delete job "$job" -n "$bench_namespace" --wait=false >/dev/null || true
  case "$state" in
    *Complete*) report "$results/$node.json" || status=1 ;;
    *) echo "FAIL: kube-bench did not complete on $node (${state:-timed out}):"; tail -n 20 "$results/$node.json"; status=1 ;;
  esac
done
exit "$status"
