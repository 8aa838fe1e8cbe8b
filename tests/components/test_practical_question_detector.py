"""A knowledge question that names a practical topic is labelled with the answer it gets."""

import pytest
import yaml

from rasa.shared.nlu.training_data.message import Message

from immuno.knowledge import KNOWLEDGE_INTENTS
from immuno.paths import ROOT
from rasa_addons.components.practical_question_detector import PracticalQuestionDetector


def run(text, intent):
    message = Message(
        data={
            "text": text,
            "intent": {"name": intent, "confidence": 0.8},
            "intent_ranking": [{"name": intent, "confidence": 0.8}],
            "entities": [],
        }
    )
    PracticalQuestionDetector().process([message])
    return message.get("intent")["name"], message.get("intent_ranking")[0]["name"]


@pytest.mark.parametrize(
    "text, predicted",
    [
        ("je peux boire une bière avec opdivo ?", "ask_drug"),
        ("vais-je perdre mes cheveux avec l'immuno ?", "ask_side_effects"),
        ("le vaccin de la grippe est possible pendant les cures ?", "ask_immunotherapy"),
        ("on part en voyage en juillet, c'est possible ?", "ask_management"),
    ],
)
def test_a_practical_question_read_as_another_knowledge_intent_is_ask_practical(text, predicted):
    assert run(text, predicted) == ("ask_practical", "ask_practical")


@pytest.mark.parametrize(
    "text, predicted",
    [
        # knowledge questions without a practical topic keep their intent
        ("c'est quoi le keytruda ?", "ask_drug"),
        ("comment on soigne une diarrhée sous immuno ?", "ask_management"),
        # not a knowledge question: a request for a person, out of scope, a report, a goodbye
        ("le médecin peut me faire un arrêt de travail ?", "ask_human"),
        ("combien coûte un uber jusqu'à la gare", "out_of_scope"),
        ("j'ai perdu mes cheveux et j'ai de la fièvre", "report_symptom"),
        ("je dois partir en voyage, au revoir", "goodbye"),
        ("je peux boire une bière avec opdivo ?", "nlu_fallback"),
    ],
)
def test_other_messages_keep_their_intent(text, predicted):
    assert run(text, predicted)[0] == predicted


def test_it_rewrites_only_the_intents_the_knowledge_action_answers():
    rules = yaml.safe_load((ROOT / "data" / "rules.yml").read_text(encoding="utf-8"))["rules"]
    answered = set()
    for rule in rules:
        steps = rule["steps"]
        if {"action": "action_answer_knowledge"} in steps:
            for step in steps:
                answered |= {s["intent"] for s in step.get("or", [])}
                if "intent" in step:
                    answered.add(step["intent"])
    assert answered == set(KNOWLEDGE_INTENTS)


def test_it_runs_after_the_red_flag_safety_net():
    names = [
        step["name"].rpartition(".")[2]
        for step in yaml.safe_load((ROOT / "config.yml").read_text(encoding="utf-8"))["pipeline"]
    ]
    assert names.index("RedFlagDetector") < names.index("PracticalQuestionDetector")
