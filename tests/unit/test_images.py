"""The container images and the Helm values that run them agree with the lock: an operator
who builds docker/Dockerfile.* and installs the charts gets the versions that were tested."""
import re

import pytest
import yaml

from immuno.paths import ROOT as REPO
PINS = dict(line.split("==") for line in (REPO / "requirements.lock").read_text().split()
            if "==" in line)
IMAGES = {  # Dockerfile -> (Helm values file, package whose version starts the image tag)
    "Dockerfile.rasa": ("values-rasa.yaml", "rasa"),
    "Dockerfile.actions": ("values-rasa-action-server.yaml", "rasa-sdk"),
}


@pytest.mark.parametrize("dockerfile", IMAGES)
def test_the_image_installs_from_the_lock_runs_as_non_root_on_a_pinned_base(dockerfile):
    text = (REPO / "docker" / dockerfile).read_text()
    assert re.search(r"^ARG PYTHON_IMAGE=python:\d+\.\d+\.\d+-slim-\w+$", text, re.M)
    install = re.search(r"pip install -c /tmp/requirements\.lock \\\n\s+(.+)", text).group(1)
    for requirement in install.split():
        name, _, version = requirement.partition("==")
        assert name in PINS, f"{dockerfile} installs {name}, which the lock does not pin"
        assert not version or version == PINS[name], f"{dockerfile}: {requirement} vs the lock"
    users = re.findall(r"^USER (\S+)$", text, re.M)
    assert users and users[-1] not in ("root", "0")


@pytest.mark.parametrize("dockerfile", IMAGES)
def test_the_helm_values_run_the_image_built_from_this_dockerfile(dockerfile):
    values_file, package = IMAGES[dockerfile]
    values = yaml.safe_load((REPO / "deploy" / "helm" / values_file).read_text())
    text = (REPO / "docker" / dockerfile).read_text()
    build = re.search(r"docker build -f docker/%s -t (\S+):(\S+) \." % re.escape(dockerfile), text)
    assert build, f"{dockerfile} says how to build and tag it"
    assert values["image"]["name"] == build.group(1)
    assert values["image"]["tag"] == build.group(2)
    assert values["image"]["tag"].startswith(PINS[package] + "-")
    assert values["podSecurityContext"]["runAsNonRoot"] is True


def test_the_rasa_image_holds_a_model_trained_from_its_own_data():
    text = (REPO / "docker" / "Dockerfile.rasa").read_text()
    assert "rasa train" in text and "COPY --from=build --chown=1001:0 /app/models models" in text
    for needed in ("rasa_addons", "immuno", "knowledge", "settings"):
        assert f"COPY --chown=1001:0 {needed} {needed}" in text
