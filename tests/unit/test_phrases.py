"""immuno.phrases: a clinician's plain-word phrase finds the ways patients inflect it."""
import pytest

from immuno import phrases
from immuno.criteria import load_criteria
from immuno.understanding import understand


class _Lexicon:
    """The criteria's phrases replaced by the ones a test gives."""

    def __init__(self, **by_sign):
        self.phrases = by_sign


@pytest.mark.parametrize("text", [
    "je me sentais partir", "il se sent partir", "je me sens vraiment partir",
    "elle se sentait tout partir",
])
def test_a_phrase_is_found_whatever_the_person_tense_or_intensifier(text):
    lexicon = _Lexicon(loss_of_consciousness=["se sentir partir"])
    assert [sid for _, _, sid in phrases.find(lexicon, text)] == ["loss_of_consciousness"]


@pytest.mark.parametrize("text", ["je me sens bien", "partir en vacances", "se sentir seul"])
def test_a_phrase_needs_all_its_words_in_order(text):
    assert phrases.find(_Lexicon(loss_of_consciousness=["se sentir partir"]), text) == []


def test_accentless_feminine_endings_get_the_same_stem():
    assert phrases.tokens("essoufflee")[0][2] == phrases.tokens("essoufflé")[0][2]


def test_the_ne_before_a_phrase_with_its_own_negation_belongs_to_the_sign():
    lexicon = _Lexicon(breath_rest=["arrive plus à respirer"])
    start, end, _ = phrases.find(lexicon, "je n arrive plus a respirer")[0]
    assert "je n arrive plus a respirer"[start:end] == "n arrive plus a respirer"


def test_phrases_of_the_lexicon_are_read_as_signs_present():
    crit = load_criteria()
    sid, phrase = next((sid, p) for sid, items in crit.phrases.items() for p in items)
    finding = understand(f"depuis hier {phrase}", crit).findings
    assert any(f.sign == sid and f.assertion == "present" for f in finding), (sid, phrase)
