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


def test_a_practical_question_gets_the_same_answer_whichever_knowledge_intent_reads_it():
    # Why a practical question naming a drug ("une bière avec l'Opdivo ?") is trained as
    # ask_drug, and "does it cause hair loss?" as ask_side_effects: the knowledge layer finds
    # its topic from the words, before the intent's default answer, so ask_drug,
    # ask_side_effects and ask_practical (or a neighbour) give the same reply.
    from immuno.knowledge import load_knowledge

    knowledge = load_knowledge()
    intents = (
        "ask_practical",
        "ask_drug",
        "ask_management",
        "ask_side_effects",
        "ask_immunotherapy",
    )
    checked, differ = 0, []
    for path in NLU_FILES:
        for item in yaml.safe_load(path.read_text(encoding="utf-8")).get("nlu") or []:
            if item.get("intent") not in ("ask_practical", "ask_drug", "ask_side_effects"):
                continue
            for line in item["examples"].splitlines():
                text = re.sub(r"\[([^\]]+)\]\{[^}]*\}", r"\1", line[2:])
                drugs = re.findall(r'"value": "([^"]+)"', line)
                if item["intent"] != "ask_practical" and not knowledge.practical.find(text):
                    continue
                answers = {
                    i: knowledge.answer(i, text, {"drug": drugs} if drugs else {}) for i in intents
                }
                checked += 1
                if len({a.text for a in answers.values()}) > 1 or not (
                    answers["ask_drug"].topic.startswith("practical")
                    or answers["ask_drug"].topic == "unknown_drug"
                ):
                    differ.append(text)
    assert checked >= 90 and differ == []
