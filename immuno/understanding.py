"""What a message says about symptoms: a list of findings. No Rasa import.

understand(text) -> Understanding: each sign of the criteria that the message mentions, with
its assertion (present, negated, hypothetical, resolved, uncertain: a word that may mean
the sign or a milder one), who has it (the writer, another
person, an animal), its modifiers (extent, intensity, onset, duration), the measured values
(temperature, stools a day, glucose, heart rate) and the span of normalised text it came from.
The triage engine (immuno.triage) decides on findings only.

The words come from knowledge/lexicon/ (signs/*.yml: how patients say each sign; reading.yml:
negation, hypothetical questions, report cues, experiencers, resolution, modifiers); the
criteria from knowledge/triage.yml, both through immuno.criteria.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import asdict, dataclass, field
from typing import Dict, FrozenSet, List, Optional, Tuple

from immuno.criteria import (
    DENIED_MARK,
    FIGURE,
    UNCERTAIN_MARK,
    Criteria,
    as_criteria,
    context_allows,
    may_match,
)
from immuno.normalize import normalize
from immuno import phrases

PRESENT, NEGATED, HYPOTHETICAL, RESOLVED = "present", "negated", "hypothetical", "resolved"
# A word that may mean the sign or only a milder one ("malaise": fainted, or felt faint)
UNCERTAIN = "uncertain"
WRITER, OTHER, ANIMAL = "writer", "other", "animal"
# Another person, in a message whose writer says they are the one treated ("mon petit-fils a
# une gastro, je peux le garder pendant mon traitement ?"): not the patient.
NOT_TREATED = "not_treated"
# Messages are cut to this length before reading (the channels refuse longer ones): the cost of
# reading grows linearly with length and stays bounded.
MAX_TEXT = 2000

_NUMBER_WORDS = {
    "un": 1,
    "une": 1,
    "deux": 2,
    "trois": 3,
    "quatre": 4,
    "cinq": 5,
    "six": 6,
    "sept": 7,
    "huit": 8,
    "neuf": 9,
    "dix": 10,
    "onze": 11,
    "douze": 12,
    "quinze": 15,
    "vingt": 20,
    "dizaine": 10,
    "quinzaine": 15,
    "vingtaine": 20,
}
_NUM = r"(\d+|" + "|".join(sorted(_NUMBER_WORDS, key=len, reverse=True)) + r")\b"


@dataclass(frozen=True)
class Finding:
    sign: str
    assertion: str = PRESENT
    experiencer: str = WRITER
    span: Tuple[int, int] = (0, 0)  # in Understanding.text
    modifiers: Tuple[Tuple[str, str], ...] = ()

    def summary(self) -> dict:
        """What the tracker and the audit may hold: ids and assertions, no text."""
        return {
            "sign": self.sign,
            "assertion": self.assertion,
            "experiencer": self.experiencer,
            "modifiers": dict(self.modifiers),
        }


@dataclass
class Understanding:
    text: str  # the normalised message, clauses joined by one space
    findings: List[Finding] = field(default_factory=list)
    categories: List[str] = field(default_factory=list)  # organs named, not denied
    numbers: Dict[str, List[float]] = field(default_factory=dict)
    hypothetical: bool = False
    # Worded as a present report ("j'ai", "depuis hier", "mon mari a"...).
    reported: bool = False
    # Every part of the message holds a sign, a negated sign or an organ word.
    explained: bool = False
    experiencer: str = WRITER
    # the message's modifiers, even those of a clause without a sign ("sur tout le buste")
    modifiers: Dict[str, str] = field(default_factory=dict)
    # organs named only to be denied ("pas de température")
    denied_categories: List[str] = field(default_factory=list)

    def with_assertion(self, assertion: str) -> List[str]:
        return list(dict.fromkeys(f.sign for f in self.findings if f.assertion == assertion))

    @property
    def present(self) -> List[str]:
        return self.with_assertion(PRESENT)

    @property
    def supposed(self) -> List[str]:
        """The signs of a message that is a question or a supposition as a whole, which a
        triage started on it counts; a supposition inside a report ("sur la fiche ils
        écrivent ..., par contre j'ai ...") is not counted."""
        return self.with_assertion(HYPOTHETICAL) if self.hypothetical else []

    @property
    def negated(self) -> List[str]:
        present = set(self.present)
        return [s for s in self.with_assertion(NEGATED) if s not in present]

    @property
    def resolved(self) -> List[str]:
        present = set(self.present)
        return [s for s in self.with_assertion(RESOLVED) if s not in present]

    @property
    def uncertain(self) -> List[str]:
        """Signs a word may mean, that nothing else in the message states or denies."""
        settled = set(self.present) | set(self.with_assertion(NEGATED))
        return [s for s in self.with_assertion(UNCERTAIN) if s not in settled]

    def summaries(self) -> List[dict]:
        return [f.summary() for f in self.findings]


# ---------------------------------------------------------------- clauses
_CLAUSE_SPLIT = re.compile(r"[!?;:\n\r\u2026()\[\]]+|(?<!\d)[.,]|[.,](?!\d)")


_SENTENCE_END = re.compile(r"[!?\n\r\u2026]|(?<!\d)\.|\.(?!\d)")


def clauses(text, criteria=None) -> List[str]:
    return [c for c, _, _ in _clauses_and_sentences(text, criteria)]


def _clauses_and_sentences(text, criteria=None) -> List[Tuple[str, int, bool]]:
    """Each clause with the number of its sentence (a full stop, "?", "!" or a line ends
    one; a comma or a colon does not) and whether a "?" ends it."""
    known = as_criteria(criteria).vocabulary
    raw = "" if text is None else str(text)[:MAX_TEXT]
    pieces, separators = _CLAUSE_SPLIT.split(raw), _CLAUSE_SPLIT.findall(raw)
    out, sentence = [], 0
    for k, piece in enumerate(pieces):
        clause = normalize(piece, known)
        after = separators[k] if k < len(separators) else ""
        if clause:
            out.append((clause, sentence, "?" in after))
        if _SENTENCE_END.search(after):
            sentence += 1
    return out


def _negated(crit: Criteria, clause: str, start: int, end: int, spans, look_after=True) -> bool:
    left = 0
    for b in crit.boundaries.finditer(clause, 0, start):
        if b.start() < start:
            left = max(left, b.start())
    for s_start, s_end in spans:  # a negation does not jump over another symptom word
        if s_end <= start:
            left = max(left, s_end)
    # Non-negating phrases are blanked over the whole rest of the clause, so that one that
    # runs through the sign ("plus frileuse que d'habitude") frees the "plus" before it.
    scope = clause[left:]
    for rx in crit.not_negation:
        scope = rx.sub(lambda m: " " * len(m.group()), scope)
    window = " ".join(scope[: start - left].split()[-crit.neg_window :])
    if crit.neg_before.search(window):
        return True
    if not look_after:
        return False
    after = clause[end:]
    b = crit.boundaries.search(after)
    return bool(crit.neg_after.search(after[: b.start()] if b else after))


def _bare_reply(crit: Criteria, clause: str) -> bool:
    """A clause that is only a yes, a no or "je ne sais pas" ("non, elle a juste eu la tête
    qui tourne"): it leaves nothing unexplained."""
    return any(rx.search(clause) for rx in crit.answer_rx.get("bare", []))


def _join_cuts(crit: Criteria, clause: str) -> List[int]:
    """Where the clause's parts between joining words ("et", "mais") start, and its end."""
    return [0] + [m.start() for m in crit.joins.finditer(clause)] + [len(clause)]


def _clause_starts(parts: List[str]) -> List[int]:
    """Where each clause starts in the message the clauses make, joined by a space."""
    starts, offset = [], 0
    for clause in parts:
        starts.append(offset)
        offset += len(clause) + 1
    return starts


def _covered(crit: Criteria, clause: str, spans) -> bool:
    """True when each part of the clause between two joining words holds a match."""
    cuts = _join_cuts(crit, clause)
    return all(
        any(start < hi and end > lo for start, end in spans)
        for lo, hi in zip(cuts, cuts[1:])
        if clause[lo:hi].strip()
    )


def _people(crit: Criteria, clause: str, present: FrozenSet[str]) -> List[Tuple[int, str]]:
    """(position, kind) of every person or animal named in the clause, in order."""
    cues = [
        (start, kind)
        for kind in (ANIMAL, OTHER, WRITER, "pronoun")
        if kind in crit.experiencer_cues
        for start in crit.experiencer_cues[kind].starts(clause, present)
    ]
    return sorted(cues)


def _experiencer_at(people: List[Tuple[int, str]], position: int, previous: str) -> str:
    """The person named last before `position`, else the one the text spoke of before.
    "Il" or "elle" go on speaking of the person or animal named before (another person at
    first)."""
    best = previous
    for start, kind in people:
        if start > position:
            break
        if kind != "pronoun":
            best = kind
        elif best not in (ANIMAL, OTHER):
            best = OTHER
    return best


def _modifiers(crit: Criteria, clause: str, present: FrozenSet[str]) -> Tuple[Tuple[str, str], ...]:
    found = []
    for name, values in crit.modifier_cues.items():
        for value, cues in values.items():
            if cues.found(clause, present):
                found.append((name, value))
                break
    return tuple(found)


def _clause_hits(
    crit: Criteria,
    parts: List[str],
    full: str,
    present: FrozenSet[str],
    ignore_context: Tuple[str, ...],
):
    """Per clause, (start, end, kind, id) of every sign (patterns and phrases) and organ word.

    A pattern runs only on a message that holds one of the strings it cannot match without
    (immuno/regex_prefilter.py); when all of a sign's patterns may match, its regex (its patterns in one alternation) runs once over the whole message
    (clauses joined by a space) and its matches are given to the clause they sit in; where a
    match runs across two clauses, the regex reads the first clause alone. Patterns anchored
    with ^ or $ run clause by clause."""
    starts = _clause_starts(parts)
    bounds = [(lo, lo + len(clause)) for lo, clause in zip(starts, parts)]
    per_clause: List[list] = [[] for _ in parts]

    reread: set = set()

    def place(start: int, end: int, kind: str, ident: str, rx=None) -> int:
        """Where the search goes on: after the match, or right after its start when a
        greedy match ran into the next clause (a later start may read ahead from here)."""
        i = bisect_right(starts, start) - 1
        lo, hi = bounds[i]
        hit = (start - lo, end - lo, kind, ident)
        if end <= hi:
            if hit not in per_clause[i]:
                per_clause[i].append(hit)
        elif rx is not None:  # a greedy match ran into the next clause: read this one alone
            if (i, ident) not in reread:
                reread.add((i, ident))
                per_clause[i] += [
                    h
                    for m in rx.finditer(parts[i])
                    if (h := (m.start(), m.end(), kind, ident)) not in per_clause[i]
                ]
            return start + 1
        return end

    allowed = {
        sid
        for sid in crit.context
        if sid in ignore_context or context_allows(crit, sid, full, present)
    }
    live_patterns = crit.live_patterns(present)
    for sid, (_, anchored) in crit.sign_regexes.items():
        if sid not in allowed:
            continue
        live = live_patterns.get(sid, ())
        for rx in anchored:
            for i, clause in enumerate(parts):
                per_clause[i] += [(m.start(), m.end(), "sign", sid) for m in rx.finditer(clause)]
        # the alternation of the patterns that may match: the same matches as the sign's
        # whole alternation, whose other patterns cannot match this message
        rx = crit.alternation_of(sid, live)
        if rx is not None:
            pos = 0
            while pos <= len(full) and (m := rx.search(full, pos)):
                pos = place(m.start(), m.end(), "sign", sid, rx)
                pos = pos if m.end() > m.start() else pos + 1
    for start, end, sid in phrases.find(crit, full):
        if sid in allowed:
            place(start, end, "sign", sid)
    for cid, cues in crit.cues.items():
        for rx, needs in cues.rules:
            if not may_match(needs, present):
                continue
            for m in rx.finditer(full):
                if not (crit.location_before and crit.location_before.search(full[: m.start()])):
                    place(m.start(), m.end(), "cat", cid, rx)
    return per_clause


def understand(text, criteria=None, ignore_context: Tuple[str, ...] = ()) -> Understanding:
    """Findings of one message. ignore_context: signs read even without their context word
    (the answer to a question about that sign)."""
    crit = as_criteria(criteria)
    with_sentences = _clauses_and_sentences(text, crit)
    parts = [c for c, _, _ in with_sentences]
    sentences = [n for _, n, _ in with_sentences]
    questions = [q for _, _, q in with_sentences]
    full = " ".join(parts)
    present = crit.present_in(full)
    findings: List[Finding] = []
    cats: List[str] = []
    cat_people: List[str] = []
    cat_clause: List[int] = []  # the clause of each organ word of cats
    message_modifiers: Dict[str, str] = {}
    denied_cats: List[str] = []
    explained = bool(parts)
    experiencer, offset = WRITER, 0
    clause_findings: List[List[int]] = []
    about_health: List[bool] = []  # per clause: a sign or an organ is named
    measured_in: List[bool] = []  # per clause, a measured value: read at the first resolution cue
    over: set = set()  # clauses whose measured values are over ("38,5 hier, c'est passé")
    named_other = False  # another person named, not only "il" or "elle"
    for clause, hits in zip(parts, _clause_hits(crit, parts, full, present, ignore_context)):
        spans = [(h[0], h[1]) for h in hits]
        hits = _outside_figures(hits)
        explained = explained and (_covered(crit, clause, spans) or _bare_reply(crit, clause))
        people = _people(crit, clause, present)
        named_other = named_other or any(kind == OTHER for _, kind in people)
        # an organ said to be as it should ("la peau est nette") names no complaint
        normal = any(h[2] == "cat" for h in hits) and crit.normal_state.found(clause, present)
        modifiers = _modifiers(crit, clause, present)
        for name, value in modifiers:
            message_modifiers.setdefault(name, value)
        mine = []
        for start, end, kind, ident in sorted(hits):
            neg = _negated(crit, clause, start, end, spans)
            if kind == "sign" and ident.endswith(DENIED_MARK):
                # words that say the sign is absent ("je fais tout normalement": the
                # "normalement" after them is part of the denial); denied themselves
                # ("je ne fais plus tout"), they say nothing
                if not _negated(crit, clause, start, end, spans, look_after=False):
                    mine.append(len(findings))
                    findings.append(
                        Finding(
                            ident[: -len(DENIED_MARK)],
                            NEGATED,
                            _experiencer_at(people, start, experiencer),
                            (offset + start, offset + end),
                            modifiers,
                        )
                    )
            elif kind == "sign":
                uncertain = ident.endswith(UNCERTAIN_MARK)
                sid = ident[: -len(UNCERTAIN_MARK)] if uncertain else ident
                uncertain = uncertain or _almost(crit, clause, start, sid)
                who = _experiencer_at(people, start, experiencer)
                span = (offset + start, offset + end)
                mine.append(len(findings))
                findings.append(
                    Finding(
                        sid,
                        NEGATED if neg else UNCERTAIN if uncertain else PRESENT,
                        who,
                        span,
                        modifiers,
                    )
                )
                if uncertain and crit.at_least.get(sid):  # "malaise": felt faint, at least
                    mine.append(len(findings))
                    findings.append(
                        Finding(
                            crit.at_least[sid], NEGATED if neg else PRESENT, who, span, modifiers
                        )
                    )
            elif not neg and not normal:
                cats.append(ident)
                cat_people.append(_experiencer_at(people, start, experiencer))
                cat_clause.append(len(clause_findings))
            else:
                denied_cats.append(ident)
        clause_findings.append(mine)
        about_health.append(bool(hits))
        experiencer = _experiencer_at(people, len(clause), experiencer)
        cue = crit.resolved_cues.first(clause, present)
        n = len(clause_findings) - 1
        if cue is not None and not measured_in:
            measured_in = [bool(_numbers(part)) for part in parts]
        earlier = None if cue is None else _over_clause(parts, n, cue, clause_findings, measured_in)
        if earlier is not None:
            # "j'avais de la fièvre la semaine dernière, c'est passé": the findings of this
            # clause, or else of the nearest earlier clause with findings, are over; a
            # sentence that opens on the cue alone speaks of the whole sentence before ("j'ai
            # eu 38,2 mercredi, avec un rhume. Depuis vendredi c'est passé").
            for k in _over_clauses(sentences, n, earlier, clause_findings, measured_in):
                if _masked(crit, parts, n, k):
                    continue
                for i in clause_findings[k]:
                    findings[i] = _resolve(crit, findings[i])
                over.add(k)
        offset += len(clause) + 1
    # a question told with its answer "non": its organ words name no complaint either
    answered = _answered_no(crit, parts, questions, clause_findings, findings)
    # a clause told wholly in the past of long ago: its organ words and measured values are
    # history too ("hospitalisée pour un coma diabétique il y a dix ans")
    history = _long_ago_history(crit, parts, clause_findings, findings)
    over |= history
    if history or answered:
        kept = [k for k, at in enumerate(cat_clause) if at not in history | answered]
        denied_cats += [cats[k] for k, at in enumerate(cat_clause) if at in answered]
        cats, cat_people = [cats[k] for k in kept], [cat_people[k] for k in kept]
        cat_clause = [cat_clause[k] for k in kept]
    if cats and _says_all_is_well(crit, full, present, findings):
        cats, cat_people, cat_clause = [], [], []
    numbers = _numbers(full)
    current = (
        numbers if not over else _numbers(" ".join(c for k, c in enumerate(parts) if k not in over))
    )
    past = _numbers(" ".join(c for k, c in enumerate(parts) if k in over)) if over else {}
    measured = _from_numbers(crit, current, findings) + [
        _resolve(crit, f) for f in _from_numbers(crit, past, findings) if f.assertion == PRESENT
    ]
    findings += measured
    asked, worded_as_report = _hypothetical_reading(crit, parts, about_health, present)
    hypothetical = asked and not worded_as_report
    if hypothetical:
        findings = [
            f if f.assertion in (NEGATED, UNCERTAIN) else _with(f, assertion=HYPOTHETICAL)
            for f in findings
        ]
    supposed: List[Tuple[int, int]] = []
    if asked and not hypothetical:
        supposed = _supposed_spans(crit, parts, sentences, present)
        findings = [
            _with(f, assertion=HYPOTHETICAL)
            if f.assertion == PRESENT and any(a <= f.span[0] < b for a, b in supposed)
            else f
            for f in findings
        ]
    if named_other and (_writer_is_treated(crit, full) or _other_not_treated(crit, full)):
        findings = [
            _with(f, experiencer=NOT_TREATED) if f.experiencer == OTHER else f for f in findings
        ]
        cat_people = [NOT_TREATED if p == OTHER else p for p in cat_people]
    seen, unique = set(), []
    for f in findings:
        if (f.sign, f.assertion, f.experiencer) not in seen:
            seen.add((f.sign, f.assertion, f.experiencer))
            unique.append(f)
    findings = unique
    if supposed:  # an organ named only inside a supposition is no complaint
        clause_at = _clause_starts(parts)
        kept = [
            k
            for k, at in enumerate(cat_clause)
            if not any(a <= clause_at[at] + len(parts[at]) - 1 < b for a, b in supposed)
        ]
        cats, cat_people = [cats[k] for k in kept], [cat_people[k] for k in kept]
    categories = list(
        dict.fromkeys(
            cats
            + [
                crit.signs[f.sign].category
                for f in findings
                if f.assertion in (PRESENT, UNCERTAIN)
                or (f.assertion == HYPOTHETICAL and hypothetical)
            ]
        )
    )
    people = {f.experiencer for f in findings if f.assertion != NEGATED} | set(cat_people)
    message_experiencer = (
        people.pop()
        if len(people) == 1
        else (
            _mixed(people)
            if people
            else _experiencer_at(_people(crit, full, present), len(full), WRITER)
        )
    )
    # an abnormal measured value ("glycémie à 2,5 g") is a report, even asked as a question
    reported = any(f.assertion == PRESENT for f in measured) or worded_as_report
    denied = [c for c in dict.fromkeys(denied_cats) if c not in categories]
    return Understanding(
        full,
        findings,
        categories,
        numbers,
        hypothetical,
        reported,
        explained,
        message_experiencer,
        message_modifiers,
        denied,
    )


def _says_all_is_well(
    crit: Criteria, full: str, present: FrozenSet[str], findings: List[Finding]
) -> bool:
    """An organ named in a message that says nothing is wrong ("je respire mieux qu'en ville",
    "rien de nouveau"), with no sign read but denied ones and no complaint in general words."""
    return (
        all(f.assertion == NEGATED for f in findings)
        and crit.all_well.found(full, present)
        and not _complains_in_general_words(crit, full)
    )


def _outside_figures(hits):
    """The hits that no figure of speech holds ("j'ai avalé des couleuvres": no swallowing),
    without the figures themselves."""
    figures = [(h[0], h[1]) for h in hits if h[3] == FIGURE]
    if not figures:
        return hits
    return [
        h
        for h in hits
        if h[3] != FIGURE and not any(h[0] < end and h[1] > start for start, end in figures)
    ]


def _hypothetical_reading(
    crit: Criteria, parts: List[str], about_health: List[bool], present: FrozenSet[str]
) -> Tuple[bool, bool]:
    """(a question or a supposition is worded, a present report is worded).

    A report cue counts unless it sits after a supposition in its clause ("que faire si un
    jour j'ai du mal à avaler"), or in a clause that names no sign nor organ while the
    symptom is only named in a supposition ("au cas où j'aurais mal à la poitrine, je
    réveille mon mari ?"); a clause that says the writer has the symptom just named ("j'en
    ai depuis ce matin") is a report."""
    hyp_at = [crit.hyp_cues.first(c, present) for c in parts]
    supposed_symptom = any(at is not None and health for at, health in zip(hyp_at, about_health))
    worded_as_report = False
    for clause, at, health in zip(parts, hyp_at, about_health):
        if (
            (health or not supposed_symptom) and _cue_before(crit.report_cues, clause, at, present)
        ) or _cue_before(crit.referring_report_cues, clause, at, present):
            worded_as_report = True
            break
    return any(at is not None for at in hyp_at), worded_as_report


_SCOPE_ENDS = re.compile(
    r"^(et )?(mais|par contre|sauf que|pourtant|en revanche|cependant|sinon|a part ca|moi|chez moi)\b"
)


def _supposed_spans(
    crit: Criteria, parts: List[str], sentences: List[int], present: FrozenSet[str]
) -> List[Tuple[int, int]]:
    """Where a supposition governs, in a message that also reports something (ConText's
    scope): from the cue to the end of its sentence ("sur la fiche ils écrivent selles
    noires avec tête qui tourne", "l'oncologue m'a dit de surveiller : avaler, respirer,
    faiblesse qui monte"), ended by a clause that reports ("j'ai", "depuis", "mes jambes")
    or turns the sentence ("mais", "par contre", "moi"). A clause with a report cue after
    the cue is not governed. Spans are offsets in the joined clauses."""
    if any(crit.referring_report_cues.found(c, present) for c in parts):
        return []
    starts = _clause_starts(parts)
    spans = []
    for k, clause in enumerate(parts):
        at = crit.hyp_cues.first(clause, present)
        if at is None or crit.report_cues.found(clause, present):
            continue
        end = starts[k] + len(clause)
        for j in range(k + 1, len(parts)):
            if sentences[j] != sentences[k] or _SCOPE_ENDS.search(parts[j]):
                break
            if crit.report_cues.found(parts[j], present):
                break
            end = starts[j] + len(parts[j])
        spans.append((starts[k] + at, end))
    return spans


def _cue_before(cues, clause: str, at: Optional[int], present: FrozenSet[str]) -> bool:
    """A cue that starts before position `at` of the clause (anywhere when None). Matched on
    the whole clause, so that a cue can look past `at` ("mon voisin" is a report, not "mon
    voisin m'a dit que le keytruda donne...")."""
    if at is None:
        return cues.found(clause, present)
    return any(start < at for start in cues.starts(clause, present))


def _over_clauses(sentences, n: int, earlier: int, clause_findings, measured_in) -> List[int]:
    """The clauses a resolution cue in clause n puts over: `earlier`, or, when clause n holds
    no finding and opens its sentence, every clause of the sentence before with a finding or
    a measured value."""
    if clause_findings[n] or n == 0 or sentences[n] == sentences[n - 1]:
        return [earlier]
    before = [
        k
        for k in range(n)
        if sentences[k] == sentences[n - 1] and (clause_findings[k] or measured_in[k])
    ]
    return before or [earlier]


def _over_clause(parts, n: int, cue, clause_findings, measured_in) -> int:
    """The clause a resolution cue in clause n speaks of: n itself when it holds findings or
    a value measured before the cue, else the nearest earlier one that does. A value after
    the cue is the reading now ("c'est redescendu et depuis je suis à 36,9")."""
    if not clause_findings[n] and measured_in[n]:
        if not _numbers(parts[n][:cue]):
            return next(
                (k for k in range(n - 1, -1, -1) if clause_findings[k] or measured_in[k]), n
            )
    return next((k for k in range(n, -1, -1) if clause_findings[k] or measured_in[k]), n)


_SHORT_QUESTION_WORDS = 5


def _answered_no(crit: Criteria, parts, questions, clause_findings, findings) -> set:
    """A question someone asked the writer, told with the answer "non" ("la psychologue m'a
    demandé si j'avais des idées de suicide : non, pas du tout"), or that the writer asks
    and answers ("crevé ? non pas du tout", "du sang ? non"): the signs of the asked
    clause are denied. The clause right after it must be the answer alone
    (crit.answered_no), and neither of the two clauses after the answer take it back
    (crit.answer_taken_back: "non, mais parfois j'y pense"); a sign said in another clause
    is still read. Returned: the asked clauses."""
    asked: set = set()
    if not (crit.reported_question and crit.answered_no):
        return asked
    for k in range(len(parts) - 1):
        if not clause_findings[k] or not crit.answered_no.search(parts[k + 1]):
            continue
        asks_itself = questions[k] and len(parts[k].split()) <= _SHORT_QUESTION_WORDS
        if not asks_itself and not any(rx.search(parts[k]) for rx in crit.reported_question):
            continue
        after = parts[k + 1 : k + 4]
        if crit.answer_taken_back and any(crit.answer_taken_back.search(p) for p in after):
            continue
        asked.add(k)
        for i in clause_findings[k]:
            if findings[i].assertion in (PRESENT, UNCERTAIN):
                findings[i] = _with(findings[i], assertion=NEGATED)
    return asked


def _long_ago_history(crit: Criteria, parts, clause_findings, findings) -> set:
    """A symptom dated long ago ("il y a dix ans", "en 1995") is history: resolved, even a
    red flag (the reference's "what happened counts" is about a recent event). The date
    speaks of its own clause, or else of the next one (over one clause without findings:
    "il y a deux ans, avant le cancer, j'ai eu...") or the one before ("..., en 1995").
    Only a finding told in a past tense is resolved: in the clause cut at its joining words
    ("et", "mais"), the part that holds it has a past verb, or no subject and the part before
    has one ("j'ai eu des selles noires et un malaise"); "il y a deux ans j'ai eu un ulcère et
    je vomis du sang" keeps the blood. Nothing is resolved where crit.long_ago_unless says
    the symptom goes on or is back, or the date is the treatment's start, nor in a message
    that says it happened again (crit.long_ago_again: "je viens d'en refaire un"). Returned: the
    clauses told wholly in that past."""
    wholly: set = set()
    if not crit.long_ago or any(rx.search(" ".join(parts)) for rx in crit.long_ago_again):
        return wholly

    def unless(k):
        return any(rx.search(parts[k]) for rx in crit.long_ago_unless)

    offsets = _clause_starts(parts)
    for k, part in enumerate(parts):
        if not any(rx.search(part) for rx in crit.long_ago) or unless(k):
            continue
        if clause_findings[k]:
            target = k
        else:
            ahead = [j for j in (k + 1, k + 2) if j < len(parts)]
            target = next((j for j in ahead if clause_findings[j]), None)
            if target is not None and any(unless(j) for j in range(k + 1, target)):
                target = None
            if target is None and k > 0 and clause_findings[k - 1]:
                target = k - 1
        if target is None or unless(target):
            continue
        clause, lo = parts[target], offsets[target]
        cuts = _join_cuts(crit, clause)
        past, in_past = [], False
        for a, b in zip(cuts, cuts[1:]):
            piece = clause[a:b]
            if any(rx.search(piece) for rx in crit.past_tense):
                in_past = True
            elif crit.subject and crit.subject.search(piece):
                in_past = False
            past.append((lo + a, lo + b, in_past))
        if all(ok for _, _, ok in past):
            wholly.add(target)
        for i in clause_findings[target]:
            f = findings[i]
            if f.assertion not in (PRESENT, UNCERTAIN):
                continue
            if any(a <= f.span[0] < b and ok for a, b, ok in past):
                findings[i] = _with(f, assertion=RESOLVED)
    return wholly


def _masked(crit: Criteria, parts, n: int, earlier: int) -> bool:
    """The symptom said to be over went down with a medicine (crit.masked_by), in the clause
    that says so or in the clause it speaks of."""
    if crit.masked_by is None:
        return False
    return any(crit.masked_by.search(parts[k]) for k in {n, earlier})


def _almost(crit: Criteria, clause: str, start: int, sid: str) -> bool:
    """ "J'ai failli m'évanouir": a sign that has ambiguous words, almost happened."""
    return bool(sid in crit.at_least and crit.almost and crit.almost.search(clause[:start]))


def _mixed(people: set) -> str:
    """A message about several people: the patient comes first, then a person who is not
    the patient, then an animal."""
    return next(p for p in (WRITER, OTHER, NOT_TREATED, ANIMAL) if p in people)


def _writer_is_treated(crit: Criteria, full: str) -> bool:
    """The writer says they are the one treated ("ma perfusion", "je suis sous Keytruda")
    and does not report what another person sees in them ("ma fille trouve mes yeux
    jaunes"). Asked only when another person is named: "il" or "elle" alone may be the pain."""
    return any(rx.search(full) for rx in crit.writer_treated) and not any(
        rx.search(full) for rx in crit.seen_by_other
    )


def _other_not_treated(crit: Criteria, full: str) -> bool:
    """The other person named is said not to be the one treated: pregnant ("ma fille est
    enceinte"), or asked about as family history ("c'est héréditaire ?"), and the message does
    not say that person is treated ("elle est sous Keytruda", "sa perfusion")."""
    return any(rx.search(full) for rx in crit.other_not_treated) and not any(
        rx.search(full) for rx in crit.other_treated
    )


def _with(finding: Finding, **changes) -> Finding:
    return Finding(**{**asdict(finding), **changes})


def _resolve(crit: Criteria, finding: Finding) -> Finding:
    """A red-flag event that happened counts as present (fainted this morning); any other
    symptom that is over is resolved."""
    if finding.assertion != PRESENT or crit.signs[finding.sign].level == "emergency":
        return finding
    return _with(finding, assertion=RESOLVED)


def _from_numbers(
    crit: Criteria, numbers: Dict[str, List[float]], findings: List[Finding]
) -> List[Finding]:
    """Measured values read against the criteria's thresholds. A measured temperature is
    authoritative over the word "fièvre"."""
    extra = []
    experiencer = findings[0].experiencer if findings else WRITER
    for key, conf in crit.numbers.items():
        values = numbers.get(key)
        if not values:
            continue
        sign = conf["sign"]
        if "normal_max" in conf:
            abnormal = max(values) >= conf["normal_max"] or min(values) < conf["normal_min"]
        elif "below" in conf:
            abnormal = min(values) < conf["below"]
        else:
            abnormal = max(values) >= conf["threshold"]
        if key == "temperature":
            findings[:] = [f for f in findings if f.sign != sign]
            extra.append(Finding(sign, PRESENT if abnormal else NEGATED, experiencer))
        elif abnormal:
            extra.append(Finding(sign, PRESENT, experiencer))
    return extra


# ---------------------------------------------------------------- numbers
def _to_number(token: str) -> float:
    return float(_NUMBER_WORDS[token]) if token in _NUMBER_WORDS else float(token)


_TEMP = re.compile(
    r"\b(3[4-9]|4[0-3])(\.\d+)?(?: deg (\d)\b)?(?! ?(ans?|kg|kilos?|fois|selles?|mg|min\w*|h|heures?|jours?|semaines?|mois|ml|cm|pour|g|l|mmol|bpm|battements|pulsations)\b)"
)
_TEMP_CUE = re.compile(r"\b(fie?v\w*|temperature|temp|deg|degres?|thermometre|febri\w*|chaud)\b")
# the weather, not the body: "il fait 35 degrés", "35 degrés à l'ombre", "en plein mois d'août à
# 35 degrés" (a number followed by "degrés" with a word of the weather around it)
_WEATHER = re.compile(
    r"\b(il (fait|faisait|fera|va faire)|fait|faisait|fera|faire|dehors|a l ombre|au soleil|canicule"
    r"|meteo|en plein (ete|soleil|mois d \w+)|mois d (aout|juillet|juin)|cet ete|ce week end)\b"
)
_STOOLS = re.compile(
    r"\b(?:(moins de|plus de|au moins|pres de) )?(?:une )?"
    + _NUM
    + r"(?: ou "
    + _NUM
    + r")?(?: ou plus)?(?: de)? (selles?|diarrhees?|passages?|fois|foi)\b"
)
_STOOL_CUE = re.compile(r"\b(selles?|dia?r+\w*|toilettes?|caca|courante|wc|chiasse)\b")
_GLUCOSE_CUE = re.compile(
    r"\b(glycemi\w*|sucre|glucose|dextro|glucometre|lecteur|capteur|freestyle)\b"
)
_GLUCOSE = re.compile(r"\b(\d+(?:\.\d+)?) ?(g ?l|g|grammes?|mmol(?: ?l)?|mg ?dl)\b")
# (not a duration or a count: "une petite tension dans la tête après 8 h d'écran")
_PRESSURE = re.compile(
    r"\b(tension|ta|pression arterielle|tensiometre|systolique)\b(?: [a-z]+){0,4}? (\d{1,3})(?:[ .](\d{1,3}))?\b"
    r"(?! ?(h|heures?|min\w*|jours?|nuits?|semaines?|mois|ans?|fois|kg|kilos?|km|%))"
)
_HEART = re.compile(
    r"\b(\d{2,3}) ?(bpm|battements|pulsations|puls)\b|\b(?:pouls|coeur|rythme cardiaque|frequence cardiaque)\b(?: \w+){0,3}? (\d{2,3})\b"
)


def _numbers(text: str) -> Dict[str, List[float]]:
    out: Dict[str, List[float]] = {}
    for m in _TEMP.finditer(text):
        value = float(
            m.group(1) + (m.group(2) or "") if not m.group(3) else f"{m.group(1)}.{m.group(3)}"
        )
        before = text[max(0, m.start() - 12) : m.start()]
        if re.match(r" ?deg(res?)?\b", text[m.end() :]) and _WEATHER.search(
            text[max(0, m.start() - 30) : m.end() + 30]
        ):
            continue
        if (
            m.group(2)
            or m.group(3)
            or _TEMP_CUE.search(text)
            or re.search(r"\b(j ai|il a|elle a|a|est a)\s*$", before)
        ):
            out.setdefault("temperature", []).append(value)
    for m in _STOOLS.finditer(text):
        if m.group(4) in ("fois", "foi"):
            before = text[max(0, m.start() - 25) : m.start()]
            if not _STOOL_CUE.search(text) or re.search(
                r"vomi|toux|touss", before + text[m.end() : m.end() + 20]
            ):
                continue
        value = max(_to_number(m.group(2)), _to_number(m.group(3)) if m.group(3) else 0)
        value += {"moins de": -1, "plus de": 1}.get(m.group(1) or "", 0)
        out.setdefault("stools", []).append(value)
    if _GLUCOSE_CUE.search(text):
        for m in _GLUCOSE.finditer(text):
            value, unit = float(m.group(1)), m.group(2).replace(" ", "")
            grams = (
                value / 5.55
                if unit.startswith("mmol")
                else (value / 100 if unit.startswith("mg") else value)
            )  # g/L
            out.setdefault("glucose", []).append(round(grams, 2))
    for m in _PRESSURE.finditer(text):
        systolic = float(m.group(2))
        # "8/5" is said in cmHg, "84/52" in mmHg
        out.setdefault("blood_pressure", []).append(systolic * 10 if systolic < 30 else systolic)
    for m in _HEART.finditer(text):
        out.setdefault("heart_rate", []).append(float(m.group(1) or m.group(3)))
    return out


def parse_count(text: str) -> Optional[float]:
    """A count in a free reply: "6", "10 selles", "moins de 4", "4 ou plus", "une dizaine"."""
    norm = normalize(text)
    if re.search(r"\b(aucune?|zero|pas plus|pas plus que d habitude|comme d habitude)\b", norm):
        return 0.0
    if re.search(r"\b(pas beaucoup|peu|pas tant que ca)\b", norm):
        return 2.0
    m = re.search(
        r"\b(?:(moins de|plus de|au moins|pres de|environ) )?(?:une )?"
        + _NUM
        + r"(?: (?:ou|a|et) "
        + _NUM
        + r")?",
        norm,
    )
    if m:
        value = max(_to_number(m.group(2)), _to_number(m.group(3)) if m.group(3) else 0)
        return value + {"moins de": -1, "plus de": 1}.get(m.group(1) or "", 0)
    if re.search(
        r"\b(beaucoup|enormement|plein|sans arret|tout le temps|trop|des dizaines)\b", norm
    ):
        return 10.0
    return None


# ---------------------------------------------------------------- kinds of message
# The kind of reply each button payload (an answer intent) stands for.
REPLY_KIND_OF_INTENT = {"affirm": "yes", "deny": "no", "dont_know": "unknown", "stop": "stop"}


def reply_kind(text: str, criteria=None) -> Optional[str]:
    """yes, no, unknown ("je ne sais pas"), stop, or None for a reply that is none of them."""
    crit = as_criteria(criteria)
    m = re.match(r"\s*/(\w+)", str(text or ""))
    if m and m.group(1) in REPLY_KIND_OF_INTENT:
        return REPLY_KIND_OF_INTENT[m.group(1)]
    norm = normalize(text, crit.vocabulary)
    for kind, key in (("stop", "stop"), ("unknown", "dont_know"), ("no", "no"), ("yes", "yes")):
        if any(rx.search(norm) for rx in crit.answer_rx.get(key, [])):
            return kind
    return None


def is_question(text: str, criteria=None) -> bool:
    """A question (mark or interrogative words) rather than a statement."""
    crit = as_criteria(criteria)
    if "?" in str(text):
        return True
    normalised = normalize(str(text), crit.vocabulary)
    return any(rx.search(normalised) for rx in crit.question_cues)


def is_complaint(understanding: Understanding, criteria=None) -> bool:
    """A complaint in general words that no sign lists ("je me sens pas bien")."""
    crit = as_criteria(criteria)
    return not understanding.hypothetical and _complains_in_general_words(crit, understanding.text)


def _complains_in_general_words(crit: Criteria, text: str) -> bool:
    return any(rx.search(text) for rx in crit.complaint_cues)


def is_announcement(understanding: Understanding, criteria=None) -> bool:
    """ "J'ai un symptôme": a symptom is announced but not described yet."""
    crit = as_criteria(criteria)
    if understanding.findings or understanding.categories or is_complaint(understanding, crit):
        return False
    return any(rx.search(understanding.text) for rx in crit.announcement_cues)
