"""The layout shows the architecture (docs/ARCHITECTURE.md, "Layout"): the core imports
no Rasa, the action server's image (actions/, immuno/) needs nothing of the Rasa server's
package, and the repository root is computed in one place."""

import ast
import os
import re
from pathlib import Path

import pytest

from immuno.paths import ROOT

SERVER_PACKAGES = {"rasa", "rasa_sdk", "sanic", "socketio", "aiogram", "rasa_addons", "actions"}


def _imported(path):
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            yield from (alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            yield node.module.split(".")[0]


@pytest.mark.parametrize("path", sorted((ROOT / "immuno").glob("*.py")), ids=lambda p: p.name)
def test_the_core_imports_no_server(path):
    assert not set(_imported(path)) & SERVER_PACKAGES


@pytest.mark.parametrize("path", sorted((ROOT / "actions").glob("*.py")), ids=lambda p: p.name)
def test_the_action_server_needs_nothing_of_the_rasa_server(path):
    assert "rasa_addons" not in set(_imported(path)), "the action image has no rasa_addons/"


def test_the_repository_root_is_computed_in_one_place():
    computed = re.compile(r"Path\(__file__\)\.resolve\(\)\.(parent\.parent|parents\[\d\])")
    places = []
    for folder, dirs, files in os.walk(ROOT):
        dirs[:] = [d for d in dirs if not d.startswith(".") and d not in ("models", "var")]
        for name in files:
            path = Path(folder) / name
            if name.endswith(".py") and computed.search(path.read_text(encoding="utf-8")):
                places.append(str(path.relative_to(ROOT)))
    assert places == ["immuno/paths.py"], places
