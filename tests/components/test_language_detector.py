"""The language component: English red flags become the emergency, other languages get the
short message, French is left alone (its emergencies included)."""

import pytest

from rasa.shared.nlu.training_data.message import Message

from rasa_addons.components.language_detector import LanguageDetector
from rasa_addons.components.red_flag_detector import RedFlagDetector


@pytest.fixture(scope="module")
def pipeline():
    return RedFlagDetector({"criteria_path": None}), LanguageDetector({"languages_path": None})


def run(pipeline, text, intent):
    message = Message(
        data={
            "text": text,
            "intent": {"name": intent, "confidence": 0.8},
            "intent_ranking": [{"name": intent, "confidence": 0.8}],
            "entities": [],
        }
    )
    for component in pipeline:
        component.process([message])
    return message.get("intent")["name"], {e["entity"]: e["value"] for e in message.get("entities")}


@pytest.mark.parametrize(
    "text, predicted",
    [
        ("I can't breathe", "goodbye"),
        ("I have chest pain", "ask_indications"),
        ("my wife fainted and is unconscious", "out_of_scope"),
        ("I want to kill myself", "greet"),
    ],
)
def test_english_red_flag_is_the_emergency_with_language_en(pipeline, text, predicted):
    intent, entities = run(pipeline, text, predicted)
    assert intent == "report_emergency"
    assert entities["triage_level"] == "emergency" and entities["language"] == "en"


@pytest.mark.parametrize(
    "text, code",
    [
        ("I have a fever", "en"),
        ("what does keytruda do ?", "en"),
        ("tengo fiebre desde ayer", "es"),
        ("estou com febre desde ontem", "pt"),
        ("am febră de ieri", "ro"),
        ("ateşim var", "tr"),
        ("عندي حمى منذ أمس", "ar"),
    ],
)
def test_other_languages_get_other_language(pipeline, text, code):
    intent, entities = run(pipeline, text, "goodbye")
    assert intent == "other_language" and entities["language"] == code


@pytest.mark.parametrize(
    "text, predicted",
    [
        ("j'ai de la fièvre depuis hier", "report_symptom"),
        ("merci", "thanks"),
        ("c'est quoi le keytruda", "ask_drug"),
        ("température 35,5", "report_symptom"),
    ],
)
def test_french_is_left_alone(pipeline, text, predicted):
    intent, entities = run(pipeline, text, predicted)
    assert intent == predicted and entities["language"] == "fr"


@pytest.mark.parametrize(
    "text, predicted",
    [("hello", "greet"), ("thanks", "thanks"), ("ok", "affirm"), ("38,5", "report_symptom")],
)
def test_a_message_that_tells_no_language_keeps_the_conversation_s(pipeline, text, predicted):
    # No `language` entity, so the slot keeps "en" after an English emergency: the reminder
    # that follows "ok" is still the English one.
    intent, entities = run(pipeline, text, predicted)
    assert intent == predicted and "language" not in entities


def test_a_french_emergency_stays_french(pipeline):
    intent, entities = run(pipeline, "je n'arrive plus à respirer", "report_symptom")
    assert intent == "report_emergency" and entities["language"] == "fr"


@pytest.mark.parametrize("text", ["🙂🙂", "???", "👍"])
def test_a_message_without_a_word_is_asked_again(pipeline, text):
    intent, _ = run(pipeline, text, "goodbye")
    assert intent == "nlu_fallback"


def test_a_number_alone_is_still_read(pipeline):
    intent, _ = run(pipeline, "38,5", "report_symptom")
    assert intent == "report_symptom"


@pytest.mark.parametrize("text", ["qsdfgh", "azertyuiop", "ttttt", "dfgdfgdfg"])
def test_a_keyboard_mash_is_asked_again(pipeline, text):
    intent, _ = run(pipeline, text, "affirm")
    assert intent == "nlu_fallback"


def test_a_short_reply_is_not_a_mash(pipeline):
    intent, _ = run(pipeline, "ouiiii", "affirm")
    assert intent == "affirm"
