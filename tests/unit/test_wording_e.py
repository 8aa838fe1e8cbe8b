"""General ways of saying the signs of digestive, fever, breathing, heart, liver, skin, IL-2 and
the common complaints (tuning round 7, tuner a): each table holds the idea of a failing dev
vignette and wordings of our own (other verbs, persons, SMS, a relative), none of them from
the vignettes, with a near-miss that must stay unread. What is asserted is what a user
notices: the level given when every question is answered "non", or that a sign is read
present, negated or not at all."""

import pytest

# the helpers of the rounds before: the level given when every question is answered "non",
# and how a sign is read (tests/unit is on the path, pytest's rootdir import)
from wording import assertion, level


# ------------------------------------------------------------------ breathing
@pytest.mark.parametrize(
    "text, expected",
    [
        # blood in the phlegm, or spat into something and seen red
        ("il a des glaires rosées quand il tousse", "present"),
        ("jai des filets de sang dans mes glaires depuis hier", "present"),
        ("mon père a craché dans le lavabo, c'était tout rouge", "present"),
        ("jcrache sur un sopalin c tout rosé", "present"),
        # spitting a hot drink, or white phlegm without blood
        ("j'ai craché mon café, il était trop chaud, c'était tout rouge ma tasse", None),
        ("je crache des glaires blanches, pas de sang", None),
    ],
)
def test_cough_blood_in_phlegm(text, expected):
    assert assertion(text, "cough_blood") == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        # "étouffer sous" a burden is not the breath
        ("j'étouffe sous les papiers de la CAF en ce moment, sinon ça va", None),
        ("mon mari suffoque sous le boulot, il rentre à 21h", None),
        ("ma fille étouffe avec tous ces rendez-vous à caser", None),
        # the breath itself
        ("j'étouffe depuis ce matin, je n'arrive plus à respirer", "emergency"),
    ],
)
def test_smothered_by_paperwork_is_a_figure_of_speech(text, expected):
    assert level(text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        # out of breath on restarting a sport, recovering at once
        (
            "j'ai recommencé le vélo, je suis essoufflé dans les côtes mais je récupère en 3 minutes",
            None,
        ),
        ("il a repris la natation, il est essoufflé, c'est le manque d'entraînement", None),
        ("elle halète après la zumba mais ça redescend en quelques minutes", None),
        # breathless and not settling
        ("je suis essoufflée après le footing et ça ne se calme pas depuis hier", "urgent"),
    ],
)
def test_breathless_after_sport_that_settles(text, expected):
    assert level(text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        # a cough at a price or a bill, a figure of speech
        ("ma femme a toussé quand elle a vu le montant de la facture d'électricité", None),
        ("j'ai toussé en lisant le prix des lunettes, ha ha", None),
        ("mon fils tousse quand il entend le tarif du parking de l'hôpital", None),
        # a real cough goes on being read
        ("je tousse depuis trois jours, sec, surtout la nuit", "urgent"),
    ],
)
def test_cough_at_a_price(text, expected):
    assert level(text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        # spitting named only to deny the blood
        ("pas de sang quand je crache, j'ai juste le nez pris", None),
        ("il n'y a pas de sang quand il crache, il est enrhumé", None),
        ("ma mère dit : pas de sang quand elle crache", None),
        # spitting blood
        ("je crache du sang ce matin", "present"),
    ],
)
def test_spitting_named_to_deny_blood_is_no_cough(text, expected):
    sign = "cough" if expected is None else "cough_blood"
    assert assertion(text, sign) == expected


# ------------------------------------------------------------------ IL-2
@pytest.mark.parametrize(
    "text, expected",
    [
        # swollen all over and barely passing water, in crude words: 15
        ("ma femme est enflée de partout et elle ne pisse quasiment plus", "emergency"),
        ("il pisse presque plus et il a gonflé de partout", "emergency"),
        ("jsuis bouffie de partout, jai presk pas pissé de la journée", "emergency"),
        # swollen, urine as usual
        ("je suis gonflée de partout mais je pisse normalement", "urgent"),
    ],
)
def test_capillary_leak_in_everyday_words(text, expected):
    assert level(text) == expected


# ------------------------------------------------------------------ skin
@pytest.mark.parametrize(
    "text, expected",
    [
        # sores inside the cheeks (the mouth) and of the genitals, further apart
        ("j'ai des ulcères à l'intérieur de la bouche et sur le sexe", "emergency"),
        (
            "ma fille a des plaies dans l'intérieur des joues depuis hier et 39 de fièvre",
            "emergency",
        ),
        (
            "mon mari a des lésions dans la bouche qui font mal et maintenant aussi sur le pénis",
            "emergency",
        ),
        # a mouth ulcer alone, eating well
        ("j'ai un aphte à l'intérieur de la joue, je mange bien", None),
    ],
)
def test_mucosal_sores(text, expected):
    assert level(text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        # the skin of a body part, with its owner named, coming off
        ("la peau des pieds de mon mari s'arrache", "present"),
        ("la peau du ventre de ma fille se décolle depuis ce matin", "present"),
        ("la peau des mains de ma mère qui se détache", "present"),
        # dry skin flaking is not peeling off
        ("la peau de mes pieds pèle un peu, c'est sec", None),
    ],
)
def test_skin_peeling_of_someone(text, expected):
    assert assertion(text, "skin_peeling") == expected


# ------------------------------------------------------------------ heart
@pytest.mark.parametrize(
    "text, expected",
    [
        # "tension" misspelt in a hurried message
        ("la tansion de mon pere 7/4 ce matin", "urgent"),
        ("ma tention est tres basse ce soir", "urgent"),
        ("tenssion à 8 sur 5 avec l'appareil du pharmacien", "urgent"),
        # "fais tention" (attention), a measure in cm
        ("fais tention a la marche de 8 5 cm", None),
    ],
)
def test_low_blood_pressure_misspelt(text, expected):
    assert level(text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        # the compound past of "se sentir partir": feeling faint (asked whether fainted)
        ("je me suis senti partir", "present"),
        ("ma femme s'est sentie partir au marché", "present"),
        ("jme suis sentie partir ds le bus", "present"),
        # ready to leave
        ("je me suis sentie prête à partir en vacances", None),
    ],
)
def test_felt_faint_in_the_past(text, expected):
    assert assertion(text, "dizziness") == expected


def test_racing_heart_then_felt_faint_is_an_emergency():
    assert level("mon coeur bat très vite et tout à l'heure je me suis senti partir") == (
        "emergency"
    )


@pytest.mark.parametrize(
    "text, expected",
    [
        # a heart that races while running and settles, or for a birth
        (
            "le coeur qui s'emballe en courant après le tram, deux minutes plus tard c'était normal",
            None,
        ),
        ("mon coeur battait fort en montant les escaliers, il s'est calmé tout de suite", None),
        ("mon coeur bat la chamade, mon fils va être papa, sa femme accouche ce soir", None),
        # racing with no cause
        ("mon coeur bat très vite depuis ce matin sans raison", "urgent"),
    ],
)
def test_racing_heart_with_a_cause(text, expected):
    assert level(text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        # sorrow: "un pincement au cœur en ..." / "de voir ..."
        ("j'ai eu un pincement au coeur en regardant les photos de mon père", None),
        ("un pincement au coeur de voir partir mon petit-fils", None),
        ("ça m'a fait un pincement au coeur en quittant la maison", None),
        # a pinch in the chest
        ("j'ai un pincement au coeur depuis ce matin quand je respire", "present"),
    ],
)
def test_pinch_at_the_heart_of_sorrow(text, expected):
    assert assertion(text, "chest_pain") == expected


# ------------------------------------------------------------------ common
@pytest.mark.parametrize(
    "text, expected",
    [
        # "mal de cœur", "le cœur au bord des lèvres", "le cœur qui se soulève": nausea
        ("j'ai un peu mal de coeur depuis la perf", "present"),
        ("ma femme a le coeur au bord des lèvres le matin", "present"),
        ("jai le coeur qui se soulève qd je sens la cuisine", "present"),
        # "le cœur serré", sorrow
        ("j'ai le coeur serré de voir mes enfants partir", None),
    ],
)
def test_nausea_in_old_words(text, expected):
    assert assertion(text, "mild_nausea") == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        # a bruise where the needle went: advice
        ("un bleu au pli du bras où on m'a fait la prise de sang", "advice"),
        ("il a un hématome où l'infirmière lui a posé la perf", "advice"),
        ("jai un petit bleu ou ils ont planté l'aiguille mardi", "advice"),
        # bruises everywhere without a knock: unusual bruising
        ("j'ai plein de bleus sur les jambes sans me cogner", "urgent"),
    ],
)
def test_bruise_where_the_needle_went(text, expected):
    assert level(text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        # a bruise that turns yellow as it heals is not jaundice
        ("mon bleu de la perf commence à jaunir", None),
        ("l'hématome sur sa main jaunit, c'est bon signe ?", None),
        ("l'ecchymose au bras vire au jaune", None),
        # yellow eyes as well
        ("j'ai un bleu qui jaunit et mes yeux sont jaunes", "present"),
    ],
)
def test_yellowing_bruise_is_not_jaundice(text, expected):
    assert assertion(text, "jaundice") == expected


# ------------------------------------------------------------------ digestive
@pytest.mark.parametrize(
    "text, expected",
    [
        # a little less appetite: a digestive complaint, advice
        ("mon père a moins d'appétit depuis la cure", "advice"),
        ("un peu moins d'appétit ces jours-ci mais je mange", "advice"),
        ("elle a beaucoup moins d'appétit qu'avant", "advice"),
        # appetite as usual
        ("j'ai toujours autant d'appétit, merci", None),
    ],
)
def test_less_appetite(text, expected):
    assert level(text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        # the toilets named, then what comes out
        ("aux toilettes c'est tout liquide depuis hier", "present"),
        ("elle va aux wc 3 fois par jour, ça sort comme de l'eau", "present"),
        ("jvais au toilettes c tt liquide", "present"),
        # the doctor's practice
        ("je suis passée au cabinet du kiné, c'est liquide comme budget", None),
    ],
)
def test_liquid_stools_said_plainly(text, expected):
    assert assertion(text, "diarrhea") == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        # too many stools to count: 4 or more
        ("mon mari file aux wc sans arrêt, il ne les compte plus", "urgent"),
        ("je ne compte plus mes allers-retours aux toilettes depuis ce matin", "urgent"),
        ("elle court aux toilettes, impossible de compter", "urgent"),
        # counting something else
        ("j'ai arrêté de compter les calories, je vais aux toilettes normalement", None),
    ],
)
def test_stools_too_many_to_count(text, expected):
    assert level(text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        # the night named only to say the stools do not come then
        ("diarrhée depuis hier, mais jamais la nuit", "negated"),
        ("je vais souvent aux toilettes, c'est mou, mais pas la nuit", "negated"),
        ("des selles molles depuis lundi, et rien la nuit", "negated"),
        # woken at night by them
        ("la diarrhée me réveille la nuit", "present"),
    ],
)
def test_no_stools_at_night(text, expected):
    assert assertion(text, "night_stools") == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        # a fear or a precaution, not dehydration
        ("j'ai peur qu'il se déshydrate avec la chaleur, pour l'instant il boit bien", None),
        ("je bois beaucoup pour ne pas me déshydrater", None),
        ("ma mère craint de se déshydrater en voyage", None),
        # not drinking any more
        ("j'ai peur qu'il se déshydrate, il ne boit plus rien", "present"),
    ],
)
def test_fear_of_dehydration(text, expected):
    assert assertion(text, "dehydration") == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        # laughter, a cramp of a limb
        ("on a ri jusqu'à en avoir mal au ventre", None),
        ("j'ai rigolé à en avoir des crampes à l'estomac", None),
        ("j'ai une crampe au mollet cette nuit", None),
        ("des crampes dans les jambes après le jardinage", None),
        # belly cramps
        ("j'ai des crampes au ventre depuis ce matin", "present"),
    ],
)
def test_belly_pain_figures_and_limb_cramps(text, expected):
    assert assertion(text, "abdominal_pain") == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        # red from beetroot, no blood named
        ("on a mangé des betteraves hier, ce matin mes selles sont rouges", None),
        ("betterave au dîner et là mon caca est tout rouge mdr", None),
        ("il a mangé de la betterave, c'est rouge dans la cuvette", None),
        # blood named as well
        ("j'ai mangé de la betterave mais là c'est du sang dans les selles", "present"),
    ],
)
def test_red_stools_after_beetroot(text, expected):
    assert assertion(text, "stool_blood") == expected


# ------------------------------------------------------------------ fever
@pytest.mark.parametrize(
    "text, expected",
    [
        # marbled skin in the cold, gone once warm; marbled things
        (
            "en sortant de la mer j'avais les jambes marbrées, parti en deux minutes quand je me suis réchauffé",
            None,
        ),
        ("le sol marbré du hall est glissant", None),
        ("on a acheté une table marbré pour la cuisine", None),
        # mottled with fever
        ("il a 39 de fièvre et les genoux tout marbrés", "present"),
    ],
)
def test_mottled_skin_in_the_cold_or_of_things(text, expected):
    assert assertion(text, "mottled_skin") == expected


# ------------------------------------------------------------------ liver
@pytest.mark.parametrize(
    "text, expected",
    [
        # darker urine on waking, clear again once one drinks
        ("le matin mon pipi est foncé, puis quand j'ai bu ça redevient clair", None),
        ("ses urines sont foncées au réveil et après avoir bu elles sont claires", None),
        ("urines foncées le matin, dès que je bois elles deviennent bien claires", None),
        # dark all day
        ("mes urines sont foncées comme du coca toute la journée", "present"),
    ],
)
def test_morning_urine_that_clears(text, expected):
    assert assertion(text, "dark_urine") == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        # a stitch while running, gone
        ("un point de côté à droite en courant, passé en deux minutes", None),
        ("ma fille a eu un point de côté au foot, il est parti tout seul", None),
        ("point de côté en marchant vite, disparu aussitôt", None),
        # like a stitch, that does not go
        ("depuis hier une douleur sous les côtes à droite, comme un point de côté", "present"),
    ],
)
def test_stitch_is_not_liver_pain(text, expected):
    assert assertion(text, "right_rib_pain") == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        # dozing in front of the TV as always
        ("mon mari pique du nez devant le film comme d'habitude", None),
        ("je pique du nez à 22h comme tous les soirs", None),
        ("elle pique du nez après le repas depuis des années", None),
        # sleepy all day, new
        ("il pique du nez toute la journée depuis hier", "present"),
    ],
)
def test_dozing_off_as_always(text, expected):
    assert assertion(text, "drowsy") == expected


# ------------------------------------------------------------------ second pass: near-misses
@pytest.mark.parametrize(
    "text, expected",
    [
        # a scratch, a cut, a few drops from the nose in dry air: not unusual bleeding
        ("le chien m'a griffé la main, ça a un peu saigné", None),
        ("je me suis coupée avec le couteau à pain, ça a saigné deux minutes", None),
        ("il saigne du nez quand il se mouche, c'est la clim de la chambre", None),
        # bleeding that does not stop
        ("je me suis coupé en me rasant, ça saigne beaucoup depuis une heure", "present"),
    ],
)
def test_bleeding_from_a_scratch_or_dry_air(text, expected):
    assert assertion(text, "bruising_bleeding") == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        # breathing through the mouth with a blocked nose: a cold, advice
        ("nez bouché, il respire par la bouche la nuit", "advice"),
        ("enrhumée, je respire par la bouche depuis hier", "advice"),
        ("jai le nez pris je respire par la bouche", "advice"),
        # short of breath
        ("je respire par la bouche et j'ai du mal à respirer", "emergency"),
    ],
)
def test_breathing_through_the_mouth_with_a_cold(text, expected):
    assert level(text) == expected


@pytest.mark.parametrize(
    "text, sign, expected",
    [
        # disgust at the news, a figure of speech
        ("les infos me donnent la nausée en ce moment", "mild_nausea", None),
        ("ce reportage me donne la nausée", "mild_nausea", None),
        ("ce film m'a donné la nausée tellement il était violent", "mild_nausea", None),
        ("la chimio m'a donné la nausée toute la soirée", "mild_nausea", "present"),
        # "courbatures au cerveau", a wallet that aches
        ("j'ai des courbatures aux neurones après ce dossier", "aches", None),
        ("mon compte en banque a des courbatures après les soldes", "aches", None),
        ("courbatures au moral ce lundi mdr", "aches", None),
        ("j'ai des courbatures dans les jambes depuis la perf", "aches", "present"),
        # a dry mouth from talking
        ("j'ai la bouche sèche à force de parler au téléphone", "dry_mouth", None),
        ("bouche sèche avant mon discours à la mairie", "dry_mouth", None),
        ("ma femme a la bouche sèche après un oral", "dry_mouth", None),
        ("j'ai la bouche sèche depuis la cure, même la nuit", "dry_mouth", "present"),
        # onions
        ("le nez qui coule quand je coupe un oignon", "runny_nose", None),
        ("il a le nez qui coule en hachant les oignons", "runny_nose", None),
        ("mon nez coule dès que j'émince des oignons", "runny_nose", None),
        ("le nez qui coule depuis trois jours, un rhume", "runny_nose", "present"),
        # shivering in the cold, gone once warm
        ("des frissons dans le vent sur le quai, fini dès que je suis rentrée", "chills", None),
        ("il grelottait dehors à moins 5, au chaud c'était passé", "chills", None),
        ("froid au marché, j'ai frissonné, au chaud plus rien", "chills", None),
        ("des frissons dehors puis au chaud, avec 38,5 de fièvre", "chills", "present"),
        # an insect bite the writer is sure of
        ("piqûre de guêpe sur le bras, ça gratte", "skin_rash", None),
        ("mon fils a une piqûre d'araignée au genou, ça le démange", "skin_rash", None),
        ("des piqûres de moustiques aux chevilles, ça gratte", "skin_rash", None),
        ("ça gratte sur le bras, une piqûre je crois", "skin_rash", "present"),
    ],
)
def test_near_misses_of_common_complaints(text, sign, expected):
    assert assertion(text, sign) == expected


@pytest.mark.parametrize(
    "text, sign, expected",
    [
        # disgust at a programme or at images, with words in between
        ("les images de la guerre me donnent la nausée", "mild_nausea", None),
        ("ce documentaire sur la pêche industrielle m'a donné la nausée", "mild_nausea", None),
        ("les infos de ce soir sur l'accident m'ont donné la nausée", "mild_nausea", None),
        ("la perfusion m'a donné la nausée", "mild_nausea", "present"),
        # tired after a day out, fine the next morning
        (
            "je suis fatiguée ce soir après la fête de mon petit-fils, demain je serai reposée",
            "mild_fatigue",
            None,
        ),
        ("fatigué après le vélo mais je suis en pleine forme", "mild_fatigue", None),
        ("mon père est fatigué après sa randonnée, normal à son âge", "mild_fatigue", None),
        ("je suis fatigué après la perfusion, tout le temps", "mild_fatigue", "present"),
    ],
)
def test_disgust_and_a_day_out(text, sign, expected):
    assert assertion(text, sign) == expected
