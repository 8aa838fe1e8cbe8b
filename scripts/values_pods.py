#!/usr/bin/env python3
"""The pod parts of deploy/helm/values-*.yaml as Pod manifests, for `make k8s-check`.

The charts copy these values into their Deployments as they are (extraEnv, probes,
security contexts, volumes); written as Pods with the image's own command, they are
validated against the Kubernetes schemas without the charts (which `make helm-render`
needs). Writes results/k8s/pods-from-values.yaml.
"""

from __future__ import annotations

import re
import sys

import yaml

from immuno.paths import ROOT

OUT = ROOT / "results" / "k8s" / "pods-from-values.yaml"
IMAGES = {
    "values-rasa.yaml": ("Dockerfile.rasa", 5005),
    "values-rasa-action-server.yaml": ("Dockerfile.actions", 5055),
}


def pod(values_file: str) -> dict:
    dockerfile, port = IMAGES[values_file]
    values = yaml.safe_load((ROOT / "deploy" / "helm" / values_file).read_text())
    text = (ROOT / "docker" / dockerfile).read_text()
    entrypoint = yaml.safe_load(re.findall(r"^ENTRYPOINT (.+)$", text, re.M)[-1])
    container = {
        "name": "server",
        "image": f"{values['registry']}/{values['image']['name']}:{values['image']['tag']}",
        "command": entrypoint,
        "ports": [{"name": "http", "containerPort": port}],
        "env": values.get("extraEnv", []),
        "volumeMounts": values.get("volumeMounts", []),
        "securityContext": values.get("securityContext", {}),
        "resources": values.get("resources", {}),
    }
    for probe in ("livenessProbe", "readinessProbe"):
        if probe in values:
            container[probe] = values[probe]
    return {
        "apiVersion": "v1",
        "kind": "Pod",
        "metadata": {"name": values["image"]["name"]},
        "spec": {
            "containers": [container],
            "volumes": values.get("volumes", []),
            "securityContext": values.get("podSecurityContext", {}),
        },
    }


def main() -> int:
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(yaml.safe_dump_all([pod(name) for name in IMAGES], sort_keys=False))
    print(OUT)
    return 0


if __name__ == "__main__":
    sys.exit(main())
