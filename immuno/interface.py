"""The words around the conversation (knowledge/interface.yml), read through the content
loader: the widget's labels, the staff FAQ page's headings, the servers' refusals."""

from __future__ import annotations

from typing import Dict

from immuno import content

KIND = "interface.yml"


def section(name: str) -> Dict[str, object]:
    return dict(content.current().data(KIND)[name])


def error(code: str) -> str:
    """The French sentence of a refused request, by error code."""
    return str(content.current().data(KIND)["errors"].get(code, code))
