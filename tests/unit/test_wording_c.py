"""General ways of saying the signs of digestive, fever, breathing, heart, liver, skin,
hormones and diabetes (round c): for each, the idea of a dev vignette that was missed plus
wordings of our own (other verbs, persons, SMS, a relative), and the everyday uses that must
stay benign. Asserted as a user sees it: the level given once every question is answered
"non", or whether the sign is read present ("sign") or not ("-sign")."""

import pytest
from wording import LEVELS, signs
from wording import level_after_no as level  # tests/unit is on the path (no package)

from immuno.triage import assess, is_question


def check(text, expected):
    if expected in LEVELS:
        assert level(text) == expected, text
    elif expected.startswith("-"):
        assert expected[1:] not in signs(text), text
    else:
        assert expected in signs(text), text


# ----------------------------------------------------------------- hard_belly: a cry at the touch, bent double
HARD_BELLY = [
    # a cry, a moan at the touch, then the hard belly
    ("Mon mari a très mal, il crie quand je touche, son ventre est dur comme du bois", "emergency"),
    ("elle hurle dès qu'on appuie, le ventre est tout dur", "emergency"),
    ("il gémit au moindre contact, son ventre est rigide", "emergency"),
    ("ma fille grimace quand le médecin palpe, elle a le ventre dur", "emergency"),
    # bent double, without "de douleur"
    ("le ventre dur comme une planche avec une douleur qui me plie en deux", "emergency"),
    ("j'ai le ventre tout dur et je suis pliée en deux", "emergency"),
    ("son ventre est dur, il est plié en quatre sur le canapé", "emergency"),
    # laughing, sport: not a surgical belly
    ("j'ai le ventre dur à force d'abdos, mon fils me plie en deux de rire", "-hard_belly"),
]


# ----------------------------------------------------------------- fainting: "tomber dans la pomme" (SMS)
FAINTING = [
    ("jsui tombé dans les pomme ce matin", "emergency"),
    ("ma mère est tombée ds les pommes au marché", "emergency"),
    ("il est tombé dans la pomme en se levant", "emergency"),
    ("chui tombée dans les pome hier soir", "emergency"),
]


# ----------------------------------------------------------------- thirst: drinking the sea
THIRST = [
    ("J'ai le gosier sec jour et nuit, je boirais la mer et les poissons", "urgent"),
    ("mon père dit qu'il pourrait boire un lac", "urgent"),
    ("jpourrais boire la mer tellement j'ai la gorge sèche", "urgent"),
    ("elle avalerait une rivière depuis deux jours", "urgent"),
    # a wish for a holiday is no thirst
    ("j'ai hâte de voir la mer cet été", "-thirst"),
]


# ----------------------------------------------------------------- cannot_eat: neither eats nor drinks
CANNOT_EAT = [
    ("Depuis hier je ne mange ni ne bois", "urgent"),
    ("ma mère ne mange ni ne boit depuis deux jours", "urgent"),
    ("il ne boit ni ne mange plus", "cannot_eat"),
    ("je n'ai rien pu avaler de la journée", "urgent"),
    ("elle n'a rien pu garder depuis ce matin", "cannot_eat"),
]


# ----------------------------------------------------------------- severe_fatigue: no longer leaves the bed
SEVERE_FATIGUE = [
    ("Maman ne se lève plus du lit", "urgent"),
    ("il ne sort plus de son lit depuis la cure", "urgent"),
    ("je ne quitte presque plus le canapé", "urgent"),
    ("elle n'a même plus la force de faire sa toilette", "urgent"),
    ("j'ai plus la force de m'habiller le matin", "urgent"),
    # getting up at night less often is no tiredness
    ("je ne me lève plus la nuit pour faire pipi", "-severe_fatigue"),
]


# ----------------------------------------------------------------- weight_loss: clothes grown too big
WEIGHT_LOSS = [
    ("mes robes sont toutes devenues trop grandes", "urgent"),
    ("ses pantalons sont devenus bien trop larges", "urgent"),
    ("mon alliance est devenue trop grande", "urgent"),
    ("mes pulls sont tous trop grands maintenant", "urgent"),
]


# ----------------------------------------------------------------- bruising_bleeding: spots without a knock
BRUISING = [
    ("J'ai des taches bleues partout sur les cuisses", "urgent"),
    ("des bleus sur les bras, je ne me suis cognée nulle part", "urgent"),
    ("il a des marques violettes sur les jambes sans raison", "urgent"),
    ("des hématomes sur le ventre alors qu'elle ne s'est pas cognée", "urgent"),
    ("des taches violettes sont venues toutes seules sur mes tibias", "bruising_bleeding"),
]


# ----------------------------------------------------------------- drowsy: hard to rouse
DROWSY = [
    ("elle rouvre à peine les yeux quand je l'appelle", "drowsy"),
    ("mon père ouvre tout juste les yeux si on le secoue", "drowsy"),
    ("il n'ouvre même pas les yeux quand on lui parle", "drowsy"),
    ("Ma mère a les yeux jaunes et elle ouvre à peine les yeux quand on l'appelle", "emergency"),
    # waking up in the morning is no drowsiness
    ("le matin j'ouvre à peine les yeux que le chat réclame", "-drowsy"),
]


# ----------------------------------------------------------------- a question that says what the writer sees
def triaged(text):
    """Whether the message starts a triage, as the bot and tests/vignettes decide it: a
    question about a sign in general does not."""
    a = assess(text)
    return a.is_emergency or (a.is_report and (a.reported or not is_question(text)))


@pytest.mark.parametrize(
    "text,starts",
    [
        ("Est-ce normal d'avoir des selles très foncées, presque noires ?", True),
        ("c'est grave d'avoir les urines vraiment foncées ?", True),
        (
            "C'est normal d'avoir des démangeaisons sur le ventre ? Ça ne m'empêche pas de dormir.",
            True,
        ),
        ("est-ce normal d'avoir le nez qui coule ? ça me gêne pour dormir", True),
        ("c'est normal d'avoir une toux pareille ? elle me réveille la nuit", True),
        # general questions stay questions
        ("Est-ce normal d'avoir des démangeaisons sous immunothérapie ?", False),
        ("c'est normal d'avoir des bleus avec le traitement ?", False),
    ],
)
def test_a_question_that_says_what_the_writer_sees_is_a_report(text, starts):
    assert triaged(text) == starts, text


@pytest.mark.parametrize(
    "text,expected",
    HARD_BELLY + FAINTING + THIRST + CANNOT_EAT + SEVERE_FATIGUE + WEIGHT_LOSS + BRUISING + DROWSY,
)
def test_wording(text, expected):
    check(text, expected)


# ----------------------------------------------------------------- a garment, a burden lifted: not signs
@pytest.mark.parametrize(
    "text,expected",
    [
        ("Mon soutien-gorge neuf me serre un peu, je vais changer de taille", "-anaphylaxis"),
        ("ce soutien gorge me serre trop, il faut que je l'échange", "-anaphylaxis"),
        (
            "ma brassière de sport me serre et j'ai la gorge qui se serre, j'ai du mal à respirer",
            "emergency",
        ),
        ("J'ai perdu un poids énorme en apprenant que le scanner était bon", "-weight_loss"),
        ("elle a perdu un poids immense quand elle a appris la nouvelle", "-weight_loss"),
        ("ça m'a enlevé un poids, le scanner est bon", "-weight_loss"),
        ("j'ai perdu un poids énorme depuis la cure, 8 kilos", "urgent"),
        ("il a perdu 5 kilos en un mois sans rien faire", "urgent"),
    ],
)
def test_everyday_words_are_not_signs(text, expected):
    check(text, expected)
