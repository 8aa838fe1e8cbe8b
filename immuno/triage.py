"""Symptom triage engine: criteria in knowledge/triage.yml, logic here. No Rasa import.

assess(text)          -> signs / categories / negations / hypothetical flag of one message
start(text)           -> JSON-able state from the first message of a symptom report
next_question(state)  -> the next follow-up question, or None when it is time to decide
answer(state, text)   -> new state after the patient's reply
decide(state)         -> Decision (level is always emergency, urgent or advice)

Safety first: a missed emergency is the worst defect, so every doubt escalates.
"""
from __future__ import annotations

import copy
import os
import re
from dataclasses import asdict, dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Dict, List, Optional, Tuple

import yaml

from immuno.normalize import normalize

RANK = {None: 0, "advice": 1, "urgent": 2, "emergency": 3}
LEVELS = ("emergency", "urgent", "advice")
_REPO = Path(__file__).resolve().parent.parent
_DEFAULT_PATH = _REPO / "knowledge" / "triage.yml"
LEXICON_FILES = ("signs.yml", "reading.yml")
_MAX_TEXT = 5000  # longer messages are cut: regexes stay fast, meaning is in the first lines

_NUMBER_WORDS = {
    "un": 1, "une": 1, "deux": 2, "trois": 3, "quatre": 4, "cinq": 5, "six": 6, "sept": 7,
    "huit": 8, "neuf": 9, "dix": 10, "onze": 11, "douze": 12, "quinze": 15, "vingt": 20,
    "dizaine": 10, "quinzaine": 15, "vingtaine": 20,
}
_NUM = r"(\d+|" + "|".join(sorted(_NUMBER_WORDS, key=len, reverse=True)) + r")\b"


# ---------------------------------------------------------------- data classes
@dataclass(frozen=True)
class Sign:
    id: str
    category: str
    level: str
    label: str
    call_today: bool = False


@dataclass
class Question:
    id: str
    text: str
    buttons: List[Dict[str, str]]
    category: Optional[str] = None

    def to_dict(self) -> dict:
        return asdict(self)


@dataclass
class Decision:
    level: str
    category: Optional[str]
    matched: List[str]
    labels: List[str]

    def to_dict(self) -> dict:
        return asdict(self)


@dataclass
class Assessment:
    text: str
    signs: List[Sign] = field(default_factory=list)
    categories: List[str] = field(default_factory=list)
    negated: List[str] = field(default_factory=list)
    hypothetical: bool = False
    numbers: Dict[str, List[float]] = field(default_factory=dict)
    # A complaint in general words ("j'ai mal à la gorge", "je me sens pas bien") that no
    # category lists: still a report, triaged as an unrecognised symptom.
    unlisted_complaint: bool = False
    # Worded as a present report ("j'ai", "depuis hier", "mon mari a"...): report cues.
    reported: bool = False
    # Every part of the message (clauses, and their parts joined by "et", "mais"...) holds
    # a sign, a negated sign or an organ word: nothing in it escaped the criteria.
    explained: bool = False

    @property
    def level(self) -> Optional[str]:
        return max((s.level for s in self.signs), key=RANK.get, default=None)

    @property
    def is_report(self) -> bool:
        return not self.hypothetical and bool(
            self.signs or self.categories or self.unlisted_complaint
        )

    @property
    def is_emergency(self) -> bool:
        return self.is_report and any(s.level == "emergency" for s in self.signs)


# ---------------------------------------------------------------- criteria
def _rx(pattern: str) -> "re.Pattern":
    return re.compile(pattern)


class CriteriaError(ValueError):
    """A criteria or lexicon file that cannot be used; the message names the file and entry."""


class Criteria:
    """knowledge/triage.yml (clinical criteria) with knowledge/lexicon/ (how patients say
    things), validated and compiled."""

    def __init__(self, data: dict, lexicon: dict, path: str = ""):
        self.path = path
        self.data = data
        self.levels = data["levels"]
        self.default_advice = data.get("default_advice", "")
        self.categories: Dict[str, dict] = data["categories"]
        self.max_questions = int(data.get("max_questions", 4))
        words = lexicon.get("signs") or {}
        self.signs: Dict[str, Sign] = {}
        self.patterns: Dict[str, List[re.Pattern]] = {}
        self.phrases: Dict[str, List[str]] = {}
        self.context: Dict[str, Optional[re.Pattern]] = {}
        for row in data["signs"]:
            level = row["level"]
            call_today = bool(row.get("call_today", level == "advice" and row["category"] != "common"))
            self.signs[row["id"]] = Sign(row["id"], row["category"], level, row["label"], call_today)
            entry = words.get(row["id"]) or {}
            self.patterns[row["id"]] = [_rx(p) for p in entry.get("patterns") or []]
            self.phrases[row["id"]] = list(entry.get("phrases") or [])
            self.context[row["id"]] = _rx(entry["context"]) if entry.get("context") else None
        self.combinations = data.get("combinations") or []
        for combo in self.combinations:
            self.signs[combo["id"]] = Sign(combo["id"], combo["category"], combo["level"], combo["label"])
        cat_words = lexicon.get("categories") or {}
        self.cues = {cid: [_rx(p) for p in (cat_words.get(cid) or {}).get("cues") or []]
                     for cid in self.categories}
        self.questions: Dict[str, dict] = data["questions"]
        for qid, q in self.questions.items():
            q.setdefault("answered_by", [q["sign"]])
            q.setdefault("buttons", data["default_buttons"])
        self.numbers = data.get("numbers") or {}
        self.rules = data.get("rules") or {}
        self.reask_prefix = data.get("reask_prefix", "")
        neg = lexicon["negation"]
        self.neg_before = _rx(neg["before"])
        self.neg_after = _rx(neg["after"])
        self.neg_window = int(neg.get("window_words", 5))
        self.not_negation = [_rx(p) for p in neg.get("not_negation") or []]
        self.boundaries = _rx(neg["boundaries"])
        self.joins = _rx(lexicon["explained"]["joins"])
        hyp = lexicon["hypothetical"]
        self.hyp_cues = [_rx(p) for p in hyp["cues"]]
        self.report_cues = [_rx(p) for p in hyp["report_cues"]]
        self.complaint_cues = [_rx(p) for p in lexicon.get("unlisted_complaint_cues") or []]
        self.announcement_cues = [_rx(p) for p in lexicon.get("announcement_cues") or []]
        self.question_cues = [_rx(p) for p in lexicon.get("question_cues") or []]
        self.answer_rx = {k: [_rx(p) for p in v] for k, v in lexicon["answers"].items()}
        self._validate(words, cat_words)

    def _validate(self, words: dict, cat_words: dict) -> None:
        """Raises CriteriaError (never `assert`: the checks must hold under python -O)."""
        errors = []
        for sid, sign in self.signs.items():
            if sign.level not in LEVELS:
                errors.append(f"sign {sid}: level {sign.level!r} is not one of {LEVELS}")
            if sign.category not in self.categories:
                errors.append(f"sign {sid}: unknown category {sign.category!r}")
        for combo in self.combinations:
            errors += [f"combination {combo['id']}: unknown sign {sid!r}"
                       for group in combo["all"] for sid in group if sid not in self.signs]
        for qid, q in self.questions.items():
            errors += [f"question {qid}: unknown sign {sid!r}"
                       for sid in [q["sign"], *q["answered_by"], *q.get("ask_if", [])]
                       if sid not in self.signs]
        for cid, cat in self.categories.items():
            if len(cat.get("questions") or []) > self.max_questions:
                errors.append(f"category {cid}: more than {self.max_questions} questions")
            errors += [f"category {cid}: unknown question {qid!r}"
                       for qid in cat.get("questions") or [] if qid not in self.questions]
        for level in LEVELS:
            if not (self.levels.get(level) or {}).get("message"):
                errors.append(f"level {level}: no message")
        errors += [f"lexicon: {sid!r} is not a sign of the criteria" for sid in words if sid not in self.signs]
        errors += [f"lexicon: {cid!r} is not a category of the criteria"
                   for cid in cat_words if cid not in self.categories]
        if errors:
            raise CriteriaError(f"{self.path}: " + "; ".join(errors))


def _lexicon_dir(path: str) -> Path:
    return Path(os.environ.get("TRIAGE_LEXICON") or Path(path).parent / "lexicon")


def _read_yaml(path) -> dict:
    try:
        with open(path, encoding="utf-8") as handle:
            return yaml.safe_load(handle) or {}
    except yaml.YAMLError as error:
        raise CriteriaError(f"{path}: {error}") from error


@lru_cache(maxsize=8)
def _load(path: str, stamp: Tuple[float, ...]) -> Criteria:
    lexicon: dict = {}
    for name in LEXICON_FILES:
        lexicon.update(_read_yaml(_lexicon_dir(path) / name))
    return Criteria(_read_yaml(path), lexicon, path)


def load_criteria(path: Optional[str] = None) -> Criteria:
    """Cached while the files are unchanged; default <repo>/knowledge/triage.yml (env
    TRIAGE_CRITERIA), with the lexicon beside it in lexicon/ (env TRIAGE_LEXICON)."""
    path = str(path or os.environ.get("TRIAGE_CRITERIA") or _DEFAULT_PATH)
    stamp = tuple(os.path.getmtime(p) for p in [path] + [_lexicon_dir(path) / n for n in LEXICON_FILES])
    return _load(path, stamp)


def _crit(criteria) -> Criteria:
    if isinstance(criteria, Criteria):
        return criteria
    return load_criteria(criteria)


# ---------------------------------------------------------------- matching
_CLAUSE_SPLIT = re.compile(r"[!?;:\n\r\u2026()\[\]]+|(?<!\d)[.,]|[.,](?!\d)")


def _clauses(text) -> List[str]:
    raw = "" if text is None else str(text)[:_MAX_TEXT]
    return [c for c in (normalize(part) for part in _CLAUSE_SPLIT.split(raw)) if c]


def _negated(crit: Criteria, clause: str, start: int, end: int, spans) -> bool:
    left = 0
    for b in crit.boundaries.finditer(clause, 0, start):
        if b.start() < start:
            left = max(left, b.start())
    for s_start, s_end in spans:  # a negation does not jump over another symptom word
        if s_end <= start:
            left = max(left, s_end)
    window = clause[left:start]
    for rx in crit.not_negation:
        window = rx.sub(" ", window)
    window = " ".join(window.split()[-crit.neg_window:])
    if crit.neg_before.search(window):
        return True
    after = clause[end:]
    b = crit.boundaries.search(after)
    return bool(crit.neg_after.search(after[: b.start()] if b else after))


@dataclass
class _Raw:
    signs: List[str]
    negated: List[str]
    categories: List[str]
    hypothetical: bool
    numbers: Dict[str, List[float]]
    text: str
    explained: bool = False


def _covered(crit: Criteria, clause: str, spans) -> bool:
    """True when each part of the clause between two joining words holds a match."""
    cuts = [0] + [m.start() for m in crit.joins.finditer(clause)] + [len(clause)]
    return all(
        any(start < hi and end > lo for start, end in spans)
        for lo, hi in zip(cuts, cuts[1:])
        if clause[lo:hi].strip()
    )


def _analyse(text, crit: Criteria, ignore_context: Tuple[str, ...] = ()) -> _Raw:
    clauses = _clauses(text)
    full = " ".join(clauses)
    found: Dict[str, Tuple[int, int]] = {}  # id -> first position (clause, start)
    denied: Dict[str, Tuple[int, int]] = {}
    cats: Dict[str, Tuple[int, int]] = {}
    explained = bool(clauses)
    for ci, clause in enumerate(clauses):
        hits = []  # (start, end, kind, id)
        for sid, patterns in crit.patterns.items():
            ctx = crit.context[sid]
            if ctx is not None and sid not in ignore_context and not ctx.search(full):
                continue
            for rx in patterns:
                hits += [(m.start(), m.end(), "sign", sid) for m in rx.finditer(clause)]
        for cid, patterns in crit.cues.items():
            for rx in patterns:
                hits += [(m.start(), m.end(), "cat", cid) for m in rx.finditer(clause)]
        spans = [(h[0], h[1]) for h in hits]
        explained = explained and _covered(crit, clause, spans)
        for start, end, kind, ident in sorted(hits):
            neg = _negated(crit, clause, start, end, spans)
            if kind == "sign":
                (denied if neg else found).setdefault(ident, (ci, start))
            elif not neg:
                cats.setdefault(ident, (ci, start))
    numbers = _numbers(full)
    temps = numbers.get("temperature")
    if temps:  # a measured temperature is authoritative over the word "fièvre"
        tconf = crit.numbers["temperature"]
        feverish = max(temps) >= tconf["normal_max"] or min(temps) < tconf["normal_min"]
        (found if feverish else denied).setdefault(tconf["sign"], (-1, 0))
        if not feverish:
            found.pop(tconf["sign"], None)
    stools = numbers.get("stools")
    if stools and max(stools) >= crit.numbers["stools"]["threshold"]:
        found.setdefault(crit.numbers["stools"]["sign"], (-1, 0))
    for sid, pos in found.items():
        cats.setdefault(crit.signs[sid].category, pos)
    hyp = any(rx.search(full) for rx in crit.hyp_cues) and not any(rx.search(full) for rx in crit.report_cues)
    order = lambda d: [k for k, _ in sorted(d.items(), key=lambda kv: kv[1])]  # noqa: E731
    return _Raw(order(found), [s for s in order(denied) if s not in found], order(cats), hyp,
                numbers, full, explained)


def _to_number(token: str) -> float:
    return float(_NUMBER_WORDS[token]) if token in _NUMBER_WORDS else float(token)


_TEMP = re.compile(r"\b(3[4-9]|4[0-3])(\.\d+)?(?: deg (\d)\b)?(?! ?(ans?|kg|kilos?|fois|selles?|mg|min\w*|h|heures?|jours?|semaines?|mois|ml|cm|pour|g|l)\b)")
_TEMP_CUE = re.compile(r"\b(fie?v\w*|temperature|temp|deg|degres?|thermometre|febri\w*|chaud)\b")
_STOOLS = re.compile(r"\b(?:(moins de|plus de|au moins|pres de) )?(?:une )?" + _NUM + r"(?: ou " + _NUM + r")?(?: ou plus)?(?: de)? (selles?|diarrhees?|passages?|fois)\b")
_STOOL_CUE = re.compile(r"\b(selles?|dia?r+\w*|toilettes?|caca|courante)\b")


def _numbers(text: str) -> Dict[str, List[float]]:
    out: Dict[str, List[float]] = {}
    for m in _TEMP.finditer(text):
        value = float(m.group(1) + (m.group(2) or "") if not m.group(3) else f"{m.group(1)}.{m.group(3)}")
        before = text[max(0, m.start() - 12): m.start()]
        if m.group(2) or m.group(3) or _TEMP_CUE.search(text) or re.search(r"\b(j ai|il a|elle a|a|est a)\s*$", before):
            out.setdefault("temperature", []).append(value)
    for m in _STOOLS.finditer(text):
        if m.group(4) == "fois":
            before = text[max(0, m.start() - 25): m.start()]
            if not _STOOL_CUE.search(text) or re.search(r"vomi|toux|touss", before + text[m.end(): m.end() + 20]):
                continue
        value = max(_to_number(m.group(2)), _to_number(m.group(3)) if m.group(3) else 0)
        value += {"moins de": -1, "plus de": 1}.get(m.group(1) or "", 0)
        out.setdefault("stools", []).append(value)
    return out


def _parse_count(text: str) -> Optional[float]:
    """A count in a free reply: "6", "10 selles", "moins de 4", "4 ou plus", "beaucoup"."""
    norm = normalize(text)
    if re.search(r"\b(aucune?|zero|pas plus|pas plus que d habitude|comme d habitude)\b", norm):
        return 0.0
    if re.search(r"\b(pas beaucoup|peu|pas tant que ca)\b", norm):
        return 2.0
    m = re.search(r"\b(?:(moins de|plus de|au moins|pres de|environ) )?(?:une )?" + _NUM + r"(?: (?:ou|a|et) " + _NUM + r")?", norm)
    if m:
        value = max(_to_number(m.group(2)), _to_number(m.group(3)) if m.group(3) else 0)
        return value + {"moins de": -1, "plus de": 1}.get(m.group(1) or "", 0)
    if re.search(r"\b(beaucoup|enormement|plein|sans arret|tout le temps|trop|des dizaines)\b", norm):
        return 10.0
    return None


def _with_combinations(ids: List[str], crit: Criteria) -> List[str]:
    present = set(ids)
    extra = [c["id"] for c in crit.combinations
             if c["id"] not in present and all(present & set(group) for group in c["all"])]
    return list(ids) + extra


def assess(text: str, criteria=None) -> Assessment:
    crit = _crit(criteria)
    raw = _analyse(text, crit)
    signs = [] if raw.hypothetical else [crit.signs[s] for s in _with_combinations(raw.signs, crit)]
    categories = list(dict.fromkeys(raw.categories + [s.category for s in signs]))
    complaint = not raw.hypothetical and any(rx.search(raw.text) for rx in crit.complaint_cues)
    reported = any(rx.search(raw.text) for rx in crit.report_cues)
    return Assessment(
        raw.text, signs, categories, raw.negated, raw.hypothetical, raw.numbers, complaint,
        reported, raw.explained,
    )


def is_question(text: str, criteria=None) -> bool:
    """A question (mark or interrogative words) rather than a statement."""
    crit = _crit(criteria)
    if "?" in str(text):
        return True
    normalised = normalize(str(text))
    return any(rx.search(normalised) for rx in crit.question_cues)


def is_announcement(text: str, criteria=None) -> bool:
    """"J'ai un symptôme": a symptom is announced but not described yet."""
    crit = _crit(criteria)
    assessment = assess(text, crit)
    if assessment.signs or assessment.categories or assessment.unlisted_complaint:
        return False
    return any(rx.search(assessment.text) for rx in crit.announcement_cues)


# ---------------------------------------------------------------- triage form
def start(text: str, criteria=None) -> dict:
    """State of a symptom report. Signs count even if the wording looked hypothetical:
    the caller only starts a triage when NLU says the patient reports a symptom."""
    crit = _crit(criteria)
    raw = _analyse(text, crit)
    return {
        "version": 1,
        "signs": raw.signs,
        "negated": raw.negated,
        "categories": raw.categories,
        "numbers": raw.numbers,
        "answers": {},
        "retries": {},
        "hypothetical": raw.hypothetical,
        "stopped": False,
    }


@dataclass
class _Eval:
    level: str
    signs: List[str]  # including combinations
    rules: List[str]


def _evaluate(state: dict, crit: Criteria) -> _Eval:
    """Level from signs, combinations and escalation rules (not the unanswered-questions rule)."""
    ids = _with_combinations([s for s in state.get("signs", []) if s in crit.signs], crit)
    level = max((crit.signs[s].level for s in ids), key=RANK.get, default=None)
    rules = []
    answers = state.get("answers", {})
    unknown = [q for q, a in answers.items() if a == "unknown"]
    if sum(crit.signs[s].call_today for s in ids) + len(unknown) >= crit.rules["two_call_today"]["count"]:
        rules.append("two_call_today")
    fever = crit.rules["symptom_with_fever"]["sign"]
    if fever in ids and any(crit.signs[s].category != crit.signs[fever].category for s in ids):
        rules.append("symptom_with_fever")
    if any(crit.signs[crit.questions[q]["sign"]].level == "emergency" for q in unknown if q in crit.questions):
        rules.append("unknown_red_flag")
    categories = [c for c in state.get("categories", []) if c in crit.categories]
    if not ids and not categories:
        rules.append("unrecognised_symptom")
    if rules:
        level = max(level, "urgent", key=RANK.get)
    with_signs = {crit.signs[s].category for s in ids}
    for cid in categories:  # a category mentioned without any sign of it
        floor = crit.categories[cid].get("min_level", "advice")
        if cid not in with_signs and RANK[floor] > RANK[level]:
            level = floor
            rules.append("category_floor")
    return _Eval(level or "advice", ids, rules)


def _implicit_answer(state: dict, q: dict, crit: Criteria):
    """Answer already given by the conversation (a sign, its negation, or a number)."""
    numbers = state.get("numbers", {})
    if q.get("kind") == "count" and numbers.get(q["number"]):
        return max(numbers[q["number"]])
    signs, negated = set(state.get("signs", [])), set(state.get("negated", []))
    positive, negative = ("no", "yes") if q.get("on_no") else ("yes", "no")
    if signs & set(q["answered_by"]):
        return positive
    if negated & set(q["answered_by"]):
        return negative
    return None


def _is_answered(state: dict, qid: str, crit: Criteria) -> bool:
    return qid in state.get("answers", {}) or _implicit_answer(state, crit.questions[qid], crit) is not None


def _applies(state: dict, q: dict, cid: str, crit: Criteria) -> bool:
    if not q.get("ask_if"):
        return True
    signs = set(state.get("signs", []))
    cue_only = not any(crit.signs[s].category == cid for s in signs if s in crit.signs)
    return cue_only or bool(signs & set(q["ask_if"]))


def _pending(state: dict, crit: Criteria) -> Optional[Tuple[str, str]]:
    """(question id, category) of the next useful question, ignoring `stopped`."""
    current = _evaluate(state, crit)
    if any(RANK[crit.signs[s].level] >= RANK["urgent"] for s in current.signs) or (
        set(current.rules) - {"category_floor"}
    ):
        return None  # urgent or emergency found: decide at once
    for cid in state.get("categories", []):
        for qid in (crit.categories.get(cid, {}).get("questions") or [])[:crit.max_questions]:
            q = crit.questions[qid]
            if _is_answered(state, qid, crit) or not _applies(state, q, cid, crit):
                continue
            trial = dict(state, signs=list(state.get("signs", [])) + [q["sign"]])
            if RANK[_evaluate(trial, crit).level] > RANK[current.level]:
                return qid, cid
    return None


def next_question(state: dict, criteria=None) -> Optional[Question]:
    crit = _crit(criteria)
    if not isinstance(state, dict) or state.get("stopped"):
        return None
    pending = _pending(state, crit)
    if pending is None:
        return None
    qid, cid = pending
    q = crit.questions[qid]
    prefix = crit.reask_prefix if state.get("retries", {}).get(qid) else ""
    return Question(qid, prefix + q["text"], [dict(b) for b in q["buttons"]], cid)


_PAYLOADS = {"affirm": "yes", "deny": "no", "dont_know": "unknown", "stop": "stop"}


def _reply_kind(text: str, crit: Criteria) -> Optional[str]:
    m = re.match(r"\s*/(\w+)", str(text or ""))
    if m and m.group(1) in _PAYLOADS:
        return _PAYLOADS[m.group(1)]
    norm = normalize(text)
    for kind, key in (("stop", "stop"), ("unknown", "dont_know"), ("no", "no"), ("yes", "yes")):
        if any(rx.search(norm) for rx in crit.answer_rx.get(key, [])):
            return kind
    return None


def is_answer(text: str, criteria=None) -> bool:
    """Reads as a reply to a yes/no question: yes, no, "je ne sais pas" or stop."""
    return _reply_kind(text, _crit(criteria)) is not None


def answer(state: dict, text: str, criteria=None) -> dict:
    """New state after a reply to the question next_question(state) asked."""
    crit = _crit(criteria)
    state = copy.deepcopy(state) if isinstance(state, dict) else start("", crit)
    pending = None if state.get("stopped") else _pending(state, crit)
    q = crit.questions[pending[0]] if pending else None
    raw = _analyse(text, crit, tuple(q["answered_by"]) if q else ())
    for key, values in (("signs", raw.signs), ("categories", raw.categories)):
        state[key] = list(dict.fromkeys(list(state.get(key, [])) + values))
    state["negated"] = [s for s in dict.fromkeys(list(state.get("negated", [])) + raw.negated)
                        if s not in state["signs"]]
    numbers = state.setdefault("numbers", {})
    for key, values in raw.numbers.items():
        numbers[key] = list(numbers.get(key, [])) + values
    kind = _reply_kind(text, crit)
    if kind == "stop":
        state["stopped"] = True
    if q is None or kind == "stop":
        return state
    qid, answers = pending[0], state.setdefault("answers", {})
    positive, negative = ("no", "yes") if q.get("on_no") else ("yes", "no")
    if q.get("kind") == "count":
        count = None if kind == "unknown" else _parse_count(text)
        if count is not None:
            answers[qid] = count
            numbers[q["number"]] = list(numbers.get(q["number"], [])) + [count]
            if count >= q["threshold"]:
                state["signs"].append(q["sign"])
            return state
    elif q.get("number") == "temperature" and raw.numbers.get("temperature"):
        answers[qid] = positive if q["sign"] in raw.signs else negative
        return state
    elif set(q["answered_by"]) & set(raw.signs):
        answers[qid] = positive
    elif set(q["answered_by"]) & set(raw.negated):
        answers[qid] = negative
    elif kind in ("yes", "no", "unknown"):
        answers[qid] = kind
    if qid not in answers and kind == "unknown":
        answers[qid] = "unknown"
    if qid in answers:
        if answers[qid] == positive and q["sign"] not in state["signs"]:
            state["signs"].append(q["sign"])
        return state
    retries = state.setdefault("retries", {})
    retries[qid] = retries.get(qid, 0) + 1
    if retries[qid] >= 2:  # not understood twice: counts as "je ne sais pas"
        answers[qid] = "unknown"
    return state


def decide(state: dict, criteria=None) -> Decision:
    crit = _crit(criteria)
    if not isinstance(state, dict):
        state = start("", crit)
    ev = _evaluate(state, crit)
    level, rules = ev.level, list(ev.rules)
    if _pending(state, crit) is not None and RANK[level] < RANK["urgent"]:
        level = "urgent"
        rules.append("unanswered_questions")
    categories = [c for c in state.get("categories", []) if c in crit.categories]
    # highest level first; among equals, the category the patient mentioned first
    first = {c: i for i, c in enumerate(categories)}
    signs = sorted(ev.signs, key=lambda s: (-RANK[crit.signs[s].level], first.get(crit.signs[s].category, 99)))
    top = [s for s in signs if crit.signs[s].level == level]
    category = crit.signs[top[0]].category if top else (
        crit.signs[signs[0]].category if signs else (categories[0] if categories else None))
    matched = signs + list(dict.fromkeys(rules))
    labels = [crit.signs[s].label for s in signs] + [
        crit.rules.get(r, {}).get("label", r) for r in dict.fromkeys(rules)]
    return Decision(level, category, matched, list(dict.fromkeys(labels)))


def level_message(level, criteria=None) -> str:
    crit = _crit(criteria)
    return crit.levels.get(level if level in crit.levels else "urgent")["message"]


def advice_text(category, criteria=None) -> str:
    crit = _crit(criteria)
    return crit.categories.get(category or "", {}).get("advice") or crit.default_advice
