"""Every case of tests/conversations/triage_*.yml through the pure engine, without a bot.

The form is simulated as the bot runs it: first user turn = start(), every further turn =
answer() to the question next_question() asked; hypothetical cases go through assess().
Targets (docs/ARCHITECTURE.md): 0 under-triage, exact level on >= 95 % of emergencies,
over-triage on advice cases <= 15 %.
"""

import pytest
import yaml

from immuno.normalize import normalize
from immuno.paths import ROOT
from immuno.triage import (
    RANK,
    advice_text,
    assess,
    decide,
    level_message,
    next_question,
    start,
    answer,
)

CASES_DIR = ROOT / "tests" / "conversations"
CASES = [
    c
    for f in sorted(CASES_DIR.glob("triage_*.yml"))
    for c in yaml.safe_load(f.read_text(encoding="utf-8"))["cases"]
]


_RUNS = {}


def run(case):
    """(level or "none", decision or None, list of per-turn problems), computed once per case
    (the engine is deterministic): test_case and test_safety_metrics read the same runs."""
    if case["id"] not in _RUNS:
        _RUNS[case["id"]] = _run(case)
    return _RUNS[case["id"]]


def _run(case):
    turns = case["turns"]
    if case["level"] == "none":
        a = assess(turns[0]["user"])
        return ("none" if not a.is_report else (a.level or "report")), None, []
    problems, state = [], None
    for i, turn in enumerate(turns):
        state = start(turn["user"]) if i == 0 else answer(state, turn["user"])
        asks = next_question(state) is not None
        if turn.get("expect", {}).get("buttons") and not asks:
            problems.append(f"turn {i}: a question was expected")
    if next_question(state) is not None:
        problems.append("the form is still asking questions after the last turn")
    d = decide(state)
    expect = turns[-1].get("expect", {})
    symptom = expect.get("slots", {}).get("symptom")
    if symptom and d.category != symptom:
        problems.append(f"symptom {d.category!r} != {symptom!r}")
    reply = normalize(
        level_message(d.level) + " " + (advice_text(d.category) if d.level == "advice" else "")
    )
    for word in expect.get("all_of", []):
        if normalize(word) not in reply:
            problems.append(f"reply lacks {word!r}")
    if expect.get("any_of") and not any(normalize(w) in reply for w in expect["any_of"]):
        problems.append(f"reply lacks any of {expect['any_of']}")
    return d.level, d, problems


def test_enough_cases_covering_every_level_and_category():
    assert len(CASES) >= 220
    assert len({c["id"] for c in CASES}) == len(CASES), "case ids must be unique"
    levels = {c["level"] for c in CASES}
    assert levels == {"emergency", "urgent", "advice", "none"}
    categories = {c["category"] for c in CASES}
    assert {
        "triage_emergency",
        "triage_urgent",
        "triage_advice",
        "triage_negation",
        "triage_third_person",
        "triage_typos",
        "triage_hypothetical",
        "triage_form",
    } <= categories
    symptoms = {c["turns"][-1]["expect"].get("slots", {}).get("symptom") for c in CASES}
    assert {
        "digestive",
        "fever",
        "breathing",
        "heart",
        "liver",
        "skin",
        "hormones",
        "diabetes",
        "neuro",
        "kidney",
        "eyes",
        "infusion",
        "mood",
        "il2",
        "common",
    } <= symptoms


@pytest.mark.parametrize("case", CASES, ids=[c["id"] for c in CASES])
def test_case(case):
    level, _, problems = run(case)
    assert level == case["level"], f"{case['id']}: got {level}, expected {case['level']}"
    assert not problems, problems


def test_safety_metrics():
    under, em_exact, em_total, adv_over, adv_total = [], 0, 0, [], 0
    for case in CASES:
        if case["level"] == "none":
            continue
        level, _, _ = run(case)
        if RANK[level] < RANK[case["level"]]:
            under.append(case["id"])
        if case["level"] == "emergency":
            em_total += 1
            em_exact += level == "emergency"
        if case["level"] == "advice":
            adv_total += 1
            if RANK[level] > RANK["advice"]:
                adv_over.append(case["id"])
    print(
        f"\nunder-triage: {len(under)}; emergency exact: {em_exact}/{em_total}; "
        f"advice over-triage: {len(adv_over)}/{adv_total}"
    )
    assert under == [], under
    assert em_exact / em_total >= 0.95
    assert len(adv_over) / adv_total <= 0.15, adv_over
