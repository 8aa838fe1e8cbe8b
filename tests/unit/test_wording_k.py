"""How a message is read (round 12, from the dev halves of batches v and w and wording written
for it): a supposition governs the rest of its sentence, not the whole message; a relative's
everyday words for a sign; a child or a person said not ill is not the patient. What is
asserted is what a user notices: the level given when every question is answered "non"."""

import pytest

from immuno.triage import assess
from wording import level, questions_and_level, signs


@pytest.mark.parametrize(
    "text, expected",
    [
        # what the leaflet says to watch, then what the writer has: the leaflet's signs are
        # no report, the writer's are
        (
            "Sur la fiche ils écrivent selles noires avec tête qui tourne, il faut appeler le "
            "15. Chez moi les selles sont normales. Par contre depuis deux jours j'ai la tête "
            "qui tourne quand je me lève.",
            "urgent",
        ),
        (
            "L'oncologue m'a dit de surveiller : avaler, respirer, faiblesse qui monte dans les "
            "jambes, confusion. Mon petit rapport : j'avale bien, je respire bien, je marche "
            "comme d'habitude.",
            None,
        ),
        # the report in the same sentence is still read
        (
            "est-ce que le keytruda peut donner une paralysie, mes jambes ne me portent plus",
            "emergency",
        ),
        ("si jamais je tousse je fais quoi ? là j'ai mal au ventre depuis hier", "urgent"),
    ],
)
def test_a_supposition_governs_its_sentence_only(text, expected):
    assert level(text) == expected


def test_a_leaflet_s_emergency_is_not_sent_to_15():
    text = (
        "Sur la fiche ils écrivent selles noires avec tête qui tourne, il faut appeler le 15. "
        "Par contre depuis deux jours j'ai la tête qui tourne."
    )
    assert not assess(text).is_emergency


@pytest.mark.parametrize(
    "text, expected",
    [
        ("c normal de plus faire pipi du tout depuis hier soir ?", "emergency"),
        (
            "c normal d aller faire pipi toutes les 20 minutes ? jour et nuit depuis 4 jours",
            "urgent",
        ),
        ("mon mari refuse tout, il a rien mangé ni bu de la journée", "urgent"),
        (
            "Je suis allée à la selle ce matin et c'était tout noir, ça collait à la cuvette",
            "urgent",
        ),
        ("elle se plaint de son ventre depuis trois jours, ça la tord", "urgent"),
        (
            "tout tourne quand je me lève, je m'agrippe à la commode en attendant que ça passe",
            "urgent",
        ),
        ("il est tellement épuisé qu'il a arrêté d'aller au jardin, ça fait dix jours", "urgent"),
        (
            "des rougeurs parties des bras hier, aujourd'hui elle en a sur la poitrine et le dos",
            "urgent",
        ),
        ("ma femme ne va pas bien moralement, elle s'enferme dans la chambre", "urgent"),
        (
            "les pieds engourdis hier, aujourd'hui il ne sent plus bien ses jambes et ça gagne les mains",
            "emergency",
        ),
        ("je suis allée chercher le pain et je ne savais plus comment rentrer", "emergency"),
        ("mon mari sue à grosses gouttes dès qu'il bouge", "advice"),
        ("la perf s'est bien passée, aucune réaction, juste un petit bleu au bras", "advice"),
    ],
)
def test_everyday_words_for_a_sign(text, expected):
    assert level(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "ma fille de 4 ans fait plus pipi au lit, victoire !",
        "c mon bebe de 8 mois qui fait caca la nuit en ce moment, moi rien a signaler",
        "mon mari (lui il est pas malade) est courbaturé après le bricolage, moi je vais très bien",
        "Myope depuis l'enfance, je vois flou dès que j'enlève mes lunettes !",
        "j'ai perdu 2 kilos depuis que je marche une heure par jour, c'était voulu",
        "je me lève moins la nuit pour faire pipi depuis que j'arrête le thé le soir, top",
        "L'éducatrice m'a parlé de l'acidocétose, quels sont les signes qui doivent m'alerter ?",
        "4 selles par jour c'est à partir de là qu'il faut appeler ? moi c'est 1 par jour",
    ],
)
def test_a_look_alike_is_not_escalated(text):
    assert level(text) in (None, "advice")


def test_an_emergency_of_a_child_is_still_an_emergency():
    assert level("ma fille de 3 ans a convulsé, elle ne répond plus") == "emergency"


@pytest.mark.parametrize(
    "text, sign",
    [
        ("la diarrhée s'est arrêtée hier", "diarrhea"),
        ("j'ai eu la diarrhée hier, ça s'est arrêté ce matin", "diarrhea"),
    ],
)
def test_a_sign_said_to_have_stopped_is_over(text, sign):
    assert sign not in signs(text) and level(text) == "advice"


# ---- round 13: what a resolution or a short question speaks of ------------------------------
@pytest.mark.parametrize(
    "text, expected",
    [
        # a sentence that opens on "c'est passé" speaks of the whole sentence before
        (
            "j'ai eu 38,2 mercredi dernier pendant une journée, avec un rhume je pense. Depuis "
            "vendredi c'est complètement passé, je suis à 36,8 tous les matins.",
            "advice",
        ),
        # a red flag that happened still counts, whatever follows
        (
            "je me suis évanouie ce matin, j'ai eu des vertiges. Ça va mieux maintenant.",
            "emergency",
        ),
        # a treatment finished, a bleeding stopped each time by pressing: the signs go on
        (
            "ce matin j'ai vu du sang dans ses selles, comme des filets rouges. Il a fini sa "
            "quatrième cure il y a deux semaines.",
            "urgent",
        ),
        (
            "il saigne des gencives depuis quelques jours, et hier il a saigné du nez deux fois "
            "sans raison. Ça s'est arrêté en appuyant.",
            "urgent",
        ),
        # the writer asks and answers: "crevé ? non"
        ("crevé ? non pas du tout, je fais mes courses, mon jardin, je suis en forme", None),
    ],
)
def test_what_a_resolution_or_an_answer_speaks_of(text, expected):
    assert level(text) == expected


def test_a_relative_who_finishes_her_plates_is_not_asked_whether_she_eats():
    asked, given = questions_and_level(
        "Ma femme a un peu la nausée quand elle sent les odeurs de cuisine, mais elle finit ses "
        "assiettes sans problème."
    )
    assert given == "advice"
    assert not any("manger" in question for question in asked)


# ---- round 14: denials and benign causes said next to the sign ------------------------------
@pytest.mark.parametrize(
    "text, expected",
    [
        # dry, peeling heels "rien à vif": dry skin, not skin coming off (an emergency)
        (
            "La peau des talons pèle en petites peaux sèches. En dessous c'est normal, rien à vif.",
            "advice",
        ),
        ("la peau part en lambeaux et en dessous c'est à vif", "emergency"),
        # an itch that does not wake: no itch that stops sleep
        (
            "ça me démange un peu le soir, une petite zone, mais ça ne me réveille pas la nuit",
            "advice",
        ),
        ("des plaques qui démangent, une qui m'a réveillé cette nuit", "urgent"),
        ("les pieds un peu gonflés avant-hier, depuis hier ils sont redevenus normaux", "advice"),
        # a bowel preparation explains the stools; diarrhoea without it is still read
        (
            "je prends la purge pour la coloscopie de demain, je cours aux toilettes toutes les heures",
            None,
        ),
        ("j'ai la diarrhée 8 fois par jour depuis 3 jours", "urgent"),
        (
            "j'ai des taches bleues partout sur les cuisses, je ne me suis cognée nulle part",
            "urgent",
        ),
    ],
)
def test_a_denial_or_a_cause_said_next_to_the_sign(text, expected):
    assert level(text) == expected


# ---- round 15: what a message already settles, and a plain wording of suicidal ideas -------
@pytest.mark.parametrize(
    "text", ["j'ai des idées de mourir", "il a des idées de mourir depuis quelques jours"]
)
def test_ideas_of_dying_are_an_emergency(text):
    assert level(text) == "emergency"


@pytest.mark.parametrize(
    "text, unasked",
    [
        (
            "le moral baisse de jour en jour, je pleure, non je n'ai pas d'idées de mourir",
            "mettre fin",
        ),
        ("qq boutons rouges qui grattent sur l avant bras. ca m empeche pas de dormir", "dormir"),
        ("essoufflé en montant au premier, je m'arrête sur le palier. Assis ça va.", "repos"),
    ],
)
def test_what_the_message_settles_is_not_asked(text, unasked):
    asked, _ = questions_and_level(text)
    assert not any(unasked in question for question in asked), asked


def test_an_eye_red_with_its_owner_named_is_a_red_eye():
    assert "red_eye" in signs("L'oeil droit de ma femme est tout rouge depuis hier soir")


# ---- round 16: emergencies in plain words that no pattern read ------------------------------
@pytest.mark.parametrize(
    "text",
    [
        "elle parle de mourir tout le temps",
        "impossible de le réveiller",
        "il a fait un malaise et il est tombé par terre",
        "je me sens partir, j'ai du sang noir dans les selles",
    ],
)
def test_plain_words_for_an_emergency(text):
    assert level(text) == "emergency"


@pytest.mark.parametrize(
    "text",
    [
        "j'ai fait un malaise mais je ne suis pas tombée par terre",
        "le médecin m'a parlé de la mort de mon père",
    ],
)
def test_their_look_alikes_are_not_sent_to_15(text):
    assert level(text) != "emergency"


@pytest.mark.parametrize(
    "text",
    [
        "il a vomi comme du café moulu",
        "la moitié de mon champ de vision a disparu",
        "je ne pisse plus du tout",
    ],
)
def test_more_plain_words_for_an_emergency(text):
    assert level(text) == "emergency"


@pytest.mark.parametrize("text", ["j'ai vomi mon café ce matin", "je pisse plus souvent la nuit"])
def test_and_what_they_are_not(text):
    assert level(text) != "emergency"
