"""immuno.language: offline language detection and what patients who do not write French read."""

import re
from datetime import datetime, timezone

import pytest
import yaml

from immuno import language
from immuno.contacts import load_contacts

from immuno.paths import ROOT as REPO

DOMAIN = yaml.safe_load((REPO / "domain.yml").read_text(encoding="utf-8"))
DATA = yaml.safe_load((REPO / "knowledge" / "languages.yml").read_text(encoding="utf-8"))
OPEN = datetime(2026, 12, 1, 10, 0, tzinfo=timezone.utc)  # a Tuesday, 11:00 in Paris
CLOSED = datetime(2026, 12, 1, 22, 0, tzinfo=timezone.utc)


def french_texts():
    for path in [REPO / "data" / "nlu.yml", *sorted((REPO / "data" / "nlu").glob("*.yml"))]:
        for item in yaml.safe_load(path.read_text(encoding="utf-8"))["nlu"]:
            if "intent" in item and item["intent"] != "other_language":
                for line in item["examples"].splitlines():
                    yield re.sub(r"\[([^\]]+)\]\{[^}]*\}", r"\1", line[2:])


def test_no_french_training_example_is_taken_for_another_language():
    texts = list(french_texts())
    assert len(texts) > 2500
    assert [t for t in texts if language.detect(t) != "fr"] == []


@pytest.mark.parametrize(
    "text, code",
    [
        ("I have a fever", "en"),
        ("do you speak english ?", "en"),
        ("my skin is itchy and I have a rash", "en"),
        ("tengo dolor de cabeza muy fuerte", "es"),
        ("hola, no hablo francés", "es"),
        ("tenho dor no peito", "pt"),
        ("olá, não falo francês", "pt"),
        ("bună ziua, nu vorbesc franceză", "ro"),
        ("mă doare capul foarte tare", "ro"),
        ("merhaba, fransızca konuşamıyorum", "tr"),
        ("başım çok ağrıyor", "tr"),
        ("مرحبا، لا أتكلم الفرنسية", "ar"),
    ],
)
def test_supported_languages(text, code):
    assert language.detect(text) == code


@pytest.mark.parametrize(
    "text",
    [
        "",
        "ok",
        "hello",
        "thanks",
        "help",
        "stop",
        "oui",
        "38,5",
        "keytruda",
        "si si",
        "on se reparle bientot",
    ],
)
def test_short_or_ambiguous_text_is_french(text):
    assert language.detect(text) == "fr"


@pytest.mark.parametrize(
    "text, level",
    [
        ("I can't breathe", "emergency"),
        ("I have chest pain", "emergency"),
        ("she passed out", "emergency"),
        ("I have a fever", "urgent"),
        ("I have diarrhea", "urgent"),
        ("I am very tired", "advice"),
        ("what does keytruda do", None),
    ],
)
def test_english_levels(text, level):
    assert language.load_languages().english_level(text) == level


def test_english_urgent_and_advice_give_the_number_for_this_hour():
    team = load_contacts()
    urgent = language.reply_lines("en", "I have a fever", team, OPEN)
    assert urgent == [DATA["english"]["messages"]["urgent"].format(phone=team.day_phone)]
    assert team.line_24_7 in language.reply_lines("en", "I have a fever", team, CLOSED)[0]
    assert "Tell your oncology team" in language.reply_lines("en", "I feel tired", team, OPEN)[0]
    assert language.reply_lines("en", "what is keytruda", team, OPEN) == [
        f"Your oncology team: {team.day_phone}."
    ]


@pytest.mark.parametrize("code", ["es", "pt", "ro", "tr", "ar"])
def test_other_languages_give_the_team_number(code):
    team = load_contacts()
    assert language.reply_lines(code, "...", team, OPEN) == [
        DATA["other"][code]["team"].format(phone=team.day_phone)
    ]


def test_french_gets_nothing_from_the_action():
    assert language.reply_lines("fr", "j'ai de la fièvre", load_contacts(), OPEN) == []
    assert language.reply_lines(None, "", load_contacts(), OPEN) == []


def _variation(name, code):
    return [
        v
        for v in DOMAIN["responses"][name]
        if any(c["name"] == "language" and c["value"] == code for c in v.get("condition") or [])
    ]


def test_domain_english_emergency_mirrors_the_data_and_keeps_the_numbers():
    (variation,) = _variation("utter_emergency", "en")
    assert variation["text"] == DATA["english"]["messages"]["emergency"]
    for number in ("15", "112", "114"):
        assert number in variation["text"]
    assert "answers in French" in variation["text"]
    assert [b["payload"] for b in variation["buttons"]] == ["/emergency_handled"]


@pytest.mark.parametrize("code", sorted(DATA["other"]))
def test_domain_other_language_message_mirrors_the_data(code):
    (variation,) = _variation("utter_other_language", code)
    assert variation["text"] == DATA["other"][code]["message"]
    assert "15" in variation["text"] and "112" in variation["text"]


def test_every_supported_language_has_a_message():
    assert set(DATA["detection"]["supported"]) == set(DATA["other"])


def test_domain_english_handled_line_mirrors_the_data():
    # Sent without the action server, like the English emergency.
    (variation,) = _variation("utter_emergency_handled", "en")
    assert variation["text"] == DATA["english"]["messages"]["emergency_handled"]
    assert "15" in variation["text"] and "patient card" in variation["text"]
    french = DOMAIN["responses"]["utter_emergency_handled"][0]
    assert "condition" not in french and "carte patient" in french["text"]


def test_the_english_emergency_is_followed_by_the_team_to_tell_in_english():
    team = load_contacts()
    assert language.emergency_followup_lines("en", team, OPEN) == [
        DATA["english"]["messages"]["after_emergency"].format(phone=team.day_phone)
    ]
    assert team.line_24_7 in language.emergency_followup_lines("en", team, CLOSED)[0]
    assert language.emergency_followup_lines("fr", team, OPEN) is None
    assert language.emergency_followup_lines(None, team, OPEN) is None


@pytest.mark.parametrize(
    "text, tells",
    [
        ("ok", False),
        ("thanks", False),
        ("hello", False),
        ("38,5", False),
        ("👍", False),
        ("merci", True),
        ("I am fine", True),
        ("tengo fiebre", True),
        ("مرحبا، لا أتكلم", True),
    ],
)
def test_only_a_message_with_a_typical_word_tells_its_language(text, tells):
    assert language.tells(text) is tells
