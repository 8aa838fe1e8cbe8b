"""Figures of speech (knowledge/lexicon/reading.yml, `figures_of_speech`): a sign's words in a
set phrase that does not speak of health are not read; a sign elsewhere in the message, or the
same words in their literal sense, still are."""

import pytest

from immuno.triage import assess, decide, start
from immuno.understanding import understand


def level(text):
    """The level of a report before any answer (None: the message reports nothing)."""
    assessment = assess(text)
    if assessment.is_emergency:
        return "emergency"
    return decide(start(text)).level if assessment.is_report else None


@pytest.mark.parametrize(
    "text",
    [
        "Mon patron m'a fait avaler des couleuvres toute la semaine",
        "j'ai une peur bleue de la prochaine perfusion",
        "Je suis confuse pour le retard de ma réponse, merci pour tout",
        "C'est la fièvre du samedi soir à la maison, les petits dansent",
        "le paysage était à couper le souffle pendant la promenade",
        "mon fils a eu les yeux plus gros que le ventre au goûter",
        "j'ai fait ma prise de sang ce matin, tout va bien",
        "il y a eu un tremblement de terre aux infos, c'est fou",
        "je suis tombée amoureuse de ce jardin, je m'y repose tous les jours",
        "on a pris le vin rouge avec le fromage, sans excès",
    ],
)
def test_a_set_phrase_is_not_a_symptom(text):
    assert [f.sign for f in understand(text).findings] == []
    assert level(text) is None


@pytest.mark.parametrize(
    "text, expected",
    [
        ("il est confus depuis ce matin, il ne me reconnaît pas", "emergency"),
        ("j'ai du mal à avaler ma salive depuis hier", "emergency"),
        ("j'ai perdu la vue de l'oeil droit d'un coup", "emergency"),
        ("j'ai fait une prise de sang hier et ce matin je crache du sang", "emergency"),
        ("bon sang, il a les lèvres bleues et respire très vite", "emergency"),
        ("je fonds à vue d'oeil, mes pantalons ne tiennent plus", "urgent"),
        ("j'ai eu une peur bleue : 39,5 de fièvre cette nuit", "urgent"),
    ],
)
def test_the_literal_sense_and_a_sign_beside_a_figure_are_still_read(text, expected):
    assert level(text) == expected
