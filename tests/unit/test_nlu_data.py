"""Training data that Rasa would silently skip or that contradicts itself."""

from collections import defaultdict
import re

import yaml

from immuno.paths import ROOT

NLU_FILES = [ROOT / "data" / "nlu.yml", *sorted((ROOT / "data" / "nlu").glob("*.yml"))]
MIN_EXAMPLES = 15


def _examples():
    """(file, intent, text without entity markup) for every intent example."""
    for path in NLU_FILES:
        for item in yaml.safe_load(path.read_text(encoding="utf-8")).get("nlu") or []:
            if "intent" in item:
                for line in item["examples"].splitlines():
                    yield path.name, item["intent"], line


def _plain(line):
    return re.sub(r"\[([^\]]+)\]\{[^}]*\}", r"\1", line[2:]).strip().lower()


def test_every_example_line_is_an_example():
    # A blank or comment line inside `examples: |` is skipped by Rasa with a warning only.
    bad = [(f, i, line) for f, i, line in _examples() if not line.startswith("- ")]
    assert bad == []


def test_no_example_is_given_to_two_intents_or_twice():
    seen = defaultdict(list)
    for f, intent, line in _examples():
        seen[_plain(line)].append((f, intent))
    assert {text: where for text, where in seen.items() if len(where) > 1} == {}


def test_every_intent_has_enough_examples():
    counts = defaultdict(int)
    for _, intent, _line in _examples():
        counts[intent] += 1
    assert {i: n for i, n in counts.items() if n < MIN_EXAMPLES} == {}


def _knowledge_examples():
    """(intent, text, drug values) of every example of an intent the knowledge layer answers."""
    from immuno.knowledge import KNOWLEDGE_INTENTS

    for path in NLU_FILES:
        for item in yaml.safe_load(path.read_text(encoding="utf-8")).get("nlu") or []:
            if item.get("intent") in KNOWLEDGE_INTENTS:
                for line in item["examples"].splitlines():
                    text = re.sub(r"\[([^\]]+)\]\{[^}]*\}", r"\1", line[2:])
                    yield item["intent"], text, re.findall(r'"value": "([^"]+)"', line)


def test_a_question_answered_from_practical_yml_is_labelled_ask_practical():
    # PracticalQuestionDetector sets the intent of such a question to ask_practical in
    # production, whatever DIET read ("une bière avec l'Opdivo ?", "vais-je perdre mes
    # cheveux ?"): a label that says otherwise trains DIET against the pipeline's output.
    from immuno.knowledge import load_knowledge

    knowledge = load_knowledge()
    mislabelled = [
        (intent, text)
        for intent, text, _ in _knowledge_examples()
        if knowledge.answered_as(intent, text) != intent
    ]
    assert mislabelled == []


def test_a_practical_question_gets_the_same_answer_whichever_knowledge_intent_reads_it():
    # Why setting the intent to ask_practical changes nothing the patient reads: the
    # knowledge layer finds the practical topic from the words before any intent's default
    # answer, so every knowledge intent gives the practical answer.
    from immuno.knowledge import KNOWLEDGE_INTENTS, load_knowledge

    knowledge = load_knowledge()
    checked, differ = 0, []
    for intent, text, drugs in _knowledge_examples():
        if intent != "ask_practical" or not knowledge.practical.find(text):
            continue
        entities = {"drug": drugs} if drugs else {}
        answers = {i: knowledge.answer(i, text, entities) for i in KNOWLEDGE_INTENTS}
        checked += 1
        if len({a.text for a in answers.values()}) > 1 or not (
            answers["ask_drug"].topic.startswith("practical")
            or answers["ask_drug"].topic == "unknown_drug"
        ):
            differ.append(text)
    assert checked >= 150 and differ == []
