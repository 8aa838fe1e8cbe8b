"""immuno.phrases: a clinician's plain-word phrase finds the ways patients inflect it."""

import pytest

from immuno import phrases
from immuno.criteria import load_criteria
from immuno.understanding import understand


class _Lexicon:
    """The criteria's phrases replaced by the ones a test gives."""

    def __init__(self, **by_sign):
        self.phrases = by_sign
        self.vocabulary = load_criteria().vocabulary


@pytest.mark.parametrize(
    "text",
    [
        "je me sentais partir",
        "il se sent partir",
        "je me sens vraiment partir",
        "elle se sentait tout partir",
    ],
)
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


@pytest.mark.parametrize(
    "text",
    [
        "je me sentais partr",  # a letter dropped
        "je me sentais patrir",  # two letters swapped
        "je me sentais parttir",  # a letter doubled
        "je me sentais partie",  # a letter changed... on a stem of 5 letters or more
    ],
)
def test_one_typo_in_a_long_phrase_word_is_read(text):
    lexicon = _Lexicon(loss_of_consciousness=["se sentir partir"])
    assert [sid for _, _, sid in phrases.find(lexicon, text)] == ["loss_of_consciousness"]


@pytest.mark.parametrize(
    "text, sign",
    [
        ("il respir tres vite", "fast_breathing"),  # the word is the stem of the phrase's
        ("une respriation rapide", "fast_breathing"),
        ("une tache rougge sur le bras", "skin_rash"),
        ("le morale dans les chausettes", "low_mood"),
        ("une selle couleur goudrom", "black_stool"),
        # plain words added to the lexicon for this (they were only patterns)
        ("des urinnes foncees", "dark_urine"),
        ("les chvilles gonflees depuis hier", "swollen_ankles"),
        ("des palptations le soir", "palpitations"),
        ("une migrainne depuis ce matin", "headache"),
    ],
)
def test_typos_are_read_with_the_lexicon(text, sign):
    assert sign in understand(text).present


@pytest.mark.parametrize(
    "text, lexicon",
    [
        ("une salle noire", {"black_stool": ["selle noire"]}),  # real words one letter apart
        ("un mail noir", {"black_stool": ["mal noir"]}),  # short words: no typo
        ("un mal noir", {"black_stool": ["mail noir"]}),
        ("une force rouge", {"skin_rash": ["forte rouge"]}),  # 5 letters: no changed letter
        ("une tache rouge", {"skin_rash": ["bache rouge"]}),  # never the first letter
        ("pas de fievre", {"fever": ["plus de fievre"]}),  # negation words are never typos
        ("38.6 de fievre", {"fever": ["38.5 de fievre"]}),  # nor numbers
        ("au debut du traitement", {"dizziness": ["debout du traitement"]}),
    ],
)
def test_real_words_are_not_read_as_typos(text, lexicon):
    assert phrases.find(_Lexicon(**lexicon), text) == []


def test_the_typo_index_keeps_the_cost_linear():
    lexicon = _Lexicon(fainting=["se sentir partir"])
    text = " ".join(["je me sentais partr"] * 200)
    assert len(phrases.find(lexicon, text)) == 200
    assert len(lexicon._phrase_alts) <= 5  # one look-up per distinct word
