"""Symptom triage engine: decides on the findings of immuno.understanding with the
criteria of knowledge/triage.yml. No Rasa import.

assess(text)          -> the findings of one message, as signs / categories / negations
start(text)           -> JSON-able state from the first message of a symptom report
next_question(state)  -> the next follow-up question, or None when it is time to decide
answer(state, text)   -> new state after the patient's reply (or any later message)
is_side_question(state, text) -> a question asked between two answers (answered, then resumed)
decide(state)         -> Decision (level is always emergency, urgent or advice)

Safety first: a missed emergency is the worst defect, so every doubt escalates.
"""

from __future__ import annotations

import copy
from dataclasses import asdict, dataclass, field
from typing import Dict, List, Optional, Tuple

from immuno.criteria import (  # noqa: F401 (re-exported: the engine's public names)
    DEFAULT_PATH,
    LEVELS,
    RANK,
    Criteria,
    CriteriaError,
    Sign,
    as_criteria,
    load_criteria,
)
from immuno.understanding import (
    ANIMAL,
    NOT_TREATED,
    OTHER,
    WRITER,
    Understanding,
    is_announcement as _is_announcement,
    is_complaint,
    is_question as _is_question,
    parse_count,
    reply_kind,
    understand,
)

_crit = as_criteria


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
    resolved: List[str] = field(default_factory=list)
    experiencer: str = WRITER
    findings: List[dict] = field(default_factory=list)
    # signs an ambiguous word may mean ("malaise": fainting), asked about before deciding
    uncertain: List[str] = field(default_factory=list)

    @property
    def level(self) -> Optional[str]:
        return max((s.level for s in self.signs), key=RANK.get, default=None)

    @property
    def out_of_scope(self) -> bool:
        """An animal's symptoms ("mon chien vomit"), or, short of an emergency, those of
        someone who is not the patient."""
        return self.experiencer == ANIMAL or (self.experiencer == NOT_TREATED and not self.signs)

    @property
    def is_report(self) -> bool:
        return (
            not self.hypothetical
            and not self.out_of_scope
            and bool(
                self.signs
                or self.categories
                or self.unlisted_complaint
                or self.resolved
                or self.uncertain
            )
        )

    @property
    def is_emergency(self) -> bool:
        return self.is_report and any(s.level == "emergency" for s in self.signs)


def _with_combinations(ids: List[str], crit: Criteria) -> List[str]:
    present = set(ids)
    extra = [
        c["id"]
        for c in crit.combinations
        if c["id"] not in present and all(present & set(group) for group in c["all"])
    ]
    return list(ids) + extra


def _understood(text, crit: Criteria) -> Understanding:
    """The Understanding of a message, or the one the caller already computed for it."""
    return text if isinstance(text, Understanding) else understand(text, crit)


def assess(text, criteria=None) -> Assessment:
    """The findings of a message (text, or its Understanding) as signs and categories."""
    crit = _crit(criteria)
    u = _understood(text, crit)
    return _assessment(u, crit)


def _assessment(u: Understanding, crit: Criteria) -> Assessment:
    present = u.present + _stated_by_modifiers(u.present, u.uncertain, u.modifiers, crit)
    signs = (
        []
        if u.hypothetical or u.experiencer == ANIMAL
        else [crit.signs[s] for s in _with_combinations(list(dict.fromkeys(present)), crit)]
    )
    if u.experiencer == NOT_TREATED:  # only an emergency is acted on for that person
        signs = [s for s in signs if s.level == "emergency"]
    out_of_scope = u.experiencer == ANIMAL or (u.experiencer == NOT_TREATED and not signs)
    categories = (
        [] if out_of_scope else list(dict.fromkeys(u.categories + [s.category for s in signs]))
    )
    return Assessment(
        u.text,
        signs,
        categories,
        u.negated,
        u.hypothetical,
        u.numbers,
        not out_of_scope and is_complaint(u, crit),
        u.reported,
        u.explained,
        resolved=u.resolved,
        experiencer=u.experiencer,
        findings=u.summaries(),
        uncertain=[] if out_of_scope else u.uncertain,
    )


def not_about_the_patient(text, criteria=None) -> bool:
    """ "Mon chien vomit", or "mon petit-fils a la gastro, je peux le garder pendant mon
    traitement ?": out of scope, not triaged (an emergency of a person still is)."""
    crit = _crit(criteria)
    u = _understood(text, crit)
    return speaks_of_someone_out_of_scope(u, _assessment(u, crit))


def speaks_of_someone_out_of_scope(u: Understanding, assessment: Assessment) -> bool:
    """Symptoms or organs named, all of them an animal's or, short of an emergency, of
    someone who is not the patient (the safety net reads it from what it already has)."""
    return bool(u.findings or u.categories) and assessment.out_of_scope


def is_question(text: str, criteria=None) -> bool:
    """A question (mark or interrogative words) rather than a statement."""
    return _is_question(text, criteria)


def is_announcement(text, criteria=None) -> bool:
    """ "J'ai un symptôme": a symptom is announced but not described yet (text, or the
    Understanding already computed for it)."""
    crit = _crit(criteria)
    u = _understood(text, crit)
    return _is_announcement(u, crit)


# ---------------------------------------------------------------- triage form
def start(text: str, criteria=None) -> dict:
    """State of a symptom report. Signs count even if the wording looked hypothetical:
    the caller only starts a triage when NLU says the patient reports a symptom."""
    crit = _crit(criteria)
    u = understand(text, crit)
    state = {
        "version": 2,
        "signs": [],
        "negated": [],
        "resolved": [],
        "categories": [],
        "numbers": {},
        "findings": [],
        "answers": {},
        "retries": {},
        "hypothetical": u.hypothetical,
        "experiencer": u.experiencer,
        "stopped": False,
    }
    _add(state, u, crit)
    return state


def add_message(state: dict, text: str, criteria=None) -> dict:
    """A later message of the same conversation (after a level was given): its findings are
    added to what is known, so that the level can be decided again (and rise)."""
    crit = _crit(criteria)
    state = copy.deepcopy(state) if isinstance(state, dict) else start("", crit)
    state["stopped"] = False
    _add(state, understand(text, crit), crit)
    return state


def _add(state: dict, u: Understanding, crit: Criteria) -> None:
    """Folds the findings of one more message into the state (in place)."""
    if _assessment(u, crit).out_of_scope:
        return
    signs = u.present + u.supposed
    state["signs"] = list(dict.fromkeys(list(state.get("signs", [])) + signs))
    state["categories"] = list(dict.fromkeys(list(state.get("categories", [])) + u.categories))
    state["negated"] = [
        s
        for s in dict.fromkeys(list(state.get("negated", [])) + u.negated)
        if s not in state["signs"]
    ]
    state["resolved"] = [
        s
        for s in dict.fromkeys(list(state.get("resolved", [])) + u.resolved)
        if s not in state["signs"]
    ]
    state["uncertain"] = [
        s
        for s in dict.fromkeys(list(state.get("uncertain", [])) + u.uncertain)
        if s not in state["signs"] and s not in state["negated"]
    ]
    numbers = state.setdefault("numbers", {})
    for key, values in u.numbers.items():
        numbers[key] = list(numbers.get(key, [])) + values
    state["findings"] = list(state.get("findings", [])) + u.summaries()
    state["modifiers"] = {**u.modifiers, **state.get("modifiers", {})}
    state["denied_categories"] = list(
        dict.fromkeys(list(state.get("denied_categories", [])) + u.denied_categories)
    )
    stated = _stated_by_modifiers(state["signs"], state["uncertain"], state["modifiers"], crit)
    state["signs"] = list(dict.fromkeys(state["signs"] + stated))
    if u.experiencer != WRITER and state.get("experiencer", WRITER) == WRITER:
        state["experiencer"] = u.experiencer


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
    if (
        sum(crit.signs[s].call_today for s in ids) + len(unknown)
        >= crit.rules["two_call_today"]["count"]
    ):
        rules.append("two_call_today")
    fever = crit.rules["symptom_with_fever"]["sign"]
    if fever in ids and any(crit.signs[s].category != crit.signs[fever].category for s in ids):
        rules.append("symptom_with_fever")
    if any(
        crit.signs[crit.questions[q]["sign"]].level == "emergency"
        for q in unknown
        if q in crit.questions
    ):
        rules.append("unknown_red_flag")
    resolved = [s for s in state.get("resolved", []) if s in crit.signs]
    # an organ named only by a symptom that is over is not a new complaint
    over = {crit.signs[s].category for s in resolved} - {crit.signs[s].category for s in ids}
    categories = [c for c in state.get("categories", []) if c in crit.categories and c not in over]
    if not ids and not categories and resolved:
        # over now: advice, tell the team at the next contact (not an escalation)
        return _Eval("advice", [], ["resolved_symptom"])
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
    positive, negative = "yes", "no"
    by_modifier = _by_modifier(q, state.get("modifiers") or {})
    if by_modifier:
        return by_modifier
    if signs & set(q["answered_by"]):
        return positive
    if (negated | set(state.get("resolved", []))) & set(q["answered_by"]):
        # "pas mal au ventre" settles the pain, not the stools at night: the rest is asked
        return None if _remainder(state, q) else negative
    category = crit.signs[q["sign"]].category
    if category in state.get("denied_categories", []) and not any(
        crit.signs[s].category == category for s in signs if s in crit.signs
    ):
        return negative  # "pas de température" answers the fever question
    return None


def _remainder(state: dict, q: dict) -> Optional[dict]:
    """The part of a question in several parts ("mal au ventre, ou selles la nuit ?") that is
    still to ask when the conversation already said another part is absent, or None. Without
    it, denying one part would answer the whole question "no" and leave a sign unasked
    ("pas de douleur dans la poitrine" would rule out the faintness of a racing heart)."""
    absent = set(state.get("negated", [])) | set(state.get("resolved", []))
    settled = absent | set(state.get("signs", []))
    for part in q.get("remainder") or []:
        open_signs = set(part["open"])
        if not open_signs & settled and absent & (set(q["answered_by"]) - open_signs):
            return part
    return None


def asked_signs(state: dict, criteria=None) -> set:
    """The signs the next question asks about: those of its remaining part, if it has one
    (what a question must not repeat from the message)."""
    crit = _crit(criteria)
    pending = _pending(state, crit) if isinstance(state, dict) else None
    if pending is None:
        return set()
    q = crit.questions[pending[0]]
    part = _remainder(state, q)
    return set(part["open"]) if part else {q["sign"], *q["answered_by"]}


def _stated_by_modifiers(signs, uncertain, modifiers: Dict[str, str], crit: Criteria) -> List[str]:
    """The signs of the questions a modifier of the message answers "yes" ("boutons sur tout
    le buste": a large rash). A clarifying question only while its ambiguous sign is uncertain
    ("ventre dur" with "douleur atroce": the strong pain that makes a hard belly an
    emergency), another one when a sign of its `ask_if` is present (or always without)."""
    signs, uncertain = set(signs), set(uncertain)
    return [
        q["sign"]
        for q in crit.questions.values()
        if _by_modifier(q, modifiers) == "yes"
        and (
            bool(set(q["clarifies"]) & uncertain)
            if q.get("clarifies")
            else not q.get("ask_if") or bool(set(q["ask_if"]) & signs)
        )
    ]


def _by_modifier(q: dict, modifiers: Dict[str, str]) -> Optional[str]:
    """ "yes" or "no" when a modifier the message states answers the question ("sur tout
    le buste" answers whether a rash covers a large area)."""
    rule = q.get("by_modifier")
    if not rule or rule["modifier"] not in modifiers:
        return None
    value = modifiers[rule["modifier"]]
    return "yes" if value in rule.get("yes", []) else "no" if value in rule.get("no", []) else None


def _is_answered(state: dict, qid: str, crit: Criteria) -> bool:
    return (
        qid in state.get("answers", {})
        or _implicit_answer(state, crit.questions[qid], crit) is not None
    )


def _applies(state: dict, q: dict, cid: str, crit: Criteria) -> bool:
    if not q.get("ask_if"):
        return True
    signs = set(state.get("signs", []))
    cue_only = not any(crit.signs[s].category == cid for s in signs if s in crit.signs)
    return cue_only or bool(signs & set(q["ask_if"]))


def _asked_sign(state: dict, q: dict) -> str:
    """The sign a "yes" to the question adds: its own, or its remaining part's."""
    part = _remainder(state, q)
    return part["open"][0] if part else q["sign"]


def _pending(state: dict, crit: Criteria) -> Optional[Tuple[str, str]]:
    """(question id, category) of the next useful question, ignoring `stopped`.

    Below urgent: a question whose "yes" would raise the level. At urgent: only the
    category's rule-out question, when its "yes" would make it an emergency (the reference:
    rule out the worst before settling lower). An emergency is decided at once. First of
    all, the question that settles an ambiguous word ("malaise": fainted?)."""
    current = _evaluate(state, crit)
    if current.level == "emergency":
        return None
    urgent = current.level == "urgent" and (
        any(RANK[crit.signs[s].level] >= RANK["urgent"] for s in current.signs)
        or bool(set(current.rules) - {"category_floor"})
    )
    asked = len(state.get("answers", {}))
    if asked >= crit.max_questions:
        return None
    present = set(state.get("signs", []))
    for sid in state.get("uncertain", []):  # an ambiguous word is asked about first
        qid = crit.clarifying.get(sid)
        if qid and sid not in present and not _is_answered(state, qid, crit):
            return qid, crit.signs[sid].category
    for cid in state.get("categories", []):
        for qid in crit.categories.get(cid, {}).get("questions") or []:
            q = crit.questions[qid]
            if _is_answered(state, qid, crit):
                continue
            if urgent and not present & set(q.get("rule_out_for") or []):
                continue
            if not urgent and not _applies(state, q, cid, crit):
                continue
            trial = dict(state, signs=list(state.get("signs", [])) + [_asked_sign(state, q)])
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
    buttons = [dict(b) for b in q["buttons"]]
    if state.get("aside"):  # back from a question the patient asked: they may also leave
        prefix = message("resume", crit) + " "
        buttons.append({"title": message("stop_button", crit), "payload": "/stop"})
    other = state.get("experiencer") == OTHER
    worded = _remainder(state, q) or q
    text = worded.get("text_other") if other and worded.get("text_other") else worded["text"]
    # what to do at once if the serious reading of an ambiguous word is the right one
    safety = q.get("safety_other") if other and q.get("safety_other") else q.get("safety")
    return Question(qid, (f"{safety}\n" if safety else "") + prefix + text, buttons, cid)


def is_side_question(state: dict, text: str, criteria=None) -> bool:
    """A question the patient asks in the middle of the follow-up questions ("c'est grave ?",
    "le Keytruda peut donner ça ?"), that answers nothing and reports nothing: it is answered, then
    the pending question asked again."""
    crit = _crit(criteria)
    if reply_kind(text, crit) is not None or not _is_question(text, crit):
        return False
    u = understand(text, crit, _in_context(state, crit))
    return not (u.findings or u.numbers or u.modifiers)


def _in_context(state, crit: Criteria) -> Tuple[str, ...]:
    """Every sign of the organs the conversation is about, read without its context word:
    "du sang ?" in a diarrhoea triage may be a report, so it is not a side question."""
    categories = set(state.get("categories", [])) if isinstance(state, dict) else set()
    return tuple(sid for sid, sign in crit.signs.items() if sign.category in categories)


def _said_in_context(state, crit: Criteria) -> Tuple[str, ...]:
    """The signs a reply may name without its context word: those of the organs the
    conversation is about ("ça me réveille la nuit" in a diarrhoea triage: stools at night),
    except the emergencies, whose context word keeps a false alarm out ("du sang" there is
    blood in the stools, not vomited blood)."""
    return tuple(sid for sid in _in_context(state, crit) if crit.signs[sid].level != "emergency")


def set_aside(state: dict) -> dict:
    """The state after a side question: the next question says it resumes the triage."""
    return dict(state, aside=True)


def is_answer(text: str, criteria=None) -> bool:
    """Reads as a reply to a yes/no question: yes, no, "je ne sais pas" or stop."""
    return reply_kind(text, criteria) is not None


def answer(state: dict, text: str, criteria=None) -> dict:
    """New state after a reply to the question next_question(state) asked."""
    crit = _crit(criteria)
    state = copy.deepcopy(state) if isinstance(state, dict) else start("", crit)
    state.pop("aside", None)
    pending = None if state.get("stopped") else _pending(state, crit)
    q = crit.questions[pending[0]] if pending else None
    yes_sign = _asked_sign(state, q) if q else None
    u = understand(
        text, crit, (tuple(q["answered_by"]) if q else ()) + _said_in_context(state, crit)
    )
    _add(state, u, crit)
    numbers = state.setdefault("numbers", {})
    raw_signs = u.present + u.supposed
    kind = reply_kind(text, crit)
    if kind == "stop":
        state["stopped"] = True
    if q is None or kind == "stop":
        return state
    qid, answers = pending[0], state.setdefault("answers", {})
    positive, negative = "yes", "no"
    if q.get("kind") == "count":
        count = None if kind == "unknown" else parse_count(text)
        if count is not None:
            answers[qid] = count
            numbers[q["number"]] = list(numbers.get(q["number"], [])) + [count]
            if count >= q["threshold"]:
                state["signs"].append(q["sign"])
            return state
    elif q.get("number") == "temperature" and u.numbers.get("temperature"):
        answers[qid] = positive if q["sign"] in raw_signs else negative
        return state
    elif stated := _by_modifier(q, u.modifiers):
        answers[qid] = stated
    elif set(q["answered_by"]) & set(raw_signs):
        # the reply names what it has ("je gonfle de partout" to "gonflé de partout, ou
        # urinez-vous beaucoup moins ?"): those signs count, not the question's sign
        answers[qid] = positive
        return state
    elif set(q["answered_by"]) & set(u.negated):
        answers[qid] = negative
    elif kind in ("yes", "no", "unknown"):
        answers[qid] = kind
    if qid not in answers and kind == "unknown":
        answers[qid] = "unknown"
    if qid in answers:
        if answers[qid] == positive and yes_sign not in state["signs"]:
            state["signs"].append(yes_sign)
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
    signs = sorted(
        ev.signs, key=lambda s: (-RANK[crit.signs[s].level], first.get(crit.signs[s].category, 99))
    )
    top = [s for s in signs if crit.signs[s].level == level]
    category = (
        crit.signs[top[0]].category
        if top
        else (crit.signs[signs[0]].category if signs else (categories[0] if categories else None))
    )
    matched = signs + list(dict.fromkeys(rules))
    labels = [crit.signs[s].label for s in signs] + [
        crit.rules.get(r, {}).get("label", r) for r in dict.fromkeys(rules)
    ]
    return Decision(level, category, matched, list(dict.fromkeys(labels)))


def message(key: str, criteria=None) -> str:
    """A sentence of the criteria's `messages` (knowledge/triage.yml)."""
    return (_crit(criteria).data.get("messages") or {})[key]


def level_message(level, criteria=None) -> str:
    crit = _crit(criteria)
    return crit.levels.get(level if level in crit.levels else "urgent")["message"]


def advice_text(category, criteria=None) -> str:
    crit = _crit(criteria)
    return crit.categories.get(category or "", {}).get("advice") or crit.default_advice
