"""Every case of tests/conversations/questions_*.yml through the plain-Python core, without a
bot: the knowledge answer for the first expected intent, and for the language cases the
detected language, the English level and the messages the domain and the action send."""

import pytest
import yaml

from immuno import language
from immuno.contacts import load_contacts
from immuno.knowledge import load_knowledge
from immuno.normalize import normalize

from immuno.paths import ROOT as REPO

CASES = [
    c
    for f in sorted((REPO / "tests" / "conversations").glob("questions_*.yml"))
    for c in yaml.safe_load(f.read_text(encoding="utf-8"))["cases"]
]
DOMAIN = yaml.safe_load((REPO / "domain.yml").read_text(encoding="utf-8"))
EMERGENCY_FR = DOMAIN["responses"]["utter_emergency"][0]["text"]


def contains(text, fragment):
    return normalize(fragment) in normalize(text)


def domain_text(name, code):
    for variation in DOMAIN["responses"][name]:
        conditions = variation.get("condition") or []
        if any(c["name"] == "language" and c["value"] == code for c in conditions):
            return variation["text"]
    return DOMAIN["responses"][name][-1]["text"]


def offline_reply(text, expect):
    intent = expect.get("intent")
    intent = intent[0] if isinstance(intent, list) else intent
    code = language.detect(text)
    if code != language.FRENCH:
        if code == "en" and language.load_languages().english_level(text) == "emergency":
            return domain_text("utter_emergency", "en"), code, "report_emergency"
        lines = language.reply_lines(code, text, load_contacts())
        return (
            "\n".join([domain_text("utter_other_language", code), *lines]),
            code,
            "other_language",
        )
    if intent == "report_emergency":
        return EMERGENCY_FR, code, intent
    if intent and intent.startswith("ask_"):
        return load_knowledge().answer(intent, text).text, code, intent
    return "", code, intent


def test_enough_cases():
    assert len(CASES) >= 150
    assert len({c["id"] for c in CASES}) == len(CASES)


@pytest.mark.parametrize("case", CASES, ids=lambda c: c["id"])
def test_question_case_offline(case):
    for turn in case["turns"]:
        expect = turn["expect"]
        reply, code, intent = offline_reply(turn["user"], expect)
        if reply:
            assert all(contains(reply, f) for f in expect.get("all_of", [])), reply
            assert not any(contains(reply, f) for f in expect.get("none_of", [])), reply
        wanted = expect.get("slots", {}).get("language")
        assert wanted is None or wanted == code, (code, turn["user"])
        if expect.get("intent") in ("other_language", "report_emergency"):
            assert intent == expect["intent"], (intent, turn["user"])
        if any("answers in French" in f for f in expect.get("none_of", [])):
            assert code == language.FRENCH, turn["user"]
