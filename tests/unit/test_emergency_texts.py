"""Every text that tells a patient what to do in an emergency, or what to do when the
assistant cannot help right now, carries the emergency number 15: the domain's emergency
responses (sent even when the action server is down), the emergency level of the
criteria, the emergency messages of the other languages, the refusals of the servers and
the widget's words when it has lost the server."""

import re

import pytest
import yaml

from immuno import content, triage
from immuno.paths import ROOT

DOMAIN = yaml.safe_load((ROOT / "domain.yml").read_text(encoding="utf-8"))
SNAPSHOT = content.current()
LANGUAGES = SNAPSHOT.data("languages.yml")
SECURITY = SNAPSHOT.data("security.yml")
WIDGET = SNAPSHOT.data("interface.yml")["widget"]


def _texts():
    for name, variants in DOMAIN["responses"].items():
        if name.startswith("utter_emergency"):
            for n, variant in enumerate(variants):
                yield f"domain.yml {name}[{n}]", variant["text"]
    yield "triage.yml levels.emergency", triage.level_message("emergency")
    yield "languages.yml english.messages.emergency", LANGUAGES["english"]["messages"]["emergency"]
    for code, other in LANGUAGES["other"].items():
        yield f"languages.yml other.{code}.message", other["message"]
    for key, message in SECURITY["messages"].items():
        yield f"security.yml messages.{key}", message
    for key in ("offline", "unavailable"):
        yield f"interface.yml widget.{key}", WIDGET[key]


TEXTS = dict(_texts())


@pytest.mark.parametrize("where", TEXTS)
def test_the_emergency_number_is_in_the_text(where):
    assert re.search(r"(?<!\d)15(?!\d)", TEXTS[where]), where


def test_every_kind_of_emergency_text_is_checked():
    kinds = {where.split()[0] for where in TEXTS}
    assert kinds == {"domain.yml", "triage.yml", "languages.yml", "security.yml", "interface.yml"}
    assert sum(where.startswith("domain.yml utter_emergency[") for where in TEXTS) >= 3
