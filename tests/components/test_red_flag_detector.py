"""The safety net overrides the classifier on what the triage engine is sure of."""

import pytest

from rasa.shared.nlu.training_data.message import Message

from rasa_addons.components.red_flag_detector import RedFlagDetector


@pytest.fixture(scope="module")
def detector():
    return RedFlagDetector({"criteria_path": None})


def run(detector, text, intent, confidence=0.9, runners_up=()):
    ranking = [{"name": intent, "confidence": confidence}]
    ranking += [{"name": name, "confidence": 0.05} for name in runners_up]
    message = Message(
        data={
            "text": text,
            "intent": {"name": intent, "confidence": confidence},
            "intent_ranking": ranking,
            "entities": [],
        }
    )
    detector.process([message])
    entities = {e["entity"]: e["value"] for e in message.get("entities")}
    return message.get("intent")["name"], entities


@pytest.mark.parametrize(
    "text, predicted",
    [
        ("douleur dans la poitrine", "greet"),
        ("jarrive pa a respiré", "nlu_fallback"),
        ("mon mari a perdu connaissance", "out_of_scope"),
        ("bonjour, mes levres sont bleues", "greet"),
        ("keytruda et je vomis du sang", "ask_drug"),
        ("oui et en plus je n'arrive plus à respirer", "affirm"),
    ],
)
def test_a_red_flag_is_an_emergency_whatever_the_classifier_says(detector, text, predicted):
    intent, entities = run(detector, text, predicted)
    assert intent == "report_emergency"
    assert entities["triage_level"] == "emergency"
    assert entities["symptom"]


def test_a_negated_red_flag_is_not_an_emergency(detector):
    intent, entities = run(
        detector, "pas de douleur dans la poitrine, mais je tousse", "report_emergency"
    )
    assert intent == "report_symptom" and "triage_level" not in entities


def test_the_classifier_emergency_stands_when_nothing_is_negated(detector):
    # When in doubt, escalate: the engine not finding a red flag lowers nothing.
    intent, _ = run(detector, "je me sens vraiment tres mal", "report_emergency")
    assert intent == "report_emergency"


@pytest.mark.parametrize(
    "text",
    [
        "je vois double",
        "selles noires",
        "je ne vomis pas de sang mais je vomis",
        "j'ai très soif et j'urine sans arrêt",
    ],
)
def test_lower_signs_that_explain_the_whole_message_lower_the_classifier_emergency(detector, text):
    intent, entities = run(detector, text, "report_emergency")
    assert intent == "report_symptom" and "triage_level" not in entities


@pytest.mark.parametrize(
    "text",
    [
        "je vois double et je suis tout bizarre",
        "je vois double, c'est grave ?",
        "selles noires et je me sens partir",
    ],
)
def test_the_classifier_emergency_stands_when_part_of_the_message_is_unexplained(detector, text):
    intent, _ = run(detector, text, "report_emergency")
    assert intent == "report_emergency"


def test_a_question_about_a_possible_effect_is_not_a_report(detector):
    intent, entities = run(
        detector,
        "est-ce que le traitement peut provoquer des douleurs dans la poitrine ?",
        "report_emergency",
    )
    assert intent == "ask_side_effects" and entities == {}


@pytest.mark.parametrize(
    "text, predicted",
    [
        ("bonjour j'ai 39 de fievre", "greet"),
        ("jai la diarrhee c grave ?", "ask_management"),
        ("c'est au niveau des reins", "ask_side_effects"),
        ("c'est au niveau des reins", "ask_immune_system"),
    ],
)
def test_a_present_symptom_taken_for_something_else_is_a_report(detector, text, predicted):
    assert run(detector, text, predicted)[0] == "report_symptom"


@pytest.mark.parametrize(
    "text, predicted",
    [
        ("diarrée", "stop"),
        ("je ne peux plus manger", "dont_know"),
        ("je suis enrhumé", "affirm"),
        ("j'ai un symptôme", "nlu_fallback"),
        ("j'ai un problème à signaler", "out_of_scope"),
    ],
)
def test_a_symptom_taken_for_an_answer_or_announced_is_a_report(detector, text, predicted):
    assert run(detector, text, predicted)[0] == "report_symptom"


@pytest.mark.parametrize(
    "text, predicted",
    [
        ("oui depuis ce matin", "affirm"),
        ("un peu de diarrhée", "affirm"),
        ("non pas de fièvre", "deny"),
        ("je ne sais pas si j'ai de la fièvre", "dont_know"),
        ("stop", "stop"),
    ],
)
def test_answers_that_name_a_symptom_stay_answers(detector, text, predicted):
    assert run(detector, text, predicted)[0] == predicted


@pytest.mark.parametrize(
    "text, predicted",
    [
        ("bevacizumab pour le cancer du poumon ?", "ask_drug"),
        ("keytruda pour le cancer du poumon", "ask_drug"),
        ("les poumons c'est quoi le rapport avec l'immunité ?", "ask_immune_system"),
        ("oui", "affirm"),
        ("non pas de sang", "deny"),
        ("merci", "thanks"),
    ],
)
def test_other_messages_keep_their_intent(detector, text, predicted):
    assert run(detector, text, predicted)[0] == predicted


@pytest.mark.parametrize(
    "text, predicted",
    [
        ("l'immuno ça touche la thyroide ?", "ask_side_effects"),
        ("est-ce que ça fatigue l'immunothérapie", "ask_side_effects"),
        ("qu'est-ce qu'on me donnera si j'ai une diarrhée sous immuno", "ask_management"),
        ("comment soigner une grippe", "out_of_scope"),
    ],
)
def test_questions_that_name_a_symptom_stay_questions(detector, text, predicted):
    assert run(detector, text, predicted)[0] == predicted


def test_about_to_faint_is_not_a_negation(detector):
    intent, entities = run(
        detector, "je vomis et je suis sur le point de m'évanouir", "report_emergency"
    )
    assert intent == "report_emergency" and entities["triage_level"] == "emergency"


def test_a_drug_question_with_a_present_sign_is_a_report(detector):
    assert (
        run(detector, "je prends du keytruda et j'ai la diarrhée", "ask_drug")[0]
        == "report_symptom"
    )


def test_a_sign_stated_after_a_drug_without_a_question_is_a_report(detector):
    assert (
        run(detector, "des frissons et de la fièvre après la perfusion d'opdivo", "ask_drug")[0]
        == "report_symptom"
    )
    # a drug question about a sign stays a drug question
    assert run(detector, "l'opdivo peut donner de la fièvre ?", "ask_drug")[0] != "report_symptom"


@pytest.mark.parametrize(
    "text, read_as",
    [
        # answers to "combien de selles de plus que d'habitude ?" and the like
        ("moins de 4", "deny"),
        ("non pas vraiment", "deny"),
        ("je sais pas trop", "dont_know"),
        ("oui un peu", "affirm"),
    ],
)
def test_a_classifier_stop_the_text_reads_as_an_answer_is_that_answer(detector, text, read_as):
    # a wrong stop would end the questions and decide on half the answers
    assert run(detector, text, "stop", runners_up=["report_symptom"])[0] == read_as


def test_a_classifier_stop_with_no_reading_takes_the_next_intent(detector):
    assert run(detector, "une dizaine", "stop", runners_up=["report_symptom"])[0] == (
        "report_symptom"
    )


@pytest.mark.parametrize("text", ["stop", "laisse tomber", "arrête tes questions"])
def test_a_stop_the_text_confirms_stays_a_stop(detector, text):
    assert run(detector, text, "stop", runners_up=["deny"])[0] == "stop"


def test_a_bare_no_before_a_lower_sign_leaves_nothing_unexplained(detector):
    # to "a-t-elle perdu connaissance ?": the "non" is the answer, dizziness the rest
    intent, entities = run(detector, "non, elle a juste eu la tête qui tourne", "report_emergency")
    assert intent == "report_symptom" and "triage_level" not in entities


def test_a_no_before_something_unexplained_keeps_the_classifier_emergency(detector):
    assert run(detector, "non, et je suis tout bizarre", "report_emergency")[0] == (
        "report_emergency"
    )


@pytest.mark.parametrize("predicted", ["deny", "affirm"])
def test_a_hypothetical_question_taken_for_an_answer_is_a_question(detector, predicted):
    # "si jamais": answered with what to do if it happens, not "D'accord"
    assert run(detector, "si jamais je tousse, que dois-je faire ?", predicted)[0] == (
        "ask_side_effects"
    )
