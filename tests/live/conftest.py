"""Fixtures for tests that need a trained model (and, for some, the running stack)."""

import os
import subprocess

import pytest

from immuno.paths import ROOT as REPO


@pytest.fixture(scope="session")
def model_path() -> str:
    path = (
        os.environ.get("MODEL")
        or subprocess.run(
            ["scripts/train_if_changed.sh"], cwd=REPO, check=True, capture_output=True, text=True
        )
        .stdout.strip()
        .splitlines()[-1]
    )
    return str(REPO / path)


@pytest.fixture(scope="session")
def rasa_url() -> str:
    url = os.environ.get("RASA_URL")
    if not url:
        pytest.fail(
            "RASA_URL is not set: run these tests through `make test` (scripts/with_stack.sh)"
        )
    return url
