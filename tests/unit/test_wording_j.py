"""How a message is read (round 11): swelling told as a list of body parts, urine told by how
little or how rarely, episodes that pass, a low mood in everyday words. What is asserted is what
a user notices: the level given when every question is answered "non"."""

import pytest

from wording import level, signs


@pytest.mark.parametrize(
    "text",
    [
        "le visage et les jambes ont gonflé, et il urine beaucoup moins",
        "mes jambes, mon ventre et mon visage ont gonflé, et je fais très peu pipi",
        "je suis enflée des pieds à la tête et mes urines ont beaucoup diminué",
        "mon mari a le corps tout gonflé et il a uriné une seule fois depuis hier",
        "tout mon corps est enflé et je n'ai uriné qu'un petit peu aujourd'hui",
        "elle est bouffie de partout et elle ne va plus aux toilettes pour uriner",
    ],
)
def test_swollen_all_over_with_little_urine_is_an_emergency(text):
    assert level(text) == "emergency"


@pytest.mark.parametrize(
    "text",
    [
        "j'ai les mains gonflées, j'ai fait la vaisselle, mes pieds vont bien",
        "mes pieds ont gonflé dans l'avion, j'ai mal au ventre",
        "j'ai mal aux jambes et au ventre, un peu gonflée après le repas",
    ],
)
def test_body_parts_in_separate_statements_are_no_generalised_swelling(text):
    assert "generalized_swelling" not in signs(text)


def test_nothing_coming_out_when_trying_to_urinate_is_an_emergency():
    assert level("rien ne sort quand je vais aux toilettes pour uriner depuis ce matin") == (
        "emergency"
    )


def test_nights_spent_urinating_are_no_diarrhoea():
    found = signs("je passe mes nuits aux toilettes à uriner et j'ai tout le temps soif")
    assert "polyuria" in found and "stools_4plus" not in found


@pytest.mark.parametrize(
    "text",
    [
        "juste des petits vertiges depuis hier, je me tiens au mur et ça passe",
        "j'ai des vertiges quand je me lève, ça passe au bout de quelques minutes",
    ],
)
def test_episodes_that_pass_are_still_a_symptom(text):
    assert level(text) == "urgent"


def test_a_symptom_said_over_is_still_advice():
    assert level("j'ai eu de la fièvre hier et c'est passé") == "advice"


@pytest.mark.parametrize(
    "text",
    [
        "le moral est pas top en ce moment, ça descend un peu plus chaque semaine",
        "mon moral n'est pas terrible depuis la dernière cure",
    ],
)
def test_a_low_mood_in_everyday_words_is_read(text):
    assert "low_mood" in signs(text)
