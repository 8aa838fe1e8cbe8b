"""The container images and the Helm values that run them agree with the lock: an operator
who builds docker/Dockerfile.* and installs the charts gets the versions that were tested."""

import re

import pytest
import yaml

from immuno.paths import ROOT as REPO

PINS = dict(
    line.split("==") for line in (REPO / "requirements.lock").read_text().split() if "==" in line
)
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


GUARDED = {  # Dockerfile -> the guarded entry point it must start (issue 11)
    "Dockerfile.rasa": "rasa_addons.server",
    "Dockerfile.actions": "actions.server",
}
SECRETS = {  # Helm values file -> variables each pod must get from the Secret immuno-secrets
    "values-rasa.yaml": {
        "RASA_TOKEN",
        "ACTION_SERVER_TOKEN",
        "CONVERSATION_ID_SECRET",
        "ALLOWED_HOSTS",
    },
    "values-rasa-action-server.yaml": {"ACTION_SERVER_TOKEN", "DATABASE_URL"},
}


def _values(name):
    return yaml.safe_load((REPO / "deploy" / "helm" / name).read_text())


@pytest.mark.parametrize("dockerfile", GUARDED)
def test_the_image_starts_the_guarded_server(dockerfile):
    text = (REPO / "docker" / dockerfile).read_text()
    entrypoints = re.findall(r"^ENTRYPOINT (.+)$", text, re.M)
    assert entrypoints and yaml.safe_load(entrypoints[-1]) == ["python", "-m", GUARDED[dockerfile]]
    module = REPO / (GUARDED[dockerfile].replace(".", "/") + ".py")
    assert module.exists() and "def main()" in module.read_text()
    copied = re.findall(r"^COPY --chown=1001:0 (\S+) ", text, re.M)
    assert GUARDED[dockerfile].split(".")[0] in copied


@pytest.mark.parametrize("values_file", SECRETS)
def test_the_pods_get_their_secrets_from_the_secret(values_file):
    env = {e["name"]: e for e in _values(values_file)["extraEnv"]}
    for name in SECRETS[values_file]:
        assert env[name]["valueFrom"]["secretKeyRef"]["name"] == "immuno-secrets", name
    # Every key named is one the installation guide creates.
    guide = (REPO / "docs" / "KUBERNETES.md").read_text()
    for name in SECRETS[values_file]:
        key = env[name]["valueFrom"]["secretKeyRef"]["key"]
        assert f"--from-literal={key}=" in guide, key


def test_the_rasa_pods_send_the_action_token_the_action_server_expects():
    values = _values("values-rasa.yaml")
    # The chart's own action_endpoint has no headers: it must stay off.
    assert values["rasa-action-server"] == {"install": False, "external": {"enabled": False}}
    endpoints = values["applicationSettings"]["endpoints"]
    assert "action" not in endpoints
    action = endpoints["additionalEndpoints"]["action_endpoint"]
    assert action["headers"] == {"X-Action-Token": "${ACTION_SERVER_TOKEN}"}
    local = yaml.safe_load((REPO / "endpoints.yml").read_text())["action_endpoint"]
    assert action["headers"] == local["headers"]
    actions_env = {e["name"]: e for e in _values("values-rasa-action-server.yaml")["extraEnv"]}
    rasa_env = {e["name"]: e for e in values["extraEnv"]}
    assert actions_env["ACTION_SERVER_TOKEN"] == rasa_env["ACTION_SERVER_TOKEN"]


def test_the_probes_name_a_host_the_guarded_server_accepts():
    values = _values("values-rasa.yaml")
    for probe in ("livenessProbe", "readinessProbe"):
        headers = values[probe]["httpGet"]["httpHeaders"]
        assert {"name": "Host", "value": "localhost"} in headers, probe
