"""immuno.regex_prefilter: a pattern is skipped only on a message it could not match."""

import pytest

from immuno.criteria import CueList, context_allows, load_criteria
from immuno.regex_prefilter import LiteralIndex, required_literals, veto_literals
from immuno.understanding import clauses, understand
from scripts import vignettes


@pytest.mark.parametrize(
    "pattern, needs",
    [
        (r"\bfatigu\w*", {"fatigu"}),
        (r"\b(grande )?faibless?e\b", {"faibles"}),
        (r"\b(vivre|la vie|exister)\b", {"vivre", "la vie", "exister"}),
        (r"\btension (est )?(a|de) [4-8]\b", {"tension "}),
        (r"(?<!si )\bmal au ventre(?! de rire)", {"mal au ventre"}),
    ],
)
def test_the_strings_a_pattern_cannot_match_without(pattern, needs):
    assert required_literals(pattern) == needs


@pytest.mark.parametrize(
    "pattern",
    [
        r"^(a )?([4-8]\d|[4-8]) (sur )?([2-6]\d|[2-6])$",  # digits only: nothing required
        r"\b(de|a) \w+",  # too short to filter anything
        r"(?i)fievre",  # a flag the reader does not follow
        r"\b(toux|\w+)\b",  # one branch needs nothing known
    ],
)
def test_no_requirement_when_none_is_known(pattern):
    assert required_literals(pattern) is None


def _texts():
    for split in vignettes.SPLITS:
        data = vignettes.load(split)
        yield from (c["text"] for c in data["cases"])
        yield from (t["user"] for c in data["conversations"] for t in c["turns"])


def test_no_pattern_match_is_skipped_on_any_vignette():
    """Every pattern of the lexicon on every message of the corpus (3,500 messages, written
    and real): wherever the pattern matches, the message holds one of its required strings."""
    crit = load_criteria()
    skipped = []
    for text in _texts():
        full = " ".join(clauses(text, crit))
        for sid, patterns in crit.pattern_needs.items():
            for rx, needs in patterns:
                if needs is not None and not any(w in full for w in needs) and rx.search(full):
                    skipped.append((sid, rx.pattern, text[:60]))
    assert skipped == []


def test_the_prefilter_changes_no_finding(monkeypatch):
    """The messages written outside the project, read with and without the prefilter."""
    crit = load_criteria()
    texts = [c["text"] for c in vignettes.load("external")["cases"]]
    with_filter = [understand(t, crit).summaries() for t in texts]
    monkeypatch.setattr(
        crit,
        "pattern_needs",
        {sid: [(rx, None) for rx, _ in pats] for sid, pats in crit.pattern_needs.items()},
    )
    assert [understand(t, crit).summaries() for t in texts] == with_filter
    # and every cue, context and veto run whatever the message holds
    monkeypatch.setattr(crit, "present_in", lambda text: crit.required_strings())
    assert [understand(t, crit).summaries() for t in texts] == with_filter


@pytest.mark.parametrize(
    "pattern, needs",
    [
        (r"^(?!.*\bfie?vre (du samedi soir|acheteuse)\b)", {"du samedi soir", "acheteuse"}),
        (r"^(?!.*\bmanege\b)(?!.*\btoupie\b)", {"manege", "toupie"}),
        (r"\bfievre\b", None),  # not a veto
        (r"^(?!.*\b(film|\w+)\b)", None),  # a veto whose needs are unknown
    ],
)
def test_the_strings_a_veto_needs(pattern, needs):
    assert veto_literals(pattern) == (None if needs is None else frozenset(needs))


def test_the_literal_index_finds_every_string_the_text_holds():
    words = ["fatigu", "fievre", "fie", "vre du", "essouffl", "toux"]
    text = "j ai de la fievre du soir et je suis fatiguee"
    assert LiteralIndex(words).present(text) == {w for w in words if w in text}
    assert LiteralIndex(words).present("ok") == frozenset()


def test_a_cue_list_reads_as_its_patterns_one_by_one():
    cues = CueList([r"\bquand\b", r"\bau cas ou\b", r"\bpeut etre\b"])
    everything = frozenset(w for _, needs in cues.rules for w in needs)
    text = "au cas ou il aurait de la fievre quand elle monte"
    assert cues.first(text, everything) == 0  # the earliest of them, not the first listed
    assert cues.first("elle monte quand elle peut etre", everything) == len("elle monte ")
    assert cues.found("rien de tel", everything) is False
    # a pattern whose strings the message lacks is not run
    assert cues.first(text, frozenset()) is None


def test_a_context_is_read_as_its_regex_on_every_vignette():
    crit = load_criteria()
    wrong = []
    for text in _texts():
        full = " ".join(clauses(text, crit))
        present = crit.present_in(full)
        for sid, ctx in crit.context.items():
            if ctx is not None and context_allows(crit, sid, full, present) != bool(
                ctx.search(full)
            ):
                wrong.append((sid, text[:60]))
    assert wrong == []
