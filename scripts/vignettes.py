"""The vignette corpus (tests/vignettes/) through the triage engine, without a bot.

Usage: scripts/vignettes.py [--split dev|heldout|all] [--list]

A single message is read as the first message of a conversation: a report starts a triage,
every question the engine asks is answered "non" (the case's expected level assumes every
sign it does not state is absent), then the level is decided; a message that is not a report
gets no level ("none"). A conversation sends its turns in order, each one read with what was
said before. Printed: recall and precision per sign and per level, under-triage (every case),
over-triage of benign and near-miss messages, emergencies given at the first reply, and
questions that repeat what the message already said.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import Dict, List, Optional

import yaml

from immuno.paths import ROOT

from immuno import triage  # noqa: E402
from immuno.criteria import RANK  # noqa: E402

VIGNETTES = ROOT / "tests" / "vignettes"
SPLITS = ("dev", "heldout", "external")  # external: messages written outside the project
MAX_QUESTIONS = 8  # a runaway form is a defect; the engine itself stops far earlier


@dataclass
class Outcome:
    case: dict
    level: str  # emergency | urgent | advice | none
    first_reply_emergency: bool
    detected: List[str]
    asked: List[str] = field(default_factory=list)
    redundant: List[str] = field(default_factory=list)

    @property
    def expected(self) -> str:
        """A case's level; a conversation's, or else the level after its last turn."""
        return self.case.get("level") or self.case["turns"][-1]["level_after"]

    @property
    def under_triage(self) -> bool:
        return RANK.get(self.level if self.level != "none" else None, 0) < RANK.get(
            self.expected if self.expected != "none" else None, 0
        )

    @property
    def escalated(self) -> bool:
        """A benign or near-miss message sent to the team or to 15 for nothing."""
        return self.expected in ("none", "advice") and self.level in ("urgent", "emergency")


def load(split: str) -> Dict[str, List[dict]]:
    cases, conversations = [], []
    for path in sorted((VIGNETTES / split).glob("*.yml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        batch = path.stem.rpartition("_")[2]  # "breathing_m" -> "m" (one batch, one letter)
        for key, into in (("cases", cases), ("conversations", conversations)):
            into += [dict(item, batch=batch) for item in data.get(key) or []]
    return {"cases": cases, "conversations": conversations}


def _run_form(state: dict, settled: set, crit, outcome: Outcome) -> dict:
    for _ in range(MAX_QUESTIONS):
        question = triage.next_question(state, crit)
        if question is None:
            break
        outcome.asked.append(question.id)
        if triage.asked_signs(state, crit) & settled:
            outcome.redundant.append(question.id)
        state = triage.answer(state, _absent(question), crit)
    return state


def _absent(question) -> str:
    """The reply that says the sign asked about is absent: "non", or for a count the
    button under the threshold ("Moins de 4")."""
    return question.buttons[0]["payload"] if question.buttons[0]["payload"] != "/affirm" else "non"


def starts_triage(text: str, assessment, crit) -> bool:
    """What the safety net (rasa_addons/components/red_flag_detector.py) does whatever the classifier
    says: an emergency, or a present report worded as a report or as a statement. A
    question without report cues is left to the classifier (a knowledge answer)."""
    return assessment.is_emergency or (
        assessment.is_report and (assessment.reported or not triage.is_question(text, crit))
    )


def run_case(case: dict, crit=None) -> Outcome:
    crit = triage.as_criteria(crit)
    text = case["text"]
    assessment = triage.assess(text, crit)
    outcome = Outcome(case, "none", assessment.is_emergency, [s.id for s in assessment.signs])
    if not starts_triage(text, assessment, crit):
        return outcome
    if assessment.is_emergency:
        outcome.level = "emergency"
        return outcome
    state = _run_form(triage.start(text, crit), set(case.get("settled") or []), crit, outcome)
    outcome.level = triage.decide(state, crit).level
    return outcome


def run_conversation(conv: dict, crit=None) -> Outcome:
    """Each turn: an emergency sign in any message ends the triage at 15 (the safety net);
    otherwise the first report starts the form and later turns are answers."""
    crit = triage.as_criteria(crit)
    state: Optional[dict] = None
    outcome = Outcome(conv, "none", False, [])
    levels = []
    for i, turn in enumerate(conv["turns"]):
        text = turn["user"]
        assessment = triage.assess(text, crit)
        if assessment.is_emergency:
            outcome.first_reply_emergency = outcome.first_reply_emergency or i == 0
            levels.append("emergency")
            outcome.level = "emergency"
            break
        if state is None:
            if starts_triage(text, assessment, crit):
                state = triage.start(text, crit)
        else:
            state = triage.answer(state, text, crit)
        if state is not None:
            next_q = triage.next_question(state, crit)
            if next_q is not None:
                outcome.asked.append(next_q.id)
                if triage.asked_signs(state, crit) & set(turn.get("settled") or []):
                    outcome.redundant.append(next_q.id)
    if outcome.level != "emergency" and state is not None:
        state = _run_form(state, set(conv["turns"][-1].get("settled") or []), crit, outcome)
        outcome.level = triage.decide(state, crit).level
    return outcome


@dataclass
class Report:
    split: str
    outcomes: List[Outcome]
    conversations: List[Outcome]

    @property
    def under_triage(self) -> List[Outcome]:
        return [o for o in self.outcomes + self.conversations if o.under_triage]

    def of_batch(self, batch: str) -> "Report":
        def keep(outcomes):
            return [o for o in outcomes if o.case.get("batch") == batch]

        return Report(f"{self.split} {batch}", keep(self.outcomes), keep(self.conversations))

    def batches(self) -> List[str]:
        return sorted({o.case.get("batch") for o in self.outcomes + self.conversations})

    def rate(self, predicate, population) -> Optional[float]:
        population = list(population)
        return (
            (sum(1 for o in population if predicate(o)) / len(population)) if population else None
        )

    def figures(self) -> Dict[str, Optional[float]]:
        emergencies = [o for o in self.outcomes if o.expected == "emergency"]
        benign = [o for o in self.outcomes if o.case.get("kind") in ("near_miss", "no_complaint")]
        return {
            "cases": len(self.outcomes),
            "conversations": len(self.conversations),
            "under_triage": len(self.under_triage),
            "emergency_exact": self.rate(lambda o: o.first_reply_emergency, emergencies),
            "benign_escalated": self.rate(lambda o: o.escalated, benign),
            "exact_level": self.rate(lambda o: o.level == o.expected, self.outcomes),
            "redundant_questions": sum(
                len(o.redundant) for o in self.outcomes + self.conversations
            ),
            "conversations_exact": self.rate(lambda o: o.level == o.expected, self.conversations),
        }


def report(split: str, crit=None) -> Report:
    data = load(split)
    return Report(
        split,
        [run_case(c, crit) for c in data["cases"]],
        [run_conversation(c, crit) for c in data["conversations"]],
    )


def _pct(x: Optional[float]) -> str:
    return "-" if x is None else f"{100 * x:.1f} %"


def print_report(rep: Report, listing: bool = False) -> None:
    f = rep.figures()
    name = (
        f"{rep.split} half" if rep.split != "external" else "messages written outside the project"
    )
    print(f"\n== vignettes, {name}: {f['cases']} messages, {f['conversations']} conversations")
    print(f"under-triage: {f['under_triage']} (target 0)")
    print(f"emergencies given 15 at the first reply: {_pct(f['emergency_exact'])} (target >= 98 %)")
    print(
        f"benign and near-miss messages escalated: {_pct(f['benign_escalated'])} (target <= 10 %)"
    )
    print(
        f"exact level (messages): {_pct(f['exact_level'])}; conversations: {_pct(f['conversations_exact'])}"
    )
    print(f"questions repeating what the message said: {f['redundant_questions']} (target 0)")
    print("\nper level (expected -> given): recall / precision")
    for level in ("emergency", "urgent", "advice", "none"):
        tp = sum(1 for o in rep.outcomes if o.expected == level and o.level == level)
        exp = sum(1 for o in rep.outcomes if o.expected == level)
        got = sum(1 for o in rep.outcomes if o.level == level)
        print(
            f"  {level:9} {_pct(tp / exp if exp else None):>8} / {_pct(tp / got if got else None):>8}  ({exp} cases)"
        )
    print("\nper sign (positive cases): recall of the sign / precision of its detections")
    positives = defaultdict(list)
    detections = Counter()
    correct = Counter()
    for o in rep.outcomes:
        for sid in set(o.detected):
            detections[sid] += 1
            if o.case.get("kind") == "positive" and (
                sid == o.case["sign"] or sid in (o.case.get("settled") or [])
            ):
                correct[sid] += 1
        if o.case.get("kind") == "positive":
            positives[o.case["sign"]].append(o)
    for sid in sorted(positives):
        cases = positives[sid]
        found = sum(1 for o in cases if sid in o.detected)
        prec = correct[sid] / detections[sid] if detections[sid] else None
        print(
            f"  {sid:32} {found:3}/{len(cases):<3} {_pct(found / len(cases)):>8}   precision {_pct(prec)}"
        )
    if rep.under_triage:
        # The wording of held-out and external cases is never printed: whoever reads it and
        # then edits the lexicon has tuned on it.
        blind = rep.split != "dev"
        print(
            "\nUNDER-TRIAGE"
            + (" (ids only: the wording of this set is not shown):" if blind else ":")
        )
        for o in rep.under_triage:
            text = (
                ""
                if blind
                else ": " + (o.case.get("text") or " / ".join(t["user"] for t in o.case["turns"]))
            )
            print(f"  {o.case['id']}: expected {o.expected}, given {o.level}{text}")
    if listing and rep.split == "dev":
        print("\nother wrong levels:")
        for o in rep.outcomes + rep.conversations:
            if o.level != o.expected and not o.under_triage:
                text = o.case.get("text") or " / ".join(t["user"] for t in o.case["turns"])
                print(f"  {o.case['id']}: expected {o.expected}, given {o.level}: {text}")
        print("\nredundant questions:")
        for o in rep.outcomes + rep.conversations:
            if o.redundant:
                print(f"  {o.case['id']}: {o.redundant}")


def print_batches(rep: Report) -> None:
    """One line per batch (file suffix): how each batch, and so each round of tuning, reads."""
    print(
        f"\n{rep.split} half, per batch: messages, under-triage, emergencies 15 at once, benign escalated, exact"
    )
    for batch in rep.batches():
        f = rep.of_batch(batch).figures()
        print(
            f"  {batch:9} {f['cases']:5} {f['under_triage']:4} {_pct(f['emergency_exact']):>8}"
            f" {_pct(f['benign_escalated']):>8} {_pct(f['exact_level']):>8}"
        )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--split", choices=SPLITS + ("all",), default="all")
    parser.add_argument(
        "--list",
        action="store_true",
        help="list every wrong level and redundant question of the dev half",
    )
    parser.add_argument(
        "--by-batch", action="store_true", help="also print the figures of each batch"
    )
    args = parser.parse_args()
    status = 0
    for split in SPLITS if args.split == "all" else (args.split,):
        rep = report(split)
        print_report(rep, args.list)
        if args.by_batch:
            print_batches(rep)
        status |= bool(rep.under_triage)
    return status


if __name__ == "__main__":
    sys.exit(main())
