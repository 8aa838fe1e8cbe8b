"""Triage criteria (knowledge/triage.yml) and the lexicon beside them (knowledge/lexicon/),
loaded, validated and compiled. No Rasa import.

The criteria are clinical (levels, signs, combinations, rules, questions, messages); the
lexicon is language (how patients say each sign, how negation, questions and replies are
worded). A bad edit raises CriteriaError naming the file and the entry.
"""

from __future__ import annotations

import copy
import os
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Dict, FrozenSet, List, Optional, Tuple

import yaml

from immuno import content
from immuno.normalize import vocabulary
from immuno.regex_prefilter import LiteralIndex, required_literals, veto_literals
from immuno.paths import ROOT as _REPO

RANK = {None: 0, "advice": 1, "urgent": 2, "emergency": 3}
LEVELS = ("emergency", "urgent", "advice")
DEFAULT_PATH = _REPO / "knowledge" / "triage.yml"
READING_FILE = "reading.yml"
SIGNS_DIR = "signs"  # one file per category of the criteria


@dataclass(frozen=True)
class Sign:
    id: str
    category: str
    level: str
    label: str
    call_today: bool = False


def _rx(pattern: str) -> "re.Pattern":
    return re.compile(pattern)


# Marks a lexicon entry of words that may mean a sign or only a milder one ("malaise").
UNCERTAIN_MARK = "?"
# Marks a lexicon entry of words that say a sign is absent ("je fais tout normalement":
# no tiredness that stops daily activity).
DENIED_MARK = "!"
# The lexicon entry of set phrases that use a sign's words without speaking of health
# ("avaler des couleuvres", "une peur bleue"): a sign word inside one is not read.
FIGURE = "~figure"
_ANCHORED = re.compile(r"(?<!\[)\^|\$")


def _alternation(patterns: List["re.Pattern"]) -> Tuple[Optional["re.Pattern"], List["re.Pattern"]]:
    """One regex for a sign's unanchored patterns (a third of the cost of running them one by
    one: the text is scanned once per sign), and its anchored ones (^, $: read clause by
    clause) apart."""
    free = [rx.pattern for rx in patterns if not _ANCHORED.search(rx.pattern)]
    anchored = [rx for rx in patterns if _ANCHORED.search(rx.pattern)]
    return _join(free), anchored


def _join(patterns: List[str]) -> Optional["re.Pattern"]:
    return re.compile("|".join(f"(?:{p})" for p in patterns)) if patterns else None


class CueList:
    """Patterns read as one: where the first of them matches, whether any does. Each is
    skipped on a text that lacks the strings it cannot match without (`present`, from
    Criteria.present_in on the message): most cues are absent from most clauses, and one
    alternation of them all costs more than running them apart (it defeats the regex
    engine's search for a leading literal)."""

    def __init__(self, patterns: Optional[List[str]]):
        self.rules = [(rx, required_literals(rx.pattern)) for rx in map(_rx, patterns or [])]

    def first(self, text: str, present: FrozenSet[str]) -> Optional[int]:
        return min(
            (
                m.start()
                for rx, needs in self.rules
                if may_match(needs, present) and (m := rx.search(text))
            ),
            default=None,
        )

    def found(self, text: str, present: FrozenSet[str]) -> bool:
        return any(may_match(needs, present) and rx.search(text) for rx, needs in self.rules)

    def starts(self, text: str, present: FrozenSet[str]) -> List[int]:
        """Where each of them matches, every match."""
        return [
            m.start()
            for rx, needs in self.rules
            if may_match(needs, present)
            for m in rx.finditer(text)
        ]


def may_match(needs: Optional[FrozenSet[str]], present: FrozenSet[str]) -> bool:
    """False only when the text holds none of the strings a regex needs (`present`: the
    required strings the text holds, Criteria.present_in)."""
    return needs is None or not needs.isdisjoint(present)


def context_allows(crit: "Criteria", sid: str, text: str, present: FrozenSet[str]) -> bool:
    """The sign's context word is in the text, or its veto is not (no context: allowed)."""
    ctx = crit.context.get(sid)
    if ctx is None:
        return True
    veto = crit.veto_needs[sid]
    if veto is not None:
        return not may_match(veto, present) or bool(ctx.search(text))
    return may_match(crit.context_needs[sid], present) and bool(ctx.search(text))


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
        # the lexicon's words and stems: real words for typo tolerance, glued pronouns
        self.vocabulary = vocabulary(lexicon)
        words = lexicon.get("signs") or {}
        self.signs: Dict[str, Sign] = {}
        self.patterns: Dict[str, List[re.Pattern]] = {}
        self.phrases: Dict[str, List[str]] = {}
        self.context: Dict[str, Optional[re.Pattern]] = {}
        # sign -> the milder sign its uncertain words mean at least (None: nothing certain)
        self.at_least: Dict[str, Optional[str]] = {}
        for row in data["signs"]:
            level = row["level"]
            call_today = bool(
                row.get("call_today", level == "advice" and row["category"] != "common")
            )
            self.signs[row["id"]] = Sign(
                row["id"], row["category"], level, row["label"], call_today
            )
            entry = words.get(row["id"]) or {}
            self.patterns[row["id"]] = [_rx(p) for p in entry.get("patterns") or []]
            self.phrases[row["id"]] = list(entry.get("phrases") or [])
            self.context[row["id"]] = _rx(entry["context"]) if entry.get("context") else None
            # words that leave it uncertain, or deny it: each read as its own entry, the
            # mark after the sign id
            for part, mark in (("uncertain", UNCERTAIN_MARK), ("denied", DENIED_MARK)):
                words_of = entry.get(part)
                if words_of:
                    key = row["id"] + mark
                    self.patterns[key] = [_rx(p) for p in words_of.get("patterns") or []]
                    self.phrases[key] = list(words_of.get("phrases") or [])
                    # "pas de douleur" denies the belly pain only in a message about stools
                    context = words_of.get("context")
                    self.context[key] = _rx(context) if context else None
            if entry.get("uncertain"):
                self.at_least[row["id"]] = entry["uncertain"].get("at_least")
        figures = lexicon.get("figures_of_speech") or {}
        self.patterns[FIGURE] = [_rx(p) for p in figures.get("patterns") or []]
        self.phrases[FIGURE] = list(figures.get("phrases") or [])
        self.context[FIGURE] = None
        self.sign_regexes = {sid: _alternation(patterns) for sid, patterns in self.patterns.items()}
        self._alternations: Dict[Tuple[str, Tuple[int, ...]], Optional["re.Pattern"]] = {}
        # per sign, each unanchored pattern with the strings one of which a message must
        # contain for it to match (None: always run)
        self.pattern_needs = {
            sid: [
                (rx, required_literals(rx.pattern))
                for rx in patterns
                if not _ANCHORED.search(rx.pattern)
            ]
            for sid, patterns in self.patterns.items()
        }
        self._index_of: Optional[dict] = None
        # a sign's context, read only when the message may change its answer: a context word
        # with the strings it cannot match without; a veto `^(?!X)` (the sign unless X) with
        # the strings X needs
        self.context_needs = {
            sid: required_literals(ctx.pattern) for sid, ctx in self.context.items() if ctx
        }
        self.veto_needs = {
            sid: veto_literals(ctx.pattern) for sid, ctx in self.context.items() if ctx
        }
        self.combinations = data.get("combinations") or []
        for combo in self.combinations:
            self.signs[combo["id"]] = Sign(
                combo["id"], combo["category"], combo["level"], combo["label"]
            )
        cat_words = lexicon.get("categories") or {}
        self.cues = {
            cid: CueList((cat_words.get(cid) or {}).get("cues")) for cid in self.categories
        }
        self.questions: Dict[str, dict] = data["questions"]
        for qid, q in self.questions.items():
            q.setdefault("answered_by", [q["sign"]])
            q.setdefault("buttons", data["default_buttons"])
        # sign -> the question asked first when a word may mean it (Principles: an ambiguous
        # word is asked about, not guessed)
        self.clarifying: Dict[str, str] = {
            sid: qid for qid, q in self.questions.items() for sid in q.get("clarifies") or []
        }
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
        self.hyp_cues = CueList(hyp["cues"])
        self.report_cues = CueList(hyp["report_cues"])
        self.referring_report_cues = CueList(hyp.get("referring_report_cues"))
        self.complaint_cues = [_rx(p) for p in lexicon.get("unlisted_complaint_cues") or []]
        self.announcement_cues = [_rx(p) for p in lexicon.get("announcement_cues") or []]
        self.question_cues = [_rx(p) for p in lexicon.get("question_cues") or []]
        self.answer_rx = {k: [_rx(p) for p in v] for k, v in lexicon["answers"].items()}
        self.experiencer_cues = {
            kind: CueList(patterns) for kind, patterns in (lexicon.get("experiencer") or {}).items()
        }
        self.resolved_cues = CueList(lexicon.get("resolved"))
        self.normal_state = CueList(lexicon.get("normal_state"))
        self.all_well = CueList(lexicon.get("all_well"))
        treated = lexicon.get("writer_treated") or {}
        self.writer_treated = [_rx(p) for p in treated.get("cues") or []]
        self.seen_by_other = [_rx(p) for p in treated.get("unless") or []]
        self.other_not_treated = [_rx(p) for p in treated.get("other_not_treated") or []]
        self.other_treated = [_rx(p) for p in treated.get("other_treated") or []]
        asked = lexicon.get("reported_question") or {}
        self.reported_question = [_rx(p) for p in asked.get("cues") or []]
        self.answered_no = _rx(asked["answered_no"]) if asked.get("answered_no") else None
        self.answer_taken_back = _rx(asked["unless"]) if asked.get("unless") else None
        long_ago = lexicon.get("long_ago") or {}
        self.long_ago = [_rx(p) for p in long_ago.get("cues") or []]
        self.long_ago_unless = [_rx(p) for p in long_ago.get("unless") or []]
        self.long_ago_again = [_rx(p) for p in long_ago.get("again") or []]
        self.past_tense = [_rx(p) for p in long_ago.get("past_tense") or []]
        self.subject = _rx(long_ago["subject_cue"]) if long_ago.get("subject_cue") else None
        self.almost = _rx(lexicon["almost"]) if lexicon.get("almost") else None
        self.masked_by = _rx(lexicon["masked_by"]) if lexicon.get("masked_by") else None
        self.location_before = (
            _rx(lexicon["location_before"]) if lexicon.get("location_before") else None
        )
        self.modifier_cues = {
            name: {value: CueList(patterns) for value, patterns in values.items()}
            for name, values in (lexicon.get("modifiers") or {}).items()
        }
        self._validate(words, cat_words)

    def present_in(self, text: str) -> FrozenSet[str]:
        """The required strings (regex_prefilter) of every pattern and cue that `text` holds:
        a regex whose strings are all absent is not run."""
        return self._needs_index()[2].present(text)

    def required_strings(self) -> FrozenSet[str]:
        """Every string of the index: as if a text held them all (each regex runs)."""
        return self._needs_index()[2].literals

    def live_patterns(self, present: FrozenSet[str]) -> Dict[str, Tuple[int, ...]]:
        """Per sign, the indexes (into pattern_needs) of the patterns that may match a text
        holding the required strings `present`."""
        always, owners, _ = self._needs_index()
        live = {sid: set(indexes) for sid, indexes in always.items()}
        for word in present:
            for sid, i in owners.get(word, ()):
                live[sid].add(i)
        return {sid: tuple(sorted(indexes)) for sid, indexes in live.items()}

    def _needs_index(self):
        """(sign -> patterns that always run, required string -> the patterns that need it,
        the index of every required string), built from pattern_needs and the cues, and
        rebuilt if pattern_needs is replaced."""
        if self._index_of is not self.pattern_needs:
            always: Dict[str, List[int]] = {}
            owners: Dict[str, List[Tuple[str, int]]] = {}
            for sid, patterns in self.pattern_needs.items():
                always[sid] = []
                for i, (_, needs) in enumerate(patterns):
                    if needs is None:
                        always[sid].append(i)
                    for word in needs or ():
                        owners.setdefault(word, []).append((sid, i))
            others = [
                *self.context_needs.values(),
                *self.veto_needs.values(),
                *(needs for cues in self._cue_lists() for _, needs in cues.rules),
            ]
            literals = set(owners).union(*(needs for needs in others if needs))
            self._index = (always, owners, LiteralIndex(literals))
            self._index_of = self.pattern_needs
        return self._index

    def _cue_lists(self) -> List[CueList]:
        return [
            self.hyp_cues,
            self.report_cues,
            self.referring_report_cues,
            self.resolved_cues,
            self.normal_state,
            self.all_well,
            *self.cues.values(),
            *self.experiencer_cues.values(),
            *(cues for values in self.modifier_cues.values() for cues in values.values()),
        ]

    def alternation_of(self, sid: str, live: Tuple[int, ...]) -> Optional["re.Pattern"]:
        """One regex for some of a sign's unanchored patterns (indexes into pattern_needs):
        the sign's own alternation when all of them, else compiled once per set and kept (a
        few hundred sets at most in practice)."""
        if len(live) == len(self.pattern_needs[sid]):
            return self.sign_regexes[sid][0]
        key = (sid, live)
        if key not in self._alternations:
            if len(self._alternations) > 4096:
                self._alternations.clear()
            self._alternations[key] = _join([self.pattern_needs[sid][i][0].pattern for i in live])
        return self._alternations[key]

    def _validate(self, words: dict, cat_words: dict) -> None:
        """Raises CriteriaError (never `assert`: the checks must hold under python -O)."""
        errors = []
        for sid, sign in self.signs.items():
            if sign.level not in LEVELS:
                errors.append(f"sign {sid}: level {sign.level!r} is not one of {LEVELS}")
            if sign.category not in self.categories:
                errors.append(f"sign {sid}: unknown category {sign.category!r}")
        for combo in self.combinations:
            errors += [
                f"combination {combo['id']}: unknown sign {sid!r}"
                for group in combo["all"]
                for sid in group
                if sid not in self.signs
            ]
        for qid, q in self.questions.items():
            errors += [
                f"question {qid}: unknown sign {sid!r}"
                for sid in [
                    q["sign"],
                    *q["answered_by"],
                    *q.get("ask_if", []),
                    *q.get("rule_out_for", []),
                ]
                if sid not in self.signs
            ]
        for cid, cat in self.categories.items():
            if len(cat.get("questions") or []) > self.max_questions:
                errors.append(f"category {cid}: more than {self.max_questions} questions")
            errors += [
                f"category {cid}: unknown question {qid!r}"
                for qid in cat.get("questions") or []
                if qid not in self.questions
            ]
        errors += [
            f"question {qid}: on_no is not allowed (word the question so that 'non' means absent)"
            for qid, q in self.questions.items()
            if q.get("on_no")
        ]
        for level in LEVELS:
            if not (self.levels.get(level) or {}).get("message"):
                errors.append(f"level {level}: no message")
        errors += [
            f"lexicon: {sid!r} is not a sign of the criteria"
            for sid in words
            if sid not in self.signs
        ]
        for sid, least in self.at_least.items():
            if sid not in self.clarifying:
                errors.append(
                    f"lexicon: {sid!r} has uncertain words but no question `clarifies` it"
                )
            if least is not None and least not in self.signs:
                errors.append(f"lexicon: {sid!r}: at_least {least!r} is not a sign of the criteria")
        errors += [
            f"question {qid}: clarifies unknown sign {sid!r}"
            for qid, q in self.questions.items()
            for sid in q.get("clarifies") or []
            if sid not in self.signs
        ]
        errors += [
            f"lexicon: {cid!r} is not a category of the criteria"
            for cid in cat_words
            if cid not in self.categories
        ]
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


def lexicon_files(path: str) -> List[Path]:
    folder = _lexicon_dir(path)
    return [folder / READING_FILE] + sorted((folder / SIGNS_DIR).glob("*.yml"))


def _merge_lexicon(files: List[Path]) -> dict:
    return _merge([(file, _read_yaml(file)) for file in files])


def _merge(files: List[Tuple[Path, dict]]) -> dict:
    lexicon: dict = {"signs": {}, "categories": {}}
    for file, data in files:
        for key in ("signs", "categories"):
            for ident, entry in (data.pop(key, None) or {}).items():
                if ident in lexicon[key]:
                    raise CriteriaError(
                        f"{file}: {ident!r} is already described in another lexicon file"
                    )
                lexicon[key][ident] = entry or {}
        lexicon.update(data)
    return lexicon


@lru_cache(maxsize=8)
def _load(path: str, stamp: Tuple[Tuple[str, float], ...]) -> Criteria:
    return Criteria(_read_yaml(path), _merge_lexicon([Path(p) for p, _ in stamp[1:]]), path)


def _from_content(snapshot) -> Criteria:
    document = snapshot.documents["triage.yml"]
    lexicon = [f"lexicon/{READING_FILE}"] + sorted(
        kind for kind in snapshot.documents if kind.startswith(f"lexicon/{SIGNS_DIR}/")
    )
    files = [
        (snapshot.documents[kind].path, copy.deepcopy(snapshot.data(kind))) for kind in lexicon
    ]
    return Criteria(copy.deepcopy(document.data), _merge(files), str(document.path))


# The content in use (immuno.content): both servers rebuild it when an edit is valid, and keep
# the last good criteria when it is not.
_in_use = content.Derived("triage criteria", _from_content)


def load_criteria(path: Optional[str] = None) -> Criteria:
    """The criteria of the content in use (knowledge/ or KNOWLEDGE_DIR), rebuilt once per
    content version; or those of `path` (env TRIAGE_CRITERIA), with the lexicon beside it in
    lexicon/ (env TRIAGE_LEXICON), cached while the files are unchanged."""
    if not (path or os.environ.get("TRIAGE_CRITERIA") or os.environ.get("TRIAGE_LEXICON")):
        return _in_use.get()
    path = str(path or os.environ.get("TRIAGE_CRITERIA") or DEFAULT_PATH)
    files = [Path(path)] + lexicon_files(path)
    return _load(path, tuple((str(f), os.path.getmtime(f)) for f in files))


def as_criteria(criteria=None) -> Criteria:
    """criteria itself, or the criteria loaded from a path (None: the default files)."""
    if isinstance(criteria, Criteria):
        return criteria
    return load_criteria(criteria)
