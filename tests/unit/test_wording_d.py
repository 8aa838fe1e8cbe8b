"""General ways of saying the signs of neuro, kidney, eyes, IL-2, mood and the common
complaints (tuning round 6, tuner d): each table holds the idea of a failing dev vignette and
wordings of our own (other verbs, persons, SMS, a relative), none of them from the vignettes.
What is asserted is what a user notices: the level given when every question is answered
"non", or that a sign is read present, negated or not at all."""

import pytest

from immuno.normalize import normalize

# the helpers of the round before: the level given when every question is answered "non",
# and how a sign is read (tests/unit is on the path, pytest's rootdir import)
from wording import assertion, level


# ------------------------------------------------------------------ kidney
@pytest.mark.parametrize(
    "text, expected",
    [
        # "ne ... presque plus pipi": the "ne" belongs to the sign, it does not deny it
        ("il ne fait quasiment plus pipi depuis hier", "present"),
        ("je fais plus guère pipi ces jours-ci", "present"),
        ("Ma mère ne fait presque plus pipi", "present"),
        # the old wording "faire de l'eau"
        ("mon père ne fait presque plus d'eau depuis deux jours", "present"),
        ("je fais très peu d'eau depuis la cure", "present"),
        # the everyday use of the same words
        ("je ne fais plus d'eau gazeuse à la maison, la machine est cassée", None),
    ],
)
def test_less_urine(text, expected):
    assert assertion(text, "less_urine") == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        # not a drop passed all day, said without a urinary word: 15
        ("il n'a pas sorti une seule goutte depuis ce matin", "emergency"),
        ("jai rien laché une goutte de la nuit", "emergency"),
        # nothing comes at the toilet
        ("je vais aux toilettes mais rien ne sort depuis hier", "emergency"),
        ("Ma femme essaie de faire pipi, pas une goutte ne vient", "emergency"),
        # an infinitive inside a question
        ("c'est inquiétant de ne plus avoir uriné depuis hier midi ?", "emergency"),
        # a drop of something else, or a drink
        ("je n'ai pas bu une goutte d'alcool depuis le début du traitement", None),
        ("je n'ai pas versé une goutte de sueur au sport, trop facile", None),
    ],
)
def test_no_urine(text, expected):
    assert level(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        # swollen all over (SMS "partt") with little urine: capillary leak, 15
        "gonflée de partt et presque plus de pipi",
        "je suis enflé de prtt depuis hier et je fais presque plus pipi",
        "mon mari a gonflé de partout, il ne fait quasiment plus pipi",
    ],
)
def test_swelling_with_little_urine_is_an_emergency(text):
    assert level(text) == "emergency"


def test_sms_spellings_of_partout():
    assert normalize("gonflé de partt") == "gonfle de partout"
    assert normalize("ça gratte prtt") == "ca gratte partout"


# ------------------------------------------------------------------ IL-2: a question with a report
@pytest.mark.parametrize(
    "text, expected",
    [
        # a general question followed by what the writer sees on their own body
        (
            "C'est normal d'être gonflée partout sous interleukine ? Mes doigts sont boudinés",
            "urgent",
        ),
        ("est-ce grave d'enfler de partout ? mon visage est tout bouffi ce matin", "urgent"),
        ("C'est normal d'être gonflé de partout ? Mes pieds ne rentrent plus", "urgent"),
    ],
)
def test_generalized_swelling_in_a_question(text, expected):
    assert level(text) == expected


# ------------------------------------------------------------------ eyes
@pytest.mark.parametrize(
    "text, expected",
    [
        # "la vue qui se brouille", "tout est trouble", "ne voit plus bien"
        ("j'ai la vision qui se trouble quand je lis", "present"),
        ("mon père dit que tout est trouble devant lui", "present"),
        ("je vois plus très bien depuis ce matin", "present"),
        ("elle voit plus aussi bien qu'avant de l'œil droit", "present"),
        # "ne voit plus bien" of an idea, "trouble" of an affair
        ("je ne vois plus bien l'intérêt de ce traitement", None),
        ("tout est trouble dans cette histoire de mutuelle", None),
    ],
)
def test_blurred_vision(text, expected):
    assert assertion(text, "blurred_vision") == expected


@pytest.mark.parametrize(
    "text",
    [
        # a bad headache with blurred vision: 15
        "mal de crâne horrible et la vue qui se brouille",
        "Mon mari a une migraine terrible et il ne voit plus bien",
        "gros mal de tete, tout est trouble",
    ],
)
def test_headache_with_blurred_vision_is_an_emergency(text):
    assert level(text) == "emergency"


# ------------------------------------------------------------------ neuro
@pytest.mark.parametrize(
    "text, expected",
    [
        # stopped responding, shaken with no response: 15
        ("mon père a cessé de réagir brutalement pendant le repas", "emergency"),
        ("il a arrêté net de répondre, on l'a pincé, aucune réaction", "emergency"),
        ("je l'ai secouée plusieurs fois, pas de réaction", "emergency"),
        # found on the floor with no memory of it
        ("on m'a retrouvé par terre dans la salle de bain et je me souviens de rien", "emergency"),
        # not answering messages
        ("ma fille a arrêté de répondre à mes messages, elle boude", None),
        ("j'ai secoué la bouteille de ketchup, rien ne sort", None),
    ],
)
def test_loss_of_consciousness(text, expected):
    assert level(text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        # jerking as a witness tells it
        ("mon mari se débattait par terre, il bavait", "present"),
        ("elle tremblait comme un pantin désarticulé sur le canapé", "present"),
        ("ma femme dit que je gigotais au sol", "present"),
        # a fidgeting child
        ("mon petit-fils gigote dans tous les sens à table, il est infernal", None),
    ],
)
def test_seizure(text, expected):
    assert assertion(text, "seizure") == expected


# ------------------------------------------------------------------ mood
@pytest.mark.parametrize(
    "text, expected",
    [
        # set phrases of worry and of nights without sleep
        ("je me fais un sang d'encre pour les résultats", "advice"),
        ("ma femme se ronge les sangs depuis le scanner", "advice"),
        ("jai pas fermé l'oeil de la nuit", "advice"),
        ("Il ne ferme plus l'oeil depuis l'annonce", "advice"),
    ],
)
def test_worry_sleep(text, expected):
    assert level(text) == expected


# ------------------------------------------------------------------ common
@pytest.mark.parametrize(
    "text, expected",
    [
        # sore all over, in everyday words
        ("je me sens toute fourbue depuis la cure", "present"),
        ("il est complètement moulu ce matin", "present"),
        ("j'ai le corps en compote depuis hier", "present"),
        ("comme si j'étais passé sous un rouleau compresseur", "present"),
        # the everyday use of the same words
        ("j'ai acheté du café moulu, je peux en boire ?", None),
        ("mon mari est rompu aux démarches administratives", None),
    ],
)
def test_aches(text, expected):
    assert assertion(text, "aches") == expected


# ------------------------------------------------------------------ figures and questions
@pytest.mark.parametrize(
    "text, expected",
    [
        # a document or a plan said confused is no confusion
        ("le courrier de la CPAM est vraiment confus, je n'y comprends rien", None),
        ("Les consignes pour la prise de sang étaient confuses, je viens à jeun ?", None),
        ("ce planning reste confus pour moi, vous pouvez me le renvoyer ?", None),
        # a person confused is still an emergency
        ("mon père est confus depuis ce matin, il ne reconnaît plus la maison", "emergency"),
        (
            "les explications étaient confuses mais ma femme est très confuse depuis hier",
            "emergency",
        ),
    ],
)
def test_confused_of_a_thing_or_a_person(text, expected):
    assert level(text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        # paralysed by a feeling, the weather, a strike
        ("je suis paralysée par le trac avant chaque consultation", None),
        ("la grève paralyse la ville, je pourrai venir à ma perf ?", None),
        ("mon envie de sortir est paralysée par la canicule", None),
        # paralysed limbs
        ("il a le bras gauche paralysé depuis une heure", "emergency"),
        ("ma mère est paralysée du côté droit depuis ce matin", "emergency"),
    ],
)
def test_paralysed(text, expected):
    assert level(text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        # "fatigué de" + what wears the patience
        ("je suis fatigué de vos horaires qui changent tout le temps", None),
        ("ma mère est fatiguée de cette paperasse, elle va bien sinon", None),
        # tiredness itself
        ("je suis fatiguée depuis la perfusion", "advice"),
    ],
)
def test_fed_up_is_not_tiredness(text, expected):
    assert level(text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        # the morale of a team or a country
        ("le moral de l'équipe est au plus bas après la défaite", None),
        ("Le moral des ménages baisse, dit la radio. Moi je vais bien !", None),
        # the writer's own
        ("mon moral est au plus bas depuis la dernière cure", "urgent"),
    ],
)
def test_morale_of_others(text, expected):
    assert level(text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        # what the writer was told may happen is a question, not a report
        (
            "l'infirmière m'a prévenue que je pouvais avoir des frissons pendant la perf, c'est fréquent ?",
            None,
        ),
        (
            "on m'a expliqué qu'on pouvait faire une réaction à la perfusion, que faut-il faire ?",
            None,
        ),
        ("Le médecin m'a dit que ça pourrait donner des boutons, c'est souvent ?", None),
        # a report after what was told
        (
            "on m'a dit que ça pouvait arriver. Là j'ai des plaques rouges partout et je me sens "
            "partir pendant la perf",
            "emergency",
        ),
    ],
)
def test_told_it_could_happen(text, expected):
    assert level(text) == expected


# ------------------------------------------------------------------ lead, round 6 leftovers
@pytest.mark.parametrize(
    "text, sign, expected",
    [
        # no spring left in one: tiredness, with its "ne ... plus"
        ("Je suis toute chose, sans ressort depuis lundi", "mild_fatigue", "present"),
        ("il n'a plus de ressort du tout", "mild_fatigue", "present"),
        ("un ressort du matelas est cassé", "mild_fatigue", None),
        # SMS "jme sen partir": about to faint (asked about, 15 line first)
        ("jme sen partir depuis tt a lheure", "fainting", "uncertain"),
        ("ma mère dit qu'elle se sen partir", "fainting", "uncertain"),
    ],
)
def test_round_six_leftovers(text, sign, expected):
    assert assertion(text, sign) == expected


def test_rash_after_the_infusion_and_about_to_faint_by_sms_is_15():
    assert level("apres la perf g eu des plaques rouges et la jme sen partir") == "emergency"
