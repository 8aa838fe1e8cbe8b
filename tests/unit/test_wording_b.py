"""General ways of saying the signs of neuro, kidney, eyes, infusion, mood, IL-2 and the common
complaints (tuning round 5, second tuner): each table holds the idea of a failing dev vignette
and wordings of our own (other verbs, persons, SMS, a relative), none of them from the
vignettes. What is asserted is what a user notices: the level given when every question is
answered "non", or that a sign is read present, negated or not at all."""

import pytest

from wording import assertion, level  # tests/unit is on the path (no package)


# ------------------------------------------------------------------ kidney
@pytest.mark.parametrize(
    "text, expected",
    [
        # a small amount said as the only urine of the day
        ("depuis ce matin je n'ai uriné qu'un petit verre", "present"),
        ("il n'a fait pipi qu'un fond de verre depuis hier soir", "present"),
        ("jai pissé qu'un petit gobelet aujourd'hui", "present"),
        # the old wording "rendre de l'eau", the bladder that "no longer works"
        ("ma mère ne rend presque plus d'eau depuis deux jours", "present"),
        ("ma vessie ne marche plus comme avant, je me retiens pas mais rien ne vient", "present"),
        # a thin stream
        ("quand je vais aux toilettes c'est à peine un petit filet", "present"),
        # the everyday use of the same words
        ("je n'ai bu qu'un petit verre de vin au repas", None),
        ("juste un filet d'huile d'olive sur les légumes, c'est permis ?", None),
    ],
)
def test_less_urine(text, expected):
    assert assertion(text, "less_urine") == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        # swollen all over with very little urine: capillary leak, 15
        ("je gonfle de partout et je n'ai fait pipi qu'un fond de verre depuis hier", "emergency"),
        (
            "Mon mari est gonflé de partout, il n'a uriné qu'une petite tasse de la journée",
            "emergency",
        ),
        # SMS "0 pipi"
        ("0 pipi depuis ce matin", "emergency"),
        ("zero urine depuis hier soir c normal ?", "emergency"),
        ("mon père 0 pipi depuis midi", "emergency"),
    ],
)
def test_little_or_no_urine_levels(text, expected):
    assert level(text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        # what a relative sees in a urine bag, the colour after a comma
        ("la poche de ma sonde, c'est tout rose ce matin", "urgent"),
        ("Dans l'urinal de papa, c'est presque rouge", "urgent"),
        ("sa poche à urine est devenue rouge depuis hier", "urgent"),
        # a pocket, a bag that is not a urine bag
        ("j'ai mis mes clés dans la poche de mon manteau rouge, bref, tout va bien", None),
    ],
)
def test_red_urine_in_a_bag(text, expected):
    assert level(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Quand est prévu mon bilan rénal ?",
        "le médecin veut un examen rénal avant la cure, je dois être à jeun ?",
        "Mon médecin traitant demande si la fonction rénale sera contrôlée à la prochaine prise de sang",
    ],
)
def test_a_kidney_test_is_not_a_complaint(text):
    assert level(text) is None


@pytest.mark.parametrize(
    "text, expected",
    [
        # "avoir les chevilles qui enflent" of pride
        ("ma fille a les chevilles qui enflent depuis qu'elle a obtenu son permis", None),
        ("mon frère a les chevilles qui enflent depuis qu'il a réussi son concours", None),
        ("Mon mari a les chevilles qui enflent depuis qu'il a gagné le tournoi de belote", None),
        # the literal sense stays
        ("mes chevilles enflent depuis qu'il fait chaud", "present"),
    ],
)
def test_swollen_ankles_of_pride(text, expected):
    assert assertion(text, "swollen_ankles") == expected


# ------------------------------------------------------------------ neuro
@pytest.mark.parametrize(
    "text",
    [
        # a relative tells what the person says or does not recognise
        "elle dit nimporte quoi depuis ce matin",
        "il répond n'importe quoi quand je lui parle",
        "ma mère parle à son mari décédé comme s'il était dans la pièce",
        "il nous reconnaît à peine depuis hier soir",
        "papa ne savait plus pourquoi il était là, au milieu du jardin",
    ],
)
def test_confusion_told_by_a_relative(text):
    assert level(text) == "emergency"


@pytest.mark.parametrize(
    "text",
    [
        "je parle de ma mère décédée avec la psychologue, ça me fait du bien",
        "Ton message m'a fait rire, je te reconnais bien là !",
    ],
)
def test_not_confusion(text):
    assert assertion(text, "confusion") is None


@pytest.mark.parametrize(
    "text, expected",
    [
        # the perfect tense, with how long or when
        ("elle n'a pas répondu pendant au moins 30 secondes, le regard fixe", "emergency"),
        ("mon père n'a pas réagi quand je l'ai appelé par son prénom", "emergency"),
        ("il n'avait plus réagi pendant une minute, puis il s'est réveillé", "emergency"),
        # not answering a message
        ("le secrétariat n'a pas répondu à mon mail, qui dois-je appeler ?", None),
        ("Mon fils n'a pas répondu à ma question sur les horaires", None),
    ],
)
def test_loss_of_consciousness_in_the_perfect(text, expected):
    assert level(text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        # every tense of "voir", and what is seen twice
        ("je voyais les lignes en double en lisant le journal", "urgent"),
        ("depuis hier soir il voyait double", "urgent"),
        ("en lisant, les lettres se chevauchent, j'en vois deux l'une sur l'autre", "urgent"),
        ("mes paupières sont lourdes et tombent depuis ce matin", "urgent"),
        # seeing double from drink, eyelids heavy with sleep
        ("après l'apéro chez les voisins je voyais double haha", None),
        ("j'ai vu double après deux verres de vin hier, rien de grave", None),
        ("j'ai les paupières lourdes de sommeil, je vais me coucher", None),
        # no drink: double vision is read
        ("je ne bois jamais d'alcool et pourtant je vois double", "urgent"),
        ("je n'ai pas bu de vin et je voyais double au dîner", "urgent"),
    ],
)
def test_double_vision_and_eyelids(text, expected):
    assert level(text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        # food or drink that will not go down, or goes the wrong way
        ("je n'arrive plus à faire passer mes cachets", "emergency"),
        ("il ne peut plus faire descendre la nourriture", "emergency"),
        ("l'eau me passe de travers à chaque gorgée", "emergency"),
        ("jarrive pas a faire descendre ma soupe", "emergency"),
        # "avaler" of news, a decision
        ("Mon frère a du mal à avaler la nouvelle de mon diagnostic", None),
        (
            "j'ai du mal à avaler cette décision du médecin, bref, à quelle heure est la perf ?",
            None,
        ),
    ],
)
def test_swallowing(text, expected):
    assert level(text) == expected


def test_going_the_wrong_way_is_not_a_resolution():
    assert assertion("je tousse et tout me passe de travers", "cough") == "present"
    assert assertion("je tousse depuis hier et ça passe mal", "cough") == "present"
    assert assertion("je toussais hier, c'est passé", "cough") == "resolved"


@pytest.mark.parametrize(
    "text, expected",
    [
        ("il a failli faire une crise en voyant la facture", None),
        ("j'ai presque fait une crise quand le train a été annulé", None),
        ("elle a fait une crise, tout le corps tremblait", "emergency"),
    ],
)
def test_seizure_or_temper(text, expected):
    assert level(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "mon mari me tape sur les nerfs avec ses questions",
        "quels sont les signes à surveiller pour les nerfs ?",
        "Est-ce que ce traitement peut toucher les nerfs ?",
    ],
)
def test_nerves_named_without_a_complaint(text):
    assert level(text) is None


@pytest.mark.parametrize(
    "text, expected",
    [
        # pain explained by an effort
        ("j'ai mal aux mollets parce que j'ai porté des cartons tout le week-end", None),
        ("mal aux jambes depuis que j'ai repris la marche, c'est normal je pense", None),
        ("J'ai mal aux cuisses à force de jardiner", None),
        # pain alone is still a complaint
        ("j'ai mal aux bras depuis hier sans raison", "urgent"),
    ],
)
def test_pain_explained_by_an_effort(text, expected):
    assert level(text) == expected


# ------------------------------------------------------------------ infusion
@pytest.mark.parametrize(
    "text, expected",
    [
        ("j'ai la lèvre gonflée parce que je me suis cognée contre la porte", False),
        ("la lèvre enflée à cause d'un bouton de fièvre, ça pique", False),
        ("Ma bouche est un peu gonflée depuis les soins dentaires de ce matin", False),
        ("ma lèvre gonfle pendant la perfusion", True),
    ],
)
def test_a_lip_swollen_for_a_plain_reason(text, expected):
    assert (assertion(text, "anaphylaxis") == "present") is expected


# ------------------------------------------------------------------ mood
@pytest.mark.parametrize(
    "text, expected",
    [
        # something else will "kill me": exasperation
        ("ce boulot va me tuer, vivement les vacances", None),
        ("mes petits-enfants vont me tuer avec leur bruit !", None),
        # the writer, or someone else, about killing themselves
        ("je vais me tuer", "present"),
        ("mon fils dit qu'il va se tuer", "present"),
        ("j'ai envie de me tuer", "present"),
    ],
)
def test_suicidal_or_exasperated(text, expected):
    assert assertion(text, "suicidal") == expected


@pytest.mark.parametrize(
    "text",
    [
        "toujours de bonne humeur malgré la perf, merci à l'équipe",
        "mon humeur est au beau fixe depuis les bons résultats",
        "L'humeur du jour : contente d'avoir fini la cure",
    ],
)
def test_a_good_mood_is_not_a_complaint(text):
    assert level(text) is None


@pytest.mark.parametrize(
    "text, sign",
    [
        ("j'ai eu un coup de blues mais j'ai remonté la pente", "low_mood"),
        ("j'avais le nez qui coule la semaine dernière, maintenant je vais bien", "runny_nose"),
        ("il était très déprimé à l'annonce, il se sent bien maintenant", "low_mood"),
    ],
)
def test_over_now(text, sign):
    assert assertion(text, sign) == "resolved"


def test_relief_is_not_breathing():
    assert level("ouf je respire enfin, les résultats sont bons") is None
    assert level("je respire enfin, le scanner est rassurant, merci docteur") is None


# ------------------------------------------------------------------ IL-2, common
@pytest.mark.parametrize(
    "text, expected",
    [
        ("la grippe circule à l'école de mon petit-fils, je peux le garder ?", None),
        ("il y a des cas de grippe dans l'immeuble, je dois porter un masque ?", None),
        ("je me sens comme avec une bonne grippe depuis l'injection", "present"),
    ],
)
def test_flu_around_or_flu_like(text, expected):
    assert assertion(text, "flu_like") == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        # the common misspelling "creuvé"
        ("un peu creuvée ces jours-ci mais ça va", "present"),
        ("jsuis creuvé depuis la perf", "present"),
        # tired from a journey
        ("fatigué du voyage mais tout va bien, à demain", None),
        ("Je suis un peu fatiguée du trajet en train, rien d'autre", None),
    ],
)
def test_mild_fatigue(text, expected):
    assert assertion(text, "mild_fatigue") == expected


@pytest.mark.parametrize(
    "text",
    [
        # urine that still comes, by when or how much each time: the anuria question is not asked
        "j'urine beaucoup moins, je remplis juste un petit gobelet à chaque fois",
        "il fait pipi deux fois par jour seulement, bien moins qu'avant",
        "mon mari urine le matin et le soir, pas plus, beaucoup moins qu'avant",
    ],
)
def test_urine_that_still_comes_denies_no_urine(text):
    assert assertion(text, "no_urine") == "negated"
    assert level(text) == "urgent"


@pytest.mark.parametrize(
    "text, expected",
    [
        # urine coloured by beetroot
        ("j'ai mangé des betteraves à midi et ce soir mes urines sont roses", None),
        ("Mon pipi est rose depuis le repas de betteraves d'hier, c'est ça ?", None),
        # no beetroot: red urine is read
        ("mes urines sont rouges et je n'ai pas mangé de betteraves", "present"),
        ("pas de betteraves au menu et pourtant mon pipi est rouge", "present"),
    ],
)
def test_red_urine_and_beetroot(text, expected):
    assert assertion(text, "red_urine") == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        # a sign said between the drink or the beetroot and the look-alike is still read
        ("j'ai bu du vin et depuis j'ai mal à la tête et je vois double", "emergency"),
        ("betteraves hier et depuis j'ai de la fièvre et mon pipi est rose", "urgent"),
        ("un apéro hier et ce matin je vomis et je vois double", "urgent"),
    ],
)
def test_a_look_alike_hides_no_other_sign(text, expected):
    assert level(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "le moral est toujours bon malgré les séances",
        "Son moral reste plutôt bon, il plaisante avec les infirmières",
        "moral au top depuis les résultats !",
    ],
)
def test_a_good_morale_is_not_a_complaint(text):
    assert level(text) is None
