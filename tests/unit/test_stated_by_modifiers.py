"""A question the message already answers through a modifier is not asked, and the sign it
asks about counts from the first reply: "ventre dur" with a strong pain is the emergency of
a hard, painful belly (Diarrhoea / colitis - emergency), without waiting for an answer."""

import pytest

from immuno.triage import assess, decide, next_question, start


@pytest.mark.parametrize(
    "text",
    [
        "VENTRE TRES DUR ET DOULEUR INSUPPORTABLE AIDEZ MOI",
        "le ventre est devenu dur et la douleur monte, je suis à 9 sur 10",
        "mon mari a le ventre dur comme du bois et une douleur atroce",
        "ventre dur depuis ce matin, la douleur est à 8/10",
    ],
)
def test_a_hard_belly_with_a_strong_pain_is_an_emergency_at_once(text):
    assert assess(text).is_emergency


@pytest.mark.parametrize(
    "text",
    ["j'ai le ventre dur depuis hier", "ventre un peu dur, douleur à 3 sur 10"],
)
def test_a_hard_belly_alone_is_asked_about_after_the_15_line(text):
    assert not assess(text).is_emergency
    question = next_question(start(text))
    assert question.id == "hard_belly_q" and "15" in question.text


@pytest.mark.parametrize(
    "text",
    ["j'ai un mal de tête atroce", "il a eu 10 selles sur 10 jours", "douleur 9/10 au genou"],
)
def test_a_strong_pain_elsewhere_is_not_a_hard_belly(text):
    assert "hard_belly" not in [s.id for s in assess(text).signs]
    assert decide(start(text)).level != "emergency"
