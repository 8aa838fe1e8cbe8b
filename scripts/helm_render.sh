#!/usr/bin/env bash
# helm_render.sh CHARTS_DIR
# Renders Rasa's `rasa` and `rasa-action-server` charts with deploy/helm/values-*.yaml
# (`helm template`, Kubernetes 1.31) and validates every resource, with the manifests of
# deploy/helm/manifests/, against the Kubernetes 1.31 schemas (kubernetes-validate --strict).
# CHARTS_DIR is a checkout of github.com/RasaHQ/helm-charts (its charts/ folder): the charts
# are published on helm.rasa.com, which no package registry mirrors, so they are not
# downloaded here. The chart's PostgreSQL, Redis and RabbitMQ subcharts (OCI registry) are
# left out: the values use external ones. Output in results/helm/.
set -euo pipefail
cd "$(dirname "$0")/.."
charts=${1:?usage: scripts/helm_render.sh CHARTS_DIR (a checkout of RasaHQ/helm-charts)}
[ -d "$charts/charts" ] && charts=$charts/charts
scripts/install_k8s_tools.sh --helm
helm=var/tools/helm
out=results/helm
rm -rf "$out" && mkdir -p "$out/charts"
cp -r "$charts/rasa" "$charts/rasa-action-server" "$out/charts/"
mkdir -p "$out/charts/rasa/charts" "$out/charts/rasa-action-server/charts"
cp -r "$charts/rasa-common" "$charts/rasa-action-server" "$charts/duckling" "$out/charts/rasa/charts/"
cp -r "$charts/rasa-common" "$out/charts/rasa-action-server/charts/"
rm -f "$out/charts/rasa/Chart.lock" "$out/charts/rasa-action-server/Chart.lock"
var/tools/venv/bin/python - "$out/charts/rasa/Chart.yaml" <<'PY'
import sys, yaml
path = sys.argv[1]
chart = yaml.safe_load(open(path))
chart["dependencies"] = [d for d in chart["dependencies"] if not d["repository"].startswith("oci://")]
yaml.safe_dump(chart, open(path, "w"))
PY
"$helm" template immuno "$out/charts/rasa" -f deploy/helm/values-rasa.yaml \
  --kube-version 1.31.0 >"$out/rasa.yaml"
"$helm" template immuno-actions "$out/charts/rasa-action-server" \
  -f deploy/helm/values-rasa-action-server.yaml --kube-version 1.31.0 >"$out/rasa-action-server.yaml"
scripts/k8s_validate.sh "$out/rasa.yaml" "$out/rasa-action-server.yaml" deploy/helm/manifests/*.yaml
# What the chart made of the values: the guarded servers' settings reach the pods, and the
# one action endpoint sends X-Action-Token (the chart's own cannot).
var/tools/venv/bin/python - "$out/rasa.yaml" "$out/rasa-action-server.yaml" <<'PY'
import sys, yaml
rasa, actions = ([d for d in yaml.safe_load_all(open(p)) if d] for p in sys.argv[1:])
def env(docs):
    (deployment,) = [d for d in docs if d["kind"] == "Deployment"]
    return {e["name"] for e in deployment["spec"]["template"]["spec"]["containers"][0]["env"]}
(config,) = [d for d in rasa if d["kind"] == "ConfigMap"]
endpoints = yaml.safe_load(config["data"]["endpoints"])
assert endpoints["action_endpoint"]["headers"] == {"X-Action-Token": "${ACTION_SERVER_TOKEN}"}, endpoints
assert config["data"]["endpoints"].count("action_endpoint:") == 1
missing = {"ACTION_SERVER_TOKEN", "CONVERSATION_ID_SECRET", "ALLOWED_HOSTS"} - env(rasa)
missing |= {"ACTION_SERVER_TOKEN"} - env(actions)
assert not missing, f"not in the rendered pods: {missing}"
print("helm: the rendered pods get the guarded servers' secrets; action_endpoint sends X-Action-Token")
PY
echo "helm: $(grep -c '^kind:' "$out/rasa.yaml") + $(grep -c '^kind:' "$out/rasa-action-server.yaml") resources rendered and valid ($("$helm" version --short))"
