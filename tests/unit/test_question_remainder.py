"""A rule-out question in several parts ("douleur dans la poitrine, ou l'impression de vous
évanouir ?") whose one part the message already denied asks the rest, worded alone: denying
one part is not a "no" to all (the reference: rule out the worst first; never repeat what the
message said)."""

import pytest

from immuno import content
from immuno.triage import asked_signs, next_question, start
from test_content import copy, edit, line_of  # noqa: F401 (the fixture and its helpers)
from wording import questions_and_level


@pytest.mark.parametrize(
    "text, reply, asked_part, level",
    [
        # a racing heart whose chest pain is denied: the faintness is still to rule out
        (
            "mon coeur bat très vite depuis ce soir, pas de douleur dans la poitrine",
            "oui",
            "évanouir",
            "emergency",
        ),
        ("palpitations depuis une heure mais rien dans la poitrine", "non", "évanouir", "urgent"),
        # a relative writes: the same part left, asked about the person
        (
            "ma mère a le coeur qui s'emballe, elle n'a pas mal à la poitrine",
            "oui",
            "s'évanouir",
            "emergency",
        ),
        # yellow eyes, not confused: drowsiness still to rule out
        ("j'ai les yeux jaunes, je ne suis pas confuse", "oui", "somnolent", "emergency"),
        # diarrhoea without belly pain: the stools at night are still to ask
        (
            "diarrhée depuis hier, 2 fois de plus que d'habitude, pas de sang, pas mal au ventre",
            "oui",
            "selle la nuit",
            "urgent",
        ),
        ("il a les selles liquides, ça ne lui fait pas mal", "non", "selle la nuit", "advice"),
        # less urine, but not none: the breathlessness is still to rule out
        ("je fais presque plus pipi, j'urine quand même un peu", "oui", "essoufflé", "emergency"),
        ("elle fait très peu pipi, mais elle urine encore un peu", "non", "essoufflée", "urgent"),
    ],
)
def test_the_part_left_is_asked_and_decides(text, reply, asked_part, level):
    asked, decided = questions_and_level(text, reply)
    assert any(asked_part in q for q in asked), asked
    assert decided == level


def test_the_part_the_message_denied_is_not_asked_again():
    asked, _ = questions_and_level(
        "mon coeur bat très vite, pas de douleur dans la poitrine", "non"
    )
    assert not any("poitrine" in q for q in asked), asked
    asked, _ = questions_and_level("j'ai les yeux jaunes, je ne suis pas confuse", "non")
    assert asked and not any("confus" in q for q in asked), asked


def test_a_relative_is_asked_about_the_person():
    asked, _ = questions_and_level(
        "ma femme a le coeur qui bat vite, pas de douleur thoracique", "non"
    )
    assert "La personne a-t-elle l'impression qu'elle va s'évanouir ?" in asked


def test_the_signs_asked_are_those_of_the_part_left():
    state = start("mon coeur bat très vite, pas de douleur dans la poitrine")
    assert next_question(state).id == "palpitations_red_q"
    assert asked_signs(state) == {"fainting", "dizziness", "loss_of_consciousness"}
    assert asked_signs(start("mon coeur bat très vite")) >= {"chest_pain", "fainting"}


def test_a_part_naming_a_sign_the_question_does_not_ask_is_an_error(copy):  # noqa: F811
    triage = copy / "knowledge" / "triage.yml"
    edit(triage, "      - open: [confusion]", "      - open: [chills]")
    with pytest.raises(content.ContentErrors) as failure:
        content.load_all()
    [error] = failure.value.errors
    assert error.path == triage and "'chills' not in answered_by" in error.problem
    assert error.line == line_of(triage, "open: [chills]")
