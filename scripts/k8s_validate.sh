#!/usr/bin/env bash
# k8s_validate.sh FILE...: every resource valid against the Kubernetes 1.31 schemas
# (kubernetes-validate --strict, no unknown field). An API version that 1.31 no longer
# serves has no schema: kubernetes-validate only warns about it, this script fails.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install_k8s_tools.sh
status=0
report=$(var/tools/venv/bin/kubernetes-validate --strict -k 1.31.0 "$@" 2>&1) || status=$?
echo "$report"
if [ $status -ne 0 ] || grep -qE '^(WARN|ERROR)' <<<"$report"; then
  echo "k8s_validate: not valid for Kubernetes 1.31" >&2
  exit 1
fi
