"""How a message is read (tuning round 9, on the dev halves of vignette batches t and u):
each table holds the idea of a missed dev vignette in wordings of our own (other persons,
tenses, SMS), none copied from the vignettes, with near-misses that must not escalate. What
is asserted is what a user notices: the level given when every question is answered "non"."""

import pytest

# the helpers of the rounds before (tests/unit is on the path, pytest's rootdir import)
from wording import level


@pytest.mark.parametrize(
    "text",
    [
        # a faint told as "tomber dans les vapes"
        "ma mère est tombée dans les vapes à la boulangerie",
        "chui tombé ds les vapes 2 min tout à l'heure",
        # a wish never to wake up, with or without "ne"
        "j'aimerais m'endormir et ne plus jamais me réveiller",
        "jvoudrais m endormir et plus me reveiller",
        # someone else could not wake the patient
        "mon mari n'arrivait pas à me réveiller ce matin, j'étais comme partie",
        "on n'a pas réussi à la réveiller pendant deux minutes",
        # a racing heart with the room spinning
        "d'un coup mon cœur s'est mis à battre très vite et tout tournait autour de moi",
        # weakness told as a progression up the limbs
        "des fourmis d'abord dans les pieds, maintenant jusqu'aux genoux, je tiens mal debout",
        "mes jambes lâchent, d'abord les chevilles et maintenant les cuisses",
    ],
)
def test_an_emergency_in_everyday_words_goes_to_15(text):
    assert level(text) == "emergency"


@pytest.mark.parametrize(
    "text",
    [
        # tired in the morning: the writer cannot wake up, nobody failed to wake them
        "je n'arrive pas à me réveiller le matin depuis la cure, je suis crevée",
        "j'arrive plus à me réveiller sans trois réveils",
        # the fear of not waking up after an anaesthesia is no wish
        "j'ai peur de m'endormir et de ne plus me réveiller pendant l'anesthésie",
        # a night as black as tar is no stool
        "il fait nuit noire comme du goudron dehors, je n'aime pas rentrer à pied",
    ],
)
def test_the_same_words_in_an_everyday_sense_are_not_an_emergency(text):
    assert level(text) != "emergency"


@pytest.mark.parametrize(
    "text",
    [
        # tar-black stools told without the word "selles"
        "ce qu'il fait aux toilettes est noir comme du goudron depuis hier",
        # woken at night to run to the toilet
        "réveillée trois fois cette nuit pour filer aux toilettes, c'est liquide",
        "il se lève la nuit pour courir aux wc",
    ],
)
def test_a_stool_problem_told_around_the_word_is_urgent(text):
    assert level(text) == "urgent"


@pytest.mark.parametrize(
    "text",
    [
        # swollen of the limbs and the face, told as a list
        "il est gonflé des pieds, des mains et du visage depuis la perfusion",
        "enflée aux chevilles, aux mains et au visage",
    ],
)
def test_swelling_of_the_limbs_and_the_face_is_urgent(text):
    assert level(text) == "urgent"


@pytest.mark.parametrize(
    "text",
    [
        # a comparative is no denial: "plus frileuse que d'habitude"
        "je suis bien plus frileux qu'avant le traitement",
        # chapped lips are dry skin, not a swelling of the lips
        "mes lèvres sont gercées avec le vent, elles ne sont pas gonflées",
    ],
)
def test_a_mild_sign_in_everyday_words_gets_advice(text):
    assert level(text) == "advice"


def test_a_cold_feeling_that_stopped_is_not_a_complaint():
    assert level("je ne suis plus frileuse depuis que je prends mon Levothyrox") is None


@pytest.mark.parametrize(
    "text, expected",
    [
        # streaks of blood told by their colour, in the stools: urgent
        ("il y a des stries rouges dans ses selles depuis deux jours", "urgent"),
        # the same words on the skin are a rash
        ("j'ai des traînées rouges sur les bras, ça gratte un peu", "advice"),
    ],
)
def test_red_streaks_are_blood_in_the_stools_only(text, expected):
    assert level(text) == expected
