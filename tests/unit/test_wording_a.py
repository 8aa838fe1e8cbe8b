"""General ways of saying the signs of digestive, fever, breathing, heart, liver, skin,
hormones and diabetes: for each, the idea of a dev vignette that was missed plus wordings of
our own (other verbs, persons, SMS, a relative), and the everyday uses that must stay benign.
Asserted as a user sees it: the level given once every question is answered "non", or
whether the sign is read present ("sign") or not ("-sign")."""

import pytest
from wording import LEVELS, signs
from wording import level_after_no as level  # tests/unit is on the path (no package)

from immuno.triage import assess


# ----------------------------------------------------------------- breath_rest: air that does not come
BREATH_REST = [
    ("J'ai du mal à trouver mon air même sans bouger", "emergency"),
    ("mon père n'arrive plus à avoir de l'air", "emergency"),
    ("je trouve plus mon air depuis ce matin", "emergency"),
    ("jarrive pas a trouver mon air", "emergency"),
    ("ma femme dit que l'air rentre plus", "emergency"),
    # a look, going out: not breathing
    ("je trouve son air fatigué ces jours-ci", "-breath_rest"),
    ("j'ai du mal à prendre l'air en ce moment avec le travail", "-breath_rest"),
]


# ----------------------------------------------------------------- thirst: nothing quenches it
THIRST = [
    ("Depuis trois jours j'ai une soif que rien n'étanche", "urgent"),
    ("rien ne calme ma soif depuis hier", "urgent"),
    ("ma mère n'arrive pas à étancher sa soif", "urgent"),
    ("j'ai beau boire des litres j'ai toujours la gorge sèche", "urgent"),
    ("il a une soif qui ne passe pas", "urgent"),
]


# ----------------------------------------------------------------- polyuria: not once or twice a night
def test_getting_up_once_or_twice_a_night_to_pee_is_not_polyuria():
    for text in (
        "Je me lève deux fois la nuit pour faire pipi, comme depuis des années",
        "il se lève une fois par nuit pour uriner, rien de nouveau",
    ):
        assert "polyuria" not in signs(text), text
    for text in (
        "je me lève six fois par nuit pour uriner",
        "il se relève sans arrêt pour faire pipi",
    ):
        assert "polyuria" in signs(text), text


# ----------------------------------------------------------------- "ça passe pas": not over
NOT_OVER = [
    ("J AI DES CRAMPES DANS LE VENTRE TOUTE LA SOIREE CA PASSE PAS", "abdominal_pain"),
    ("mal au ventre depuis midi, ça passe toujours pas", "abdominal_pain"),
    ("il a des frissons et ça s'arrête pas", "chills"),
    ("jai la tete qui tourne ca passe pas", "dizziness"),
]


def test_a_symptom_that_passed_is_still_resolved():
    assert "abdominal_pain" in assess("j'avais mal au ventre hier, c'est passé").resolved


# ----------------------------------------------------------------- black_stool: words between
BLACK_STOOL = [
    ("Ça fait trois jours que mes selles sont très foncées, presque noires", "urgent"),
    ("le caca de mon mari est devenu tout foncé", "black_stool"),
    ("mes selles sont devenues très foncées depuis la cure", "black_stool"),
    ("ses selles sont presque noirâtres", "black_stool"),
]


def test_normal_stools_are_not_black():
    assert "black_stool" not in signs("les selles sont normales, pas noires")


# ----------------------------------------------------------------- hard_belly: a hard belly and an extreme pain
HARD_BELLY = [
    ("le ventre est devenu dur et la douleur monte, là je suis à 9 sur 10", "emergency"),
    ("VENTRE TRES DUR ET DOULEUR INSUPPORTABLE", "emergency"),
    ("une douleur atroce depuis ce matin et son ventre est tout dur", "emergency"),
    ("douleur 10/10, le ventre de ma mère est dur comme du bois", "emergency"),
    ("ventre dur, mal horrible, je peux plus bouger", "emergency"),
]


def test_a_hard_belly_without_pain_is_not_an_emergency():
    assert level("le ventre n'est pas dur, douleur 3/10") != "emergency"
    assert level("j'ai le ventre dur comme de la pierre à force de gainage, haha") != "emergency"


# ----------------------------------------------------------------- diarrhea, night_stools: the belly that empties
DIARRHEA = [
    ("la nuit je dois me relever pour aller au cabinet, le ventre se vide", "night_stools"),
    ("mon mari se vide par le bas depuis hier", "diarrhea"),
    ("j'ai les intestins qui se vident dès que je mange", "diarrhea"),
    ("elle se lève la nuit pour aller au petit coin, la diarrhée la réveille", "night_stools"),
]


# ----------------------------------------------------------------- vomiting, vomit_blood: "rendu" alone
VOMITING = [
    ("J'ai rendu tout à l'heure et c'était tout rouge, du sang", "emergency"),
    ("il a rendu, il y avait du sang dedans", "emergency"),
    ("ma femme a rendu deux fois cette nuit", "vomiting"),
    ("elle a encore rendu ce matin", "vomiting"),
    # giving back, a visit, a feeling: not vomiting
    ("j'ai rendu les clés de l'appartement hier", "-vomiting"),
    ("ça m'a rendu malade de voir ça", "-vomiting"),
    ("j'ai rendu tous les papiers à la secrétaire", "-vomiting"),
    ("ma fille m'a rendu visite dimanche", "-vomiting"),
]


# ----------------------------------------------------------------- low_bp: a reading in words
LOW_BP = [
    ("ma tension est à huit sur cinq alors que j'ai toujours eu douze", "urgent"),
    ("ma tension est à sept sur quatre ce soir", "urgent"),
    ("le tensiomètre affiche huit cinq, d'habitude j'ai treize", "urgent"),
    ("tension de mon père : six sur quatre", "urgent"),
]


def test_a_pressure_low_all_ones_life_stays_ones_normal():
    assert "low_bp" not in signs("j'ai toujours eu une tension basse, 9/6, c'est ma nature")


# ----------------------------------------------------------------- severe_fatigue: "ne" and "sans" belong to the sign
SEVERE_FATIGUE = [
    ("Je suis à plat, sans aucune force, je ne peux plus faire mon ménage", "urgent"),
    ("ma mère ne peut même plus faire son lit", "urgent"),
    ("je suis sans énergie depuis la cure", "urgent"),
    ("il n'arrive plus à faire sa toilette tout seul", "urgent"),
]


# ----------------------------------------------------------------- dark_urine: old words, a drink's colour
DARK_URINE = [
    ("Mes eaux sont toutes foncées, couleur bière brune", "urgent"),
    ("ses eaux sont marron depuis hier", "dark_urine"),
    ("le pipi est couleur cognac ce matin", "dark_urine"),
    ("mes urines ont une couleur de rouille", "dark_urine"),
]


# ----------------------------------------------------------------- drowsy: asleep all the time, falls asleep again
DROWSY = [
    ("yeux jaunes et jsuis tout le temps endormi", "emergency"),
    ("il a les yeux jaunes et il est endormi toute la journée", "emergency"),
    ("elle s'est rendormie d'un coup sur le canapé", "drowsy"),
    ("on a du mal à le faire parler, il somnole", "drowsy"),
    ("ma femme est endormie en permanence depuis deux jours", "drowsy"),
]


# ----------------------------------------------------------------- blisters: old word, a scald without one
BLISTERS = [
    ("J'ai des vessies sur la peau, comme quand on s'ébouillante", "emergency"),
    ("elle a des ampoules sur les bras comme si elle s'était brûlée", "emergency"),
    ("mon père a des vessies aux jambes", "emergency"),
    ("la peau du dos fait comme si je m'étais brûlée, avec des bulles", "emergency"),
]


def test_the_bladder_is_not_a_blister():
    assert "blisters" not in signs("la vessie ne travaille plus comme avant")


# ----------------------------------------------------------------- look-alikes that stay benign
TREMOR = [
    ("J'ai tremblé tout le match de mon petit-fils", "-tremor"),
    ("je tremble pour mon fils qui passe son bac", "-tremor"),
    ("ma machine à laver tremble à l'essorage", "-tremor"),
    ("on a tous tremblé pendant les tirs au but", "-tremor"),
    ("je tremble de partout depuis ce matin", "urgent"),
]
PALPITATIONS = [
    ("Mon cœur bat la chamade, ma fille m'annonce qu'elle est enceinte", "-palpitations"),
    ("ma petite-fille est enceinte, mon coeur s'emballe de joie", "-palpitations"),
    ("il m'a demandée en mariage, mon cœur bat à toute vitesse", "-palpitations"),
    ("mon coeur bat la chamade depuis une heure", "palpitations"),
]
COUGH_BLOOD = [
    ("J'ai craché un dentifrice tout rose", "-cough_blood"),
    ("elle crache rouge après son sirop de grenadine", "-cough_blood"),
    ("après les betteraves mon crachat était rose", "-cough_blood"),
    ("je tousse et je crache rose depuis hier", "emergency"),
]
FAST_BREATHING = [
    ("Au yoga on fait des respirations rapides", "-fast_breathing"),
    ("en sophrologie on respire très vite puis lentement", "-fast_breathing"),
    ("on fait des respirations rapides avec la kiné, c'est un exercice", "-fast_breathing"),
    ("depuis la séance de yoga je respire très vite et ça ne se calme pas", "emergency"),
]
HEADACHE = [
    ("Ce casse-tête des bons de transport me donne mal à la tête", "-headache"),
    ("la paperasse de la CPAM me file la migraine", "-headache"),
    ("les formulaires de la mutuelle me donnent des maux de tête", "-headache"),
    ("j'ai une migraine terrible depuis hier", "urgent"),
]
WEIGHT_LOSS = [
    ("J'ai perdu 2 kilos en faisant attention aux gâteaux", "-weight_loss"),
    ("il a perdu 3 kilos, c'était voulu", "-weight_loss"),
    ("j'ai perdu 4 kg comme le médecin me l'avait conseillé", "-weight_loss"),
    ("j'ai perdu 5 kilos sans rien faire", "urgent"),
]
SWEATING = [
    ("à 35 degrés je transpire comme tout le monde", "-sweating"),
    ("Mon mari transpire en jardinant", "-sweating"),
    ("elle transpire en bêchant le potager", "-sweating"),
    ("je transpire la nuit au point de tremper les draps", "sweating"),
]
# the weather, not the body (immuno/understanding.py)
TEMPERATURE = [
    ("il fait 35 degrés dehors", "-fever"),
    ("Il va faire 35 degrés ce week-end", "-fever"),
    ("en plein mois d'août à 35 degrés", "-fever"),
    ("j'ai 39 degrés de fièvre avec cette chaleur", "urgent"),
    ("mon thermomètre dit 35 degrés, je grelotte", "fever"),
]
# a value just given, judged in a question: the writer's own reading
JUDGED_VALUE = [
    ("Une tension à 9/5, c'est trop bas ?", "urgent"),
    ("glycémie à 3,2 ce soir c'est trop haut ?", "urgent"),
    ("la tension de mon père est à 7/4, c'est pas trop bas ?", "urgent"),
]


TABLES = {
    "breath_rest": BREATH_REST,
    "thirst": THIRST,
    "not_over": NOT_OVER,
    "black_stool": BLACK_STOOL,
    "hard_belly": HARD_BELLY,
    "diarrhea": DIARRHEA,
    "vomiting": VOMITING,
    "low_bp": LOW_BP,
    "severe_fatigue": SEVERE_FATIGUE,
    "dark_urine": DARK_URINE,
    "drowsy": DROWSY,
    "blisters": BLISTERS,
    "tremor": TREMOR,
    "palpitations": PALPITATIONS,
    "cough_blood": COUGH_BLOOD,
    "fast_breathing": FAST_BREATHING,
    "headache": HEADACHE,
    "weight_loss": WEIGHT_LOSS,
    "sweating": SWEATING,
    "temperature": TEMPERATURE,
    "judged_value": JUDGED_VALUE,
}


@pytest.mark.parametrize(
    "text, expected",
    [
        pytest.param(t, e, id=f"{name}-{i}")
        for name, rows in TABLES.items()
        for i, (t, e) in enumerate(rows)
    ],
)
def test_wording(text, expected):
    a = assess(text)
    found = [s.id for s in a.signs]
    if expected in LEVELS:
        assert level(text) == expected, (text, found, a.negated, a.resolved)
    elif expected.startswith("-"):
        assert expected[1:] not in found, (text, found)
    else:
        assert expected in found, (text, found, a.negated, a.resolved)
