#!/usr/bin/env python3
"""Runs the conversation cases of tests/conversations/ against the live bot.

Each case is a fresh conversation over the REST channel, with an id the server issues;
after each turn the tracker (HTTP API, token from RASA_TOKEN or var/api-token) gives the
intent and the slots. Prints the score per category, every
failure, and the triage safety figures; exits 1 on any failure or missed target.

Usage: scripts/evaluate.py [--url http://127.0.0.1:5005] [--token T] [PATH ...]
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import urllib.error
import urllib.parse
import urllib.request
from collections import defaultdict
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Dict, List, Optional

import yaml

from immuno.paths import ROOT as REPO
from immuno.normalize import fold  # noqa: E402
from scripts.client import api_token, new_conversation, open_json  # noqa: E402

LEVEL_RANK = {None: 0, "none": 0, "advice": 1, "urgent": 2, "emergency": 3}
TARGET_EMERGENCY_EXACT = 0.95
TARGET_ADVICE_OVER_TRIAGE = 0.15


@dataclass
class CaseResult:
    case: Dict[str, Any]
    failures: List[str] = field(default_factory=list)
    level: Optional[str] = None

    @property
    def passed(self) -> bool:
        return not self.failures


class Bot:
    def __init__(self, url: str, token: Optional[str]) -> None:
        self.url = url.rstrip("/")
        self.token = token

    def _request(self, path: str, body: Optional[dict] = None) -> Any:
        query = f"?token={urllib.parse.quote(self.token)}" if self.token else ""
        data = json.dumps(body).encode() if body is not None else None
        request = urllib.request.Request(
            self.url + path + query,
            data=data,
            headers={"Content-Type": "application/json"},
        )
        return open_json(request, timeout=30)

    def new_sender(self) -> str:
        return new_conversation(self.url)

    def say(self, sender: str, text: str) -> List[dict]:
        return self._request("/webhooks/rest/webhook", {"sender": sender, "message": text})

    def tracker(self, sender: str) -> dict:
        return self._request(f"/conversations/{urllib.parse.quote(sender)}/tracker")


def reply_text(messages: List[dict]) -> str:
    parts = []
    for message in messages:
        parts.append(message.get("text") or "")
        parts.extend(button.get("title", "") for button in message.get("buttons") or [])
    return "\n".join(parts)


def check_turn(turn: dict, messages: List[dict], tracker: dict) -> List[str]:
    expect = turn.get("expect") or {}
    text = fold(reply_text(messages))
    problems = []
    said = f"{turn['user']!r} -> {reply_text(messages)[:300]!r}"
    if "any_of" in expect and not any(fold(k) in text for k in expect["any_of"]):
        problems.append(f"none of {expect['any_of']} in reply: {said}")
    for key in expect.get("all_of", []):
        if fold(key) not in text:
            problems.append(f"{key!r} missing from reply: {said}")
    for key in expect.get("none_of", []):
        if fold(key) in text:
            problems.append(f"{key!r} should not be in reply: {said}")
    if expect.get("buttons") and not any(m.get("buttons") for m in messages):
        problems.append(f"no quick-reply buttons: {said}")
    if "intent" in expect:
        intent = (tracker.get("latest_message") or {}).get("intent", {}).get("name")
        allowed = expect["intent"] if isinstance(expect["intent"], list) else [expect["intent"]]
        if intent not in allowed:
            problems.append(f"intent {intent!r} != {expect['intent']!r}: {said}")
    for slot, value in (expect.get("slots") or {}).items():
        actual = (tracker.get("slots") or {}).get(slot)
        if actual != value:
            problems.append(f"slot {slot}={actual!r} != {value!r}: {said}")
    return problems


def run_case(bot: Bot, case: dict) -> CaseResult:
    result = CaseResult(case)
    try:
        sender = bot.new_sender()
        for turn in case["turns"]:
            messages = bot.say(sender, turn["user"])
            tracker = bot.tracker(sender)
            result.failures += check_turn(turn, messages, tracker)
        result.level = (tracker.get("slots") or {}).get("triage_level")
    except (urllib.error.URLError, OSError, ValueError) as error:
        result.failures.append(f"request failed: {error}")
    if "level" in case:
        expected = case["level"]
        actual = result.level or "none"
        if actual != expected:
            result.failures.append(f"triage level {actual!r} != expected {expected!r}")
    return result


def load_cases(paths: List[Path]) -> List[dict]:
    cases = []
    for path in paths:
        files = sorted(path.glob("*.yml")) if path.is_dir() else [path]
        for file in files:
            for case in (yaml.safe_load(file.read_text(encoding="utf-8")) or {}).get("cases", []):
                case.setdefault("category", file.stem)
                case["file"] = file.name
                cases.append(case)
    ids = [c["id"] for c in cases]
    duplicates = {i for i in ids if ids.count(i) > 1}
    if duplicates:
        raise SystemExit(f"duplicate case ids: {sorted(duplicates)}")
    return cases


def triage_figures(results: List[CaseResult]) -> Dict[str, Any]:
    triaged = [r for r in results if r.case.get("level") in ("emergency", "urgent", "advice")]
    under = [
        r
        for r in triaged
        if r.case["level"] in ("emergency", "urgent")
        and LEVEL_RANK[r.level] < LEVEL_RANK[r.case["level"]]
    ]
    emergencies = [r for r in triaged if r.case["level"] == "emergency"]
    advice = [r for r in triaged if r.case["level"] == "advice"]
    over = [r for r in advice if LEVEL_RANK[r.level] > LEVEL_RANK["advice"]]
    exact = [r for r in emergencies if r.level == "emergency"]
    return {
        "triage_cases": len(triaged),
        "under_triage": [r.case["id"] for r in under],
        "emergency_exact": len(exact) / len(emergencies) if emergencies else None,
        "advice_over_triage": len(over) / len(advice) if advice else None,
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("paths", nargs="*", type=Path, default=[REPO / "tests" / "conversations"])
    parser.add_argument("--url", default=os.environ.get("RASA_URL", "http://127.0.0.1:5005"))
    parser.add_argument("--token", default=api_token())
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument(
        "--min-pass-rate",
        type=float,
        default=1.0,
        help="fraction of cases that must pass (default: all); triage safety targets always apply",
    )
    args = parser.parse_args()

    cases = load_cases(args.paths)
    bot = Bot(args.url, args.token)
    with ThreadPoolExecutor(max_workers=args.workers) as pool:
        results = list(pool.map(lambda case: run_case(bot, case), cases))

    by_category: Dict[str, List[CaseResult]] = defaultdict(list)
    for result in results:
        by_category[result.case["category"]].append(result)
    print(f"\n{'category':32} {'passed':>8} {'total':>6} {'score':>7}")
    for category, group in sorted(by_category.items()):
        passed = sum(r.passed for r in group)
        print(f"{category:32} {passed:8} {len(group):6} {passed / len(group):7.1%}")
    failed = [r for r in results if not r.passed]
    passed_total = len(results) - len(failed)
    print(
        f"{'TOTAL':32} {passed_total:8} {len(results):6} {passed_total / max(len(results), 1):7.1%}"
    )

    for result in failed:
        print(f"\nFAIL {result.case['id']} ({result.case['file']}, {result.case['category']})")
        for failure in result.failures:
            print(f"  - {failure}")

    figures = triage_figures(results)
    pass_rate = passed_total / max(len(results), 1)
    ok = pass_rate >= args.min_pass_rate
    print(f"\nPass rate {pass_rate:.1%} (required {args.min_pass_rate:.0%})")
    if figures["triage_cases"]:
        under = figures["under_triage"]
        exact = figures["emergency_exact"]
        over = figures["advice_over_triage"]
        print("\nTriage safety")
        print(
            f"  under-triage (emergency/urgent given a lower level): {len(under)} (target 0) {under}"
        )
        if exact is not None:
            print(
                f"  exact level on emergencies: {exact:.1%} (target >= {TARGET_EMERGENCY_EXACT:.0%})"
            )
            ok &= exact >= TARGET_EMERGENCY_EXACT
        if over is not None:
            print(
                f"  over-triage on mild cases: {over:.1%} (target <= {TARGET_ADVICE_OVER_TRIAGE:.0%})"
            )
            ok &= over <= TARGET_ADVICE_OVER_TRIAGE
        ok &= not under
    print(f"\n{passed_total} passed, {len(failed)} failed")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
