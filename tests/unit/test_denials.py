"""What a message already denies is not asked again: breathing at rest, drowsiness and
confusion, eating, daily activity, fever said in everyday words. A message that says all is
well is no complaint, even when it names an organ."""

import pytest

from immuno.triage import next_question, start
from wording import assertion, level_after_no


@pytest.mark.parametrize(
    "text, sign",
    [
        ("je m'essouffle dans l'escalier, au repos ça va", "breath_rest"),
        ("assise sur mon canapé je respire normalement par contre", "breath_rest"),
        ("je respire bien au repos, aucun souci", "breath_rest"),
        ("ma mère est jaune, elle est bien réveillée", "drowsy"),
        ("elle parle normalement et elle a toute sa tête", "confusion"),
        ("un peu barbouillé le matin mais jmange qd meme normal", "cannot_eat"),
        ("une petite fatigue, je fais toutes mes activités", "severe_fatigue"),
        ("je me sens grippée mais le thermomètre ne monte pas", "fever"),
    ],
)
def test_a_sign_said_absent_in_everyday_words(text, sign):
    assert assertion(text, sign) == "negated"


@pytest.mark.parametrize(
    "text, sign",
    [
        ("au repos ça va pas du tout, j'étouffe", "breath_rest"),
        ("il s'est réveillé en sursaut cette nuit", "drowsy"),
        ("je ne respire pas bien au repos", "breath_rest"),
    ],
)
def test_words_that_do_not_deny_the_sign(text, sign):
    assert assertion(text, sign) != "negated"


def test_breathing_at_rest_said_fine_is_not_asked():
    state = start("je suis essoufflée dès que je marche un peu vite, au repos ça va")
    question = next_question(state)
    assert question is None or question.id != "breath_rest"


@pytest.mark.parametrize(
    "text",
    [
        "après le déménagement je reprends enfin mon souffle, tout va mieux",
        "je me lève deux fois la nuit pour faire pipi, comme depuis des années",
        "au bord de la mer je respire mieux qu'en ville",
        "les yeux sont bien blancs, l'infirmière a regardé",
    ],
)
def test_an_organ_named_in_a_message_that_says_all_is_well_is_no_complaint(text):
    assert level_after_no(text) == "none"


@pytest.mark.parametrize(
    "text",
    [
        "tout va bien sauf que j'ai du mal à respirer",
        "je me sens pas bien du tout, sinon rien de nouveau côté poumons",
        "je ne vais pas bien, j'ai les yeux tout jaunes",
        "rien de nouveau, je tousse toujours autant",
    ],
)
def test_all_is_well_beside_a_complaint_still_counts(text):
    assert level_after_no(text) != "none"
