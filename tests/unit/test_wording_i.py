"""How a message is read (round 10, general fixes found in review, not in a vignette):
a comparative around a sign is no denial whatever the sign, a pain that moves from joint to
joint is no ascending weakness, a bare "non" before a sign is an answer. What is asserted is
what a user notices: the level given when every question is answered "non"."""

import pytest

from immuno import triage
from immuno.understanding import reply_kind
from wording import level, signs


@pytest.mark.parametrize(
    "text, sign",
    [
        # "plus X que" compares: the sign is there, more than before
        ("il est plus confus qu'hier soir, il cherche ses mots", "confusion"),
        ("elle est plus somnolente que d'habitude depuis midi", "drowsy"),
        ("je suis plus essoufflée que d'habitude en montant l'escalier", "breathless_effort"),
        ("je suis bien plus frileux qu'avant le traitement", "feel_cold"),
        ("j'ai plus froid que les autres à la maison", "feel_cold"),
        ("je suis plus fatiguée qu'avant la cure", "mild_fatigue"),
    ],
)
def test_a_comparative_around_a_sign_is_no_denial(text, sign):
    assert sign in signs(text)


@pytest.mark.parametrize(
    "text",
    [
        "je ne suis plus essoufflée depuis la semaine dernière",
        "il n'est plus confus depuis ce matin",
        "je ne suis plus frileuse depuis que je prends mon Levothyrox",
    ],
)
def test_no_longer_stays_a_denial(text):
    assert level(text) is None


def test_a_comparative_of_a_red_flag_goes_to_15():
    assert level("il est plus confus qu'hier soir") == "emergency"


@pytest.mark.parametrize(
    "text",
    [
        "j'ai mal d'abord aux chevilles puis maintenant aux genoux",
        "des douleurs d'abord aux chevilles puis maintenant aux genoux",
        "d'abord les chevilles puis maintenant les genoux me font mal",
    ],
)
def test_a_pain_moving_from_joint_to_joint_is_joint_pain_not_an_emergency(text):
    assert level(text) == "urgent"
    assert "joint_pain" in signs(text) and "ascending_weakness" not in signs(text)


@pytest.mark.parametrize(
    "text",
    [
        "ce matin les pieds engourdis, maintenant les genoux engourdis aussi",
        "d'abord les pieds et maintenant les genoux, j'ai les jambes qui lâchent",
    ],
)
def test_a_weakness_that_climbs_stays_an_emergency(text):
    assert level(text) == "emergency"


@pytest.mark.parametrize(
    "text",
    [
        "ça suffit, stop",
        "pas envie de répondre",
        "j'ai plus envie de continuer",
        "marre de vos questions",
        "on s'arrête là",
        "passons à autre chose",
        "stp arrête",
        "comment on sort du questionnaire",
    ],
)
def test_leaving_the_questions_in_other_words_is_a_stop(text):
    # a stop read as "non" would record the sign asked about as absent
    assert reply_kind(text) == "stop"


@pytest.mark.parametrize(
    "text",
    [
        "je tousse non stop",
        "moins de 4",
        "oublie pas de me rappeler",
        "je veux sortir de l'hôpital",
    ],
)
def test_words_of_leaving_in_another_sense_are_no_stop(text):
    assert reply_kind(text) != "stop"


@pytest.mark.parametrize(
    "text",
    [
        "ma mère urine moins depuis trois jours, deux fois par jour seulement. Elle respire normalement.",
        "il fait presque plus pipi, juste un peu le soir, et il respire correctement",
    ],
)
def test_less_urine_with_urine_still_coming_and_a_normal_breath_asks_nothing_more(text):
    # "N'urinez-vous plus du tout, ou êtes-vous essoufflé ?" would repeat the message
    state = triage.start(text)
    assert triage.next_question(state) is None
    assert triage.decide(state).level == "urgent"


@pytest.mark.parametrize(
    "text",
    [
        "j'urine beaucoup moins depuis hier et je respire bien sauf dans l'escalier",
        "j'urine beaucoup moins depuis hier, je respire bien quand je suis assise",
        "j'urine moins depuis deux jours",
    ],
)
def test_a_breath_good_only_at_rest_or_unsaid_is_still_asked_about(text):
    question = triage.next_question(triage.start(text))
    assert question is not None and "essouffl" in question.text


@pytest.mark.parametrize(
    "text",
    [
        "je respire bien au repos mais je suis essoufflée en marchant",
        "au repos ça va, par contre dans l'escalier je suis essoufflé",
    ],
)
def test_a_breath_fine_at_rest_but_short_on_effort_is_urgent_not_15(text):
    assert level(text) == "urgent"


def test_breathless_even_at_rest_stays_an_emergency():
    assert level("même au repos elle est essoufflée") == "emergency"
