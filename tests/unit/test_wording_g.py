"""How a message is read (tuning round 8, tuner on benign and near-miss messages): each
table holds the idea of an escalated benign dev vignette and wordings of our own (other
verbs, persons, SMS, a relative), none of them from the vignettes, with near-misses that
must still escalate (the true sign said plainly). What is asserted is what a user notices:
the level given when every question is answered "non", or how a sign is read."""

import pytest

# the helpers of the rounds before (tests/unit is on the path, pytest's rootdir import)
from wording import assertion, level


# ------------------------------------------------------------------ history of long ago
@pytest.mark.parametrize(
    "text, sign",
    [
        # a red flag dated years ago, the writer's or a relative's: history, not 15
        ("Mon père avait fait une crise d'épilepsie il y a quinze ans, jamais depuis", "seizure"),
        (
            "j'avais vomi du sang en 2008 à cause d'un ulcère, je le note pour le dossier",
            "vomit_blood",
        ),
        ("Quand j'étais petite j'avais fait des convulsions avec la fièvre", "seizure"),
        (
            "ma grand-mère s'était évanouie à la messe dans les années 70, on en parle encore",
            "fainting",
        ),
        (
            "il y a 20 ans mon frère avait eu une douleur dans la poitrine, c'était le stress",
            "chest_pain",
        ),
    ],
)
def test_a_red_flag_of_long_ago_is_history(text, sign):
    assert assertion(text, sign) == "resolved"
    assert level(text) in ("advice", None)


@pytest.mark.parametrize(
    "text",
    [
        # the same words, now or recently
        "il y a 2 ans j'ai eu un ulcère et je vomis du sang",
        "J'ai commencé l'immunothérapie il y a un an, et hier je me suis évanoui",
        "j'ai fait une crise d'épilepsie en 2012 et j'en ai refait une ce matin",
        "il y a dix ans j'ai eu un infarctus, là j'ai mal à la poitrine",
        "je me suis évanouie il y a deux jours",
        "ça fait deux ans que je crache du sang de temps en temps",
        "mon mari a perdu connaissance il y a 3 semaines, il est tombé par terre",
        # an old event that happened again
        "il y a deux ans j'avais fait une crise d'épilepsie, et ça recommence",
        "mon fils avait vomi du sang en 2015, il en a refait un épisode cette nuit",
    ],
)
def test_a_recent_or_ongoing_red_flag_still_goes_to_15(text):
    assert level(text) == "emergency"


def test_a_dated_organ_word_is_no_present_complaint():
    # "diabétique" in a clause told wholly in that past is no present diabetes complaint
    assert level("mon oncle a été hospitalisé pour une crise d'asthme il y a vingt ans") in (
        "advice",
        None,
    )
    # while a present breathing complaint beside it is read
    assert level("mon oncle a fait de l'asthme il y a 20 ans, depuis hier il tousse") == "urgent"


# ------------------------------------------------------------------ ketones: a normal reading
@pytest.mark.parametrize(
    "text, expected",
    [
        # a reading under 0.6 mmol/L is normal
        ("mes cétones sont à 0,2 ce matin, je fais juste le contrôle", None),
        ("cetonemie 0.3 au capteur, glycemie 1,10", None),
        ("Le lecteur de cétones de mon mari affiche 0, tout va bien", None),
        # raised or high readings, or crosses on a strip, are ketones found
        ("mes cétones sont à 1,8 ce matin", "present"),
        ("cetones a 0.9 et j'ai soif", "present"),
        ("la bandelette montre des cétones à 2 croix", "present"),
        ("sa cétonémie est à 3,5", "present"),
    ],
)
def test_a_normal_ketone_reading_is_no_ketoacidosis(text, expected):
    assert assertion(text, "ketoacidosis") == expected


# ------------------------------------------------------------------ a question told with "non"
@pytest.mark.parametrize(
    "text",
    [
        # someone asked the writer, who answered no
        "Mon médecin m'a demandé si j'avais envie de mourir : non, jamais",
        "l'infirmiere voulait savoir si javais de la fievre. Non.",
        "ma femme me demande si j'ai du mal à respirer, non pas du tout",
        "Le psy nous a demandé si notre fils avait des idées de suicide : absolument pas",
    ],
)
def test_a_reported_question_answered_no_is_no_complaint(text):
    assert level(text) is None


@pytest.mark.parametrize(
    "text",
    [
        # the answer taken back, a yes, or the sign said elsewhere: still 15
        "le médecin m'a demandé si j'avais des idées noires, non, mais parfois j'ai envie d'en finir",
        "ma fille me demande si je pense au suicide : oui, souvent",
        "on m'a demandé si j'avais du mal à respirer, non. Par contre j'ai mal à la poitrine",
        "l'infirmière m'a demandé si je pensais à me faire du mal et je lui ai dit que oui",
    ],
)
def test_a_reported_question_not_answered_no_still_goes_to_15(text):
    assert level(text) == "emergency"


# ------------------------------------------------------------------ a vexing thing "gives" a symptom
@pytest.mark.parametrize(
    "text",
    [
        "la paperasse de la sécu me donne la nausée 🙄 à part ça tout roule",
        "Les factures d'électricité m'ont donné des sueurs froides, sinon ça va",
        "le prix des fraises m'a limite fait tomber dans les pommes mdr",
        "ces démarches administratives m'épuisent et me donnent le tournis, mais je vais bien",
        "je suis à bout de souffle avec toutes ces démarches pour la mutuelle !",
    ],
)
def test_a_vexing_thing_that_gives_a_symptom_is_a_figure(text):
    assert level(text) in (None, "advice")


@pytest.mark.parametrize(
    "text, expected",
    [
        # a medicine, a food or a smell gives it, or the symptom is said plainly beside it
        ("l'immunothérapie me donne la nausée et je suis épuisée", "urgent"),
        ("la paperasse m'énerve mais surtout je suis essoufflé au moindre effort", "urgent"),
        ("les factures m'ont donné le vertige, et là j'ai vomi du sang", "emergency"),
        ("Je suis à bout de souffle, je n'arrive plus à parler", "emergency"),
        ("après la perf je suis tombée dans les pommes", "emergency"),
    ],
)
def test_near_misses_of_the_vexing_figure_still_escalate(text, expected):
    assert level(text) == expected


# ------------------------------------------------------------------ a tight garment
@pytest.mark.parametrize(
    "text",
    [
        "ma nouvelle brassière de sport me serre trop la poitrine 😅",
        "Le pull col roulé que ma fille m'a offert me serre le cou",
        "mon jean me serre le ventre depuis les fêtes lol",
    ],
)
def test_a_tight_garment_is_no_chest_or_throat_sign(text):
    assert level(text) in (None, "advice")


@pytest.mark.parametrize(
    "text",
    [
        # the chest itself tightens, with or without a garment named
        "j'ai la poitrine qui serre depuis ce matin",
        "j'ai enlevé mon soutien-gorge mais j'ai toujours une douleur dans la poitrine",
        "ça me serre dans la poitrine comme un étau",
    ],
)
def test_a_chest_that_tightens_still_goes_to_15(text):
    assert level(text) == "emergency"


# ------------------------------------------------------------------ "en travers de la gorge"
@pytest.mark.parametrize(
    "text",
    [
        "cette remarque du chirurgien me reste en travers de la gorge",
        "qu'on me fasse encore attendre trois heures ça me reste en travers de la gorge",
    ],
)
def test_an_injustice_stuck_in_the_throat_is_a_figure(text):
    assert level(text) in (None, "advice")


@pytest.mark.parametrize(
    "text",
    [
        # food that sticks: a swallowing problem
        "la nourriture me reste en travers de la gorge depuis hier",
        "les comprimés me restent coincés dans la gorge",
    ],
)
def test_food_stuck_in_the_throat_still_goes_to_15(text):
    assert level(text) == "emergency"


# ------------------------------------------------------------------ said over
@pytest.mark.parametrize(
    "text",
    [
        # one symptom named, then said over
        "la migraine d'hier soir est passée, je me sens bien",
        "Sa diarrhée de la semaine dernière est partie toute seule",
        "jai eu des vertiges au réveil, ce midi plus rien",
    ],
)
def test_a_symptom_said_over_is_advice(text):
    assert level(text) == "advice"


@pytest.mark.parametrize(
    "text, expected",
    [
        # a visit, a pain that moves, a reading that rises: not over
        ("l'infirmière est passée ce matin, il a 39,2 de fièvre", "urgent"),
        ("la douleur est partie dans le bras gauche et la mâchoire", "emergency"),
        ("la fièvre est passée à 39,5 cette nuit", "urgent"),
        ("la toux est passée mais je suis toujours essoufflée au moindre effort", "urgent"),
    ],
)
def test_near_misses_of_a_symptom_said_over(text, expected):
    assert level(text) == expected


# ------------------------------------------------------------------ expected, then denied
@pytest.mark.parametrize(
    "text",
    [
        "je pensais être KO après la cure, eh bien non, je suis allée marcher",
        "Je m'attendais à avoir des nausées avec l'immuno mais pas du tout, je mange de tout",
    ],
)
def test_a_symptom_expected_then_denied_is_no_complaint(text):
    assert level(text) is None


def test_a_symptom_expected_and_worse_than_expected_is_read():
    assert level("je m'attendais à être fatiguée mais pas à ce point, je reste au lit") == "urgent"


# ------------------------------------------------------------------ drinking as advised
@pytest.mark.parametrize(
    "text, expected",
    [
        ("avec la chaleur je bois beaucoup pour bien m'hydrater, tout va bien", None),
        ("il boit 2 litres comme le médecin lui a conseillé", None),
        # drinking a lot without a reason, or with thirst said
        ("je bois beaucoup et j'ai toujours soif", "present"),
        ("elle boit des litres depuis trois jours", "present"),
    ],
)
def test_drinking_as_advised_is_no_thirst(text, expected):
    assert assertion(text, "thirst") == expected


# ------------------------------------------------------------------ "tension" of a muscle, a duration
def test_a_tension_in_the_head_after_hours_is_no_blood_pressure():
    assert assertion("une tension dans la nuque après 6 h de route", "low_bp") is None
    # a reading is still one
    assert assertion("ma tension est à 8 sur 5 ce matin", "low_bp") == "present"


# ------------------------------------------------------------------ another person, not the patient
@pytest.mark.parametrize(
    "text",
    [
        # a pregnant relative (the treatment is not given in pregnancy)
        "ma belle-soeur est enceinte de 3 mois, elle a des nausées et elle est crevée",
        "Ma nièce vomit tous les matins, elle est enceinte 🥰",
        "notre fille est épuisée et nauséeuse, je vais être mamie !",
        # a relative's illness asked about as family history
        "Mon frère a le diabète, il a tout le temps soif, est-ce que c'est héréditaire ?",
        "ma mère a des tremblements et a maigri, je risque de l'avoir aussi pour moi ?",
    ],
)
def test_a_relative_said_not_to_be_the_patient_is_not_triaged(text):
    assert level(text) is None


@pytest.mark.parametrize(
    "text, expected",
    [
        # that person said to be treated: triaged as the patient
        ("ma fille est enceinte et sous keytruda, elle vomit depuis hier", "urgent"),
        ("Ma soeur est enceinte, elle est très fatiguée depuis sa perfusion", "urgent"),
        # an emergency is acted on for anyone
        ("mon père crache du sang, c'est héréditaire ?", "emergency"),
        ("ma fille est enceinte et elle n'arrive plus à respirer", "emergency"),
        # a relative with no such words: triaged as the patient
        ("ma fille est fatiguée et nauséeuse depuis trois jours", "urgent"),
    ],
)
def test_near_misses_of_a_relative_not_the_patient(text, expected):
    assert level(text) == expected


# ------------------------------------------------------------------ iron, a smoker's cough, glasses, a fever that fell
@pytest.mark.parametrize(
    "text, sign, expected",
    [
        (
            "depuis que je prends du Tardyferon mon caca est tout noir, normal ?",
            "black_stool",
            None,
        ),
        ("il a des selles très foncées à cause du fer qu'on lui a prescrit", "black_stool", None),
        ("toux de fumeur le matin depuis 40 ans, rien de neuf", "cough", None),
        ("je vois trouble sans mes lentilles, comme d'hab", "blurred_vision", None),
        ("bonne nouvelle, sa fièvre est retombée cette nuit", "fever", "resolved"),
        # near-misses: tarry stools, blood or faintness; a cough that changed; blurred even with
        # glasses; a fever that fell to a value still high
        ("je prends du fer et mes selles sont noires et collantes", "black_stool", "present"),
        (
            "mes selles sont noires depuis le fer, et j'ai la tête qui tourne",
            "black_stool",
            "present",
        ),
        (
            "je tousse comme un vieux fumeur depuis 20 ans mais c'est pire depuis lundi",
            "cough",
            "present",
        ),
        ("jtousse comme un fumeur depuis 3 jours", "cough", "present"),
        ("je vois flou même avec mes lunettes depuis hier", "blurred_vision", "present"),
        ("la fièvre a chuté à 38,6 ce matin", "fever", "present"),
    ],
)
def test_benign_causes_and_their_near_misses(text, sign, expected):
    assert assertion(text, sign) == expected


def test_tarry_stools_after_iron_with_faintness_still_go_to_15():
    assert level("je prends du fer, mes selles sont noires et j'ai fait un malaise") == "emergency"
