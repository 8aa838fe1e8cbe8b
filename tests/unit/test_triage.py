"""immuno.triage against docs/clinical/triage-reference.md, row by row."""

import json

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from immuno import triage
from immuno.triage import answer, assess, decide, load_criteria, next_question, start
from wording import level_after_no as _level_after_no  # tests/unit is on the path

CRIT = load_criteria()


def ids(text):
    return [s.id for s in assess(text).signs]


def flow(*turns):
    """First turn = start, further turns = answers; returns (state, asked question ids)."""
    state, asked = start(turns[0]), []
    for text in turns[1:]:
        q = next_question(state)
        asked.append(q.id if q else None)
        state = answer(state, text)
        json.dumps(state)  # the state must stay JSON-serialisable (Rasa slot)
    return state, asked


# ----------------------------------------------------------------- the data file
def test_every_row_of_the_reference_has_signs_and_every_entry_a_source():
    data = yaml.safe_load(open(CRIT.path, encoding="utf-8"))
    rows = {c["source"] for c in data["categories"].values()}
    assert len(rows) == 15  # the 15 rows of "Criteria by symptom"
    for entry in data["signs"] + data["combinations"] + list(data["questions"].values()):
        assert entry["source"], entry
    for cid in data["categories"]:
        assert any(s["category"] == cid for s in data["signs"]), cid
    for level in ("advice", "urgent", "emergency"):
        assert any(s["level"] == level for s in data["signs"])


def test_level_messages_follow_the_reference_order():
    emergency = triage.level_message("emergency")
    assert emergency.startswith("Appelez le 15 (SAMU) maintenant - ou le 112 ; 114 par SMS")
    assert emergency.index("Ne conduisez pas") < emergency.index("équipe d'oncologie")
    urgent = triage.level_message("urgent")
    assert (
        urgent.index("équipe")
        < urgent.index("urgences")
        < urgent.index("carte patient")
        < urgent.index("15")
    )
    advice = triage.level_message("advice")
    assert (
        "prochain contact" in advice
        and "fièvre" in advice
        and "un an après la dernière dose" in advice
    )
    assert triage.level_message("nonsense") == urgent  # unknown level: escalate


def test_advice_texts_come_from_the_deck():
    assert "hydrat" in triage.advice_text("digestive")
    assert "lopéramide" in triage.advice_text("digestive") and "prescrit" in triage.advice_text(
        "digestive"
    )
    assert "Hydratez votre peau" in triage.advice_text("skin")
    assert triage.advice_text(None) == triage.advice_text("unknown") != ""


def test_load_criteria_is_cached_and_env_overridable(tmp_path, monkeypatch):
    assert load_criteria() is load_criteria()
    data = yaml.safe_load(open(CRIT.path, encoding="utf-8"))
    data["levels"]["advice"]["message"] = "Message de test."
    path = tmp_path / "triage.yml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    monkeypatch.setenv("TRIAGE_CRITERIA", str(path))
    monkeypatch.setenv("TRIAGE_LEXICON", str(triage.DEFAULT_PATH.parent / "lexicon"))
    assert triage.level_message("advice") == "Message de test."
    assert triage.level_message("advice", criteria=load_criteria(str(path))) == "Message de test."


# ----------------------------------------------------------------- reference rows
ROWS = [
    # (text, level of assess(), a sign id expected, category)
    # Diarrhoea / colitis
    ("j'ai la diarrhée", "advice", "diarrhea", "digestive"),
    ("j'ai 6 selles de plus par jour", "urgent", "stools_4plus", "digestive"),
    (
        "diarrhée toute la nuit, je me lève pour aller aux toilettes",
        "urgent",
        "night_stools",
        "digestive",
    ),
    ("du sang dans les selles", "urgent", "stool_blood", "digestive"),
    ("des glaires dans mes selles", "urgent", "stool_blood", "digestive"),
    ("diarrhée avec des crampes", "urgent", "abdominal_pain", "digestive"),
    ("j'ai mal au ventre", "urgent", "abdominal_pain", "digestive"),
    ("je suis déshydratée", "urgent", "dehydration", "digestive"),
    ("selles noires et la tête qui tourne", "emergency", "black_stool_with_faintness", "digestive"),
    (
        "mes selles sont noires et j'ai la tête qui tourne",
        "emergency",
        "black_stool_with_faintness",
        "digestive",
    ),
    ("douleur atroce au ventre, le ventre est dur", "emergency", "hard_belly", "digestive"),
    ("je vomis du sang", "emergency", "vomit_blood", "digestive"),
    # Fever / infection
    ("j'ai de la fièvre", "urgent", "fever", "fever"),
    ("38,2 ce soir", "urgent", "fever", "fever"),
    ("température 35,5", "urgent", "fever", "fever"),
    ("j'ai des frissons", "urgent", "chills", "fever"),
    ("fièvre et je suis confus", "emergency", "confusion", "neuro"),
    ("fièvre et la peau marbrée", "emergency", "mottled_skin", "fever"),
    ("39 de fièvre et essoufflé", "emergency", "fever_with_red_flag", "fever"),
    # Breathing / cough
    ("je tousse depuis deux jours", "urgent", "cough", "breathing"),
    ("je crache du sang", "emergency", "cough_blood", "breathing"),
    ("essoufflée en montant l'escalier", "urgent", "breathless_effort", "breathing"),
    ("essoufflé même au repos", "emergency", "breath_rest", "breathing"),
    ("je n'arrive pas à finir mes phrases", "emergency", "breath_rest", "breathing"),
    ("j'étouffe", "emergency", "breath_rest", "breathing"),
    ("mes lèvres sont bleues", "emergency", "breath_rest", "breathing"),
    # Chest / heart
    ("j'ai des palpitations", "urgent", "palpitations", "heart"),
    ("palpitations et je tremble", "urgent", "palpitations_with_thyroid_signs", "hormones"),
    ("douleur dans la poitrine", "emergency", "chest_pain", "heart"),
    ("oppression thoracique", "emergency", "chest_pain", "heart"),
    (
        "le coeur qui bat très vite et la tête qui tourne",
        "emergency",
        "racing_heart_with_faintness",
        "heart",
    ),
    ("je me suis évanouie", "emergency", "fainting", "heart"),
    # Liver
    ("j'ai les yeux jaunes", "urgent", "jaundice", "liver"),
    ("urines foncées", "urgent", "dark_urine", "liver"),
    ("douleur sous les côtes à droite", "urgent", "right_rib_pain", "liver"),
    ("des bleus partout sans raison", "urgent", "bruising_bleeding", "liver"),
    ("je suis fatiguée avec des nausées", "urgent", "tired_with_nausea", "liver"),
    ("peau jaune et très somnolent", "emergency", "jaundice_with_drowsiness", "liver"),
    # Skin
    ("quelques boutons sur le bras", "advice", "skin_rash", "skin"),
    ("la peau sèche", "advice", "dry_skin", "skin"),
    ("des plaques rouges partout sur le corps", "urgent", "rash_large", "skin"),
    ("ça gratte tellement que je ne peux pas dormir", "urgent", "itch_sleep", "skin"),
    ("des cloques sur les bras", "emergency", "blisters", "skin"),
    ("ma peau se décolle", "emergency", "skin_peeling", "skin"),
    ("des plaies dans la bouche", "emergency", "mucosal_sores", "skin"),
    # Hormones
    ("je suis un peu fatigué", "advice", "mild_fatigue", "common"),
    ("j'ai tout le temps froid", "advice", "feel_cold", "hormones"),
    ("mal de tête inhabituel", "urgent", "headache", "hormones"),
    (
        "tellement fatiguée que je reste au lit toute la journée",
        "urgent",
        "severe_fatigue",
        "hormones",
    ),
    ("j'ai perdu 5 kilos", "urgent", "weight_loss", "hormones"),
    ("mal de tête terrible et je vois flou", "emergency", "headache_with_vision", "hormones"),
    ("je vomis et j'ai la tête qui tourne", "emergency", "vomiting_with_faintness", "hormones"),
    # Blood sugar
    ("j'ai très soif", "urgent", "thirst", "diabetes"),
    ("j'urine tout le temps", "urgent", "polyuria", "diabetes"),
    ("glycémie très élevée", "urgent", "high_glucose", "diabetes"),
    ("j'ai 2,5 g de sucre dans le sang au réveil", "urgent", "high_glucose", "diabetes"),
    ("ma glycémie est à 3 g ce matin", "urgent", "high_glucose", "diabetes"),
    ("très soif et je vomis", "emergency", "diabetes_ketoacidosis", "diabetes"),
    # Nerves and muscles
    ("ma paupière tombe", "urgent", "ptosis_diplopia", "neuro"),
    ("je vois double", "urgent", "ptosis_diplopia", "neuro"),
    ("faiblesse dans les jambes", "urgent", "muscle_weakness", "neuro"),
    ("douleurs articulaires, je marche mal", "urgent", "joint_pain", "neuro"),
    ("j'ai du mal à avaler", "emergency", "swallowing", "neuro"),
    ("la faiblesse monte dans les jambes", "emergency", "ascending_weakness", "neuro"),
    ("il est confus", "emergency", "confusion", "neuro"),
    ("elle fait des convulsions", "emergency", "seizure", "neuro"),
    ("il a perdu connaissance", "emergency", "loss_of_consciousness", "neuro"),
    # Kidneys
    ("j'urine beaucoup moins", "urgent", "less_urine", "kidney"),
    ("les chevilles gonflées", "urgent", "swollen_ankles", "kidney"),
    ("du sang dans les urines", "urgent", "red_urine", "kidney"),
    ("je n'urine plus du tout", "emergency", "no_urine", "kidney"),
    (
        "j'urine très peu et je suis essoufflé",
        "emergency",
        "less_urine_with_breathlessness",
        "kidney",
    ),
    # Eyes
    ("j'ai l'oeil rouge", "urgent", "red_eye", "eyes"),
    ("vision floue", "urgent", "blurred_vision", "eyes"),
    ("je ne vois plus rien d'un oeil", "emergency", "vision_loss", "eyes"),
    # Infusion reaction
    ("rougeur du visage après la perfusion", "urgent", "infusion_reaction", "infusion"),
    ("gonflement de la gorge pendant la perfusion", "emergency", "anaphylaxis", "infusion"),
    ("les lèvres et la langue gonflent", "emergency", "anaphylaxis", "infusion"),
    ("respiration sifflante", "emergency", "anaphylaxis", "infusion"),
    ("malaise pendant la perfusion", "emergency", "infusion_reaction_with_faintness", "infusion"),
    # Mood
    ("je suis angoissé", "advice", "worry_sleep", "mood"),
    ("je dors mal", "advice", "worry_sleep", "mood"),
    ("je déprime de plus en plus", "urgent", "low_mood", "mood"),
    ("j'ai envie de mourir", "emergency", "suicidal", "mood"),
    ("idées suicidaires", "emergency", "suicidal", "mood"),
    ("je pense à me faire du mal", "emergency", "suicidal", "mood"),
    # IL-2
    ("syndrome grippal", "advice", "flu_like", "il2"),
    ("gonflé de partout et j'urine beaucoup moins", "emergency", "swelling_with_low_urine", "il2"),
    # Mild common complaints
    ("nausées mais je mange", "advice", "mild_nausea", "common"),
    ("la bouche sèche", "advice", "dry_mouth", "common"),
    ("des courbatures après la perfusion", "advice", "aches", "common"),
    ("un petit bleu au point de perfusion", "advice", "infusion_site_bruise", "common"),
    ("le nez qui coule", "advice", "runny_nose", "common"),
]


@pytest.mark.parametrize("text, level, sign, category", ROWS)
def test_reference_rows(text, level, sign, category):
    a = assess(text)
    assert sign in [s.id for s in a.signs], (text, [s.id for s in a.signs])
    assert a.level == level, (text, [s.id for s in a.signs])
    assert category in a.categories
    assert a.is_report and a.is_emergency == (level == "emergency")


def test_call_today_flags():
    assert CRIT.signs["diarrhea"].call_today and CRIT.signs["skin_rash"].call_today
    assert CRIT.signs["worry_sleep"].call_today and CRIT.signs["flu_like"].call_today
    for sign in ("mild_fatigue", "mild_nausea", "dry_mouth", "dry_skin", "aches", "runny_nose"):
        assert not CRIT.signs[sign].call_today, sign


# ----------------------------------------------------------------- emergencies on the first message
EMERGENCIES = [
    "douleur dans la poitrine",
    "j'ai mal a la poitrine",
    "je n'arrive plus à respirer",
    "jarrive pa a respiré",
    "mes lèvres sont bleues",
    "je vomis du sang",
    "selles noires et j'ai la tête qui tourne",
    "il a perdu connaissance",
    "convulsions",
    "j'ai envie de mourir",
    "idées suicidaires",
    "gonflement de la gorge pendant la perfusion",
    "ma peau se décolle",
    "cloques",
    "je ne vois plus rien d'un oeil",
    "je n'urine plus du tout",
    "confus avec de la fièvre",
    "g du mal a respiré",
    "mal a la poitrinne",
    "il ne respire plus",
    "ma mère ne peut plus respirer",
    "je ne peux plus avaler",
    "je respire pas bien",
    "MAL DANS LA POITRINE !!!",
    "Jai mal à la poitrine depuis ce matin, c grave ?",
    # "je sais pas combien de temps": not knowing how long does not deny the sign
    "je sais pas combien de temps j'étais parti, j'ai une bosse au front",
]


@pytest.mark.parametrize("text", EMERGENCIES)
def test_emergency_fires_on_first_message(text):
    a = assess(text)
    assert a.is_emergency, (text, [s.id for s in a.signs], a.negated, a.hypothetical)
    state = start(text)
    assert next_question(state) is None
    assert decide(state).level == "emergency"


# ----------------------------------------------------------------- negation
@pytest.mark.parametrize(
    "text, denied",
    [
        ("pas de fièvre", "fever"),
        ("je n'ai pas de fièvre", "fever"),
        ("je n'ai ni fièvre ni frissons", "fever"),
        ("je ne tousse pas", "cough"),
        ("je tousse pas", "cough"),
        ("aucune douleur dans la poitrine", "chest_pain"),
        ("je n'ai jamais eu de selles noires", "black_stool"),
        ("sans fièvre", "fever"),
        ("plus de fièvre depuis hier", "fever"),
        ("je n'ai pas du tout de mal à respirer", "breath_rest"),
        ("mon mari n'a pas de fièvre", "fever"),
    ],
)
def test_negated_sign_is_not_a_sign(text, denied):
    a = assess(text)
    assert denied not in [s.id for s in a.signs]
    assert denied in a.negated


def test_negation_does_not_leak_to_the_next_symptom():
    assert ids("diarrhée sans sang") == ["diarrhea"]
    assert "stool_blood" in assess("diarrhée sans sang").negated
    for text in [
        "pas de fièvre mais du sang dans les selles",
        "j'ai pas de fièvre j'ai du sang dans les selles",
        "sans fièvre avec du sang dans les selles",
        "pas de fièvre, des selles avec du sang",
    ]:
        assert "stool_blood" in ids(text), text
        assert "fever" not in ids(text), text
    assert ids("je n'ai ni fièvre ni douleur") == []
    assert "chest_pain" in ids("pas de fièvre mais mal à la poitrine")


@pytest.mark.parametrize(
    "text, sign",
    [
        ("je n'arrive plus à respirer", "breath_rest"),
        ("il ne respire plus", "breath_rest"),
        ("je ne peux plus avaler", "swallowing"),
        ("je n'urine plus", "no_urine"),
        ("je ne vois plus rien", "vision_loss"),
        ("elle ne répond plus", "loss_of_consciousness"),
        ("de plus en plus essoufflé", "breathless_effort"),
        ("je ne fais que vomir", "vomiting"),
        ("il y a pas mal de sang dans les selles", "stool_blood"),
    ],
)
def test_inability_and_false_negations_are_signs(text, sign):
    assert sign in ids(text)


# ----------------------------------------------------------------- third person, typos, SMS
@pytest.mark.parametrize(
    "text, sign",
    [
        ("mon mari a de la fièvre", "fever"),
        ("ma mère ne peut plus respirer", "breath_rest"),
        ("mon père a mal à la poitrine", "chest_pain"),
        ("ma femme a des cloques partout", "blisters"),
        ("mon fils dit que sa mère est toute jaune", "jaundice"),
        ("elle a perdu connaissance", "loss_of_consciousness"),
        ("il a la diarrhée", "diarrhea"),
    ],
)
def test_third_person_is_triaged_the_same(text, sign):
    assert sign in ids(text)


@pytest.mark.parametrize(
    "text, sign",
    [
        ("diarhee", "diarrhea"),
        ("diarrée", "diarrhea"),
        ("diaré depuis hier", "diarrhea"),
        ("jarrive pa a respiré", "breath_rest"),
        ("poitrinne qui serre", "chest_pain"),
        ("g de la fievr", "fever"),
        ("jai mal o ventre", "abdominal_pain"),
        ("chui tro fatigué", "mild_fatigue"),
        ("toussse bcp", "cough"),
        ("fievre 39", "fever"),
        ("mal a la tete", "headache"),
    ],
)
def test_typos_and_sms(text, sign):
    assert sign in ids(text)


# ----------------------------------------------------------------- numbers
@pytest.mark.parametrize(
    "text, fever",
    [
        ("38,5", True),
        ("39.5°", True),
        ("39 de fievre", True),
        ("j'ai 38", True),
        ("température à 35.4", True),
        ("37,2 de température", False),
        ("fièvre à 37.5", False),
        ("j'ai 39 ans", None),
        ("il a 40 ans", None),
    ],
)
def test_temperatures(text, fever):
    a = assess(text)
    if fever is None:
        assert "temperature" not in a.numbers
    else:
        assert ("fever" in [s.id for s in a.signs]) is fever
        assert ("fever" in a.negated) is (not fever)


@pytest.mark.parametrize(
    "text, count, urgent",
    [
        ("10 selles", 10, True),
        ("diarrhée 6 fois par jour", 6, True),
        ("2 selles de plus", 2, False),
        ("diarrhée, trois selles", 3, False),
        ("quatre selles de plus que d'habitude", 4, True),
        ("plus de 4 selles", 5, True),
        ("une dizaine de selles", 10, True),
    ],
)
def test_stool_counts(text, count, urgent):
    a = assess(text)
    assert max(a.numbers["stools"]) == count
    assert ("stools_4plus" in [s.id for s in a.signs]) is urgent


def test_vomiting_count_is_not_a_stool_count():
    assert "stools" not in assess("diarrhée et j'ai vomi 5 fois").numbers


# ----------------------------------------------------------------- hypothetical questions
@pytest.mark.parametrize(
    "text, category",
    [
        ("est-ce que ça peut donner de la toux ?", "breathing"),
        ("l'immunothérapie peut-elle provoquer des boutons ?", "skin"),
        ("quels sont les risques de diarrhée", "digestive"),
        ("que faire si j'ai de la fièvre ?", "fever"),
        ("en cas de douleur dans la poitrine je fais quoi", "heart"),
        ("keytruda peut il donner des problèmes de thyroïde", "hormones"),
        ("est-il fréquent d'avoir la peau sèche avec opdivo ?", "skin"),
        # what the writer read or was told about
        ("j'ai lu que le Guillain-Barré pouvait arriver avec l'immunothérapie", "neuro"),
        ("l'infirmière m'a parlé de plaies dans la bouche avec certains traitements", "skin"),
    ],
)
def test_hypothetical_questions_are_not_reports(text, category):
    a = assess(text)
    assert a.hypothetical and not a.is_report and not a.is_emergency
    assert a.signs == [] and a.level is None
    assert category in a.categories


@pytest.mark.parametrize(
    "text",
    [
        "j'ai mal à la poitrine, est-ce que ça peut venir de l'immunothérapie ?",
        "est-ce normal d'avoir de la diarrhée depuis 3 jours ?",
        "mon mari tousse, est-ce que ça peut être le traitement ?",
        "le traitement me donne la diarrhée",
    ],
)
def test_reports_phrased_as_questions_stay_reports(text):
    a = assess(text)
    assert not a.hypothetical and a.is_report


# ----------------------------------------------------------------- escalation rules
def test_level_is_the_highest_sign():
    assert decide(start("je tousse et j'ai mal à la poitrine")).level == "emergency"


def test_two_call_today_signs_are_urgent():
    d = decide(start("j'ai la diarrhée et des boutons"))
    assert d.level == "urgent" and "two_call_today" in d.matched


def test_mild_complaints_do_not_add_up():
    state, _ = flow("je suis un peu fatigué et j'ai la bouche sèche", "non", "non")
    assert decide(state).level == "advice"


def test_new_symptom_with_fever_is_urgent():
    d = decide(start("j'ai le nez qui coule et 38,4"))
    assert d.level == "urgent" and "symptom_with_fever" in d.matched


def test_unknown_category_is_urgent():
    d = decide(start("j'ai mal au pied"))
    assert d.level == "urgent" and d.matched == ["unrecognised_symptom"] and d.category is None
    assert next_question(start("j'ai mal au pied")) is None


def test_category_without_advice_row_mentioned_alone_is_at_least_urgent():
    state = start("c'est au niveau des reins")
    assert decide(state).level == "urgent"
    q = next_question(state)
    assert q.id == "no_urine_q"  # only a question that could raise to emergency is asked
    assert decide(answer(state, "oui")).level == "emergency"


def test_leaving_with_questions_unanswered_is_urgent():
    state = start("j'ai la diarrhée")
    assert next_question(state).id == "stool_count"
    d = decide(state)
    assert d.level == "urgent" and "unanswered_questions" in d.matched
    stopped = answer(state, "stop")
    assert stopped["stopped"] and next_question(stopped) is None
    assert decide(stopped).level == "urgent"


def test_emergency_decides_at_once_and_urgent_too():
    assert next_question(start("je n'arrive plus à respirer")) is None
    assert next_question(start("je tousse")) is None
    assert decide(start("je tousse")).level == "urgent"


# ----------------------------------------------------------------- the form
def test_diarrhoea_form_to_advice_with_buttons_payloads():
    state, asked = flow("j'ai la diarrhée", "moins de 4", "/deny", "/deny", "/deny")
    assert asked == ["stool_count", "stool_blood", "belly_pain", "fever"]
    d = decide(state)
    assert d.level == "advice" and d.category == "digestive" and d.matched == ["diarrhea"]
    assert next_question(state) is None


def test_questions_carry_buttons():
    q = next_question(start("j'ai la diarrhée"))
    assert [b["title"] for b in q.buttons] == ["Moins de 4", "4 ou plus", "Je ne sais pas"]
    q2 = next_question(answer(start("j'ai la diarrhée"), "2"))
    assert [b["payload"] for b in q2.buttons] == ["/affirm", "/deny", "/dont_know"]
    assert q2.to_dict()["id"] == "stool_blood" and q2.category == "digestive"


@pytest.mark.parametrize(
    "reply, level",
    [
        ("6", "urgent"),
        ("10 selles", "urgent"),
        ("4 ou plus", "urgent"),
        ("beaucoup", "urgent"),
        ("moins de 4", None),
        ("2", None),
        ("une ou deux", None),
    ],
)
def test_count_answers(reply, level):
    state = answer(start("j'ai la diarrhée"), reply)
    if level:
        assert decide(state).level == level and next_question(state) is None
    else:
        assert next_question(state).id == "stool_blood"


@pytest.mark.parametrize("reply", ["oui", "ouais", "Oui un peu", "/affirm", "oui il y a du sang"])
def test_yes_answers(reply):
    state = answer(answer(start("j'ai la diarrhée"), "2"), reply)
    assert decide(state).level == "urgent" and "stool_blood" in state["signs"]


@pytest.mark.parametrize("reply", ["non", "nn", "pas du tout", "/deny", "non pas de sang", "nan"])
def test_no_answers(reply):
    state = answer(answer(start("j'ai la diarrhée"), "2"), reply)
    assert next_question(state).id == "belly_pain"


@pytest.mark.parametrize(
    "reply", ["je ne sais pas", "jsp", "/dont_know", "aucune idée", "je sais pas"]
)
def test_dont_know_counts_as_call_today_and_escalates(reply):
    state = answer(answer(start("j'ai la diarrhée"), "2"), reply)
    assert state["answers"]["stool_blood"] == "unknown"
    d = decide(state)
    assert d.level == "urgent" and "two_call_today" in d.matched


def test_dont_know_to_a_red_flag_question_escalates():
    state = answer(start("j'ai la peau sèche"), "je ne sais pas")  # cloques ... ?
    assert decide(state).level == "urgent"


def test_first_message_answers_are_skipped():
    state, asked = flow("j'ai la diarrhée, 2 selles de plus, pas de sang, pas de fièvre", "non")
    assert asked == ["belly_pain"]
    assert decide(state).level == "advice"


def test_new_sign_typed_in_a_reply_counts():
    state, _ = flow("j'ai la diarrhée", "2", "non mais je n'arrive plus à respirer")
    assert decide(state).level == "emergency" and next_question(state) is None


def test_temperature_reply_to_the_fever_question():
    base = ["j'ai la diarrhée", "2", "non", "non"]
    assert decide(flow(*base, "38,5")[0]).level == "urgent"
    assert decide(flow(*base, "37,2")[0]).level == "advice"


def test_unclear_reply_is_asked_again_then_counts_as_unknown():
    state = answer(answer(start("j'ai la diarrhée"), "2"), "bof euh")
    q = next_question(state)
    assert q.id == "stool_blood" and q.text.startswith("Je n'ai pas bien compris")
    state = answer(state, "patate")
    assert state["answers"]["stool_blood"] == "unknown"
    assert decide(state).level == "urgent"


@pytest.mark.parametrize(
    "turns, asked, level",
    [
        (["je suis un peu fatigué", "non", "non"], ["fever", "fatigue_severe"], "advice"),
        (["je suis un peu fatiguée", "non", "oui"], ["fever", "fatigue_severe"], "urgent"),
        (["j'ai le nez qui coule", "non"], ["fever"], "advice"),
        (["j'ai le nez qui coule", "oui"], ["fever"], "urgent"),
        (["la bouche sèche", "non"], ["fever"], "advice"),
        # "Avez-vous du mal à manger ou à boire ?": "non" means the sign is absent
        (["des nausées", "non", "non"], ["fever", "eating"], "advice"),
        (["des nausées", "non", "oui"], ["fever", "eating"], "urgent"),
        (
            ["des courbatures après la perfusion", "non", "non"],
            ["fever", "muscle_weakness_q"],
            "advice",
        ),
        (["un petit bleu au point de perfusion", "non"], ["fever"], "advice"),
        (["la peau sèche", "non", "non"], ["skin_severe", "fever"], "advice"),
        (["la peau sèche", "oui"], ["skin_severe"], "emergency"),
        (
            ["quelques boutons", "non", "non", "non", "non"],
            ["skin_extent", "skin_severe", "itch_sleep", "fever"],
            "advice",
        ),
        (["quelques boutons", "oui"], ["skin_extent"], "urgent"),
        (
            ["j'ai tout le temps froid", "non", "non", "non"],
            ["hormone_signs", "headache_q", "fever"],
            "advice",
        ),
        (["je suis angoissée", "non", "non"], ["mood_low", "mood_suicide"], "advice"),
        (["je dors mal", "non", "oui"], ["mood_low", "mood_suicide"], "emergency"),
        (["syndrome grippal", "non", "non"], ["fever", "capillary_leak_q"], "advice"),
        (["syndrome grippal", "non", "oui"], ["fever", "capillary_leak_q"], "emergency"),
    ],
)
def test_form_paths(turns, asked, level):
    state, got = flow(*turns)
    assert got == asked
    assert next_question(state) is None
    assert decide(state).level == level


def test_at_most_four_questions_per_category():
    for cid, cat in CRIT.categories.items():
        assert len(cat.get("questions") or []) <= 4, cid


def test_decision_to_dict_and_labels_in_french():
    d = decide(start("je tousse")).to_dict()
    assert d == {
        "level": "urgent",
        "category": "breathing",
        "matched": ["cough"],
        "labels": ["toux nouvelle"],
    }


# ----------------------------------------------------------------- robustness
@settings(deadline=None)
@given(st.text(max_size=300), st.lists(st.text(max_size=60), max_size=5))
def test_property_never_raises_and_always_decides(first, replies):
    a = assess(first)
    assert a.level in (None, "advice", "urgent", "emergency")
    state = start(first)
    for reply in replies:
        next_question(state)
        state = answer(state, reply)
    json.dumps(state)
    assert decide(state).level in ("emergency", "urgent", "advice")


@settings(deadline=None)
@given(
    st.lists(
        st.sampled_from(
            [
                "j'ai",
                "pas de",
                "fièvre",
                "diarrhée",
                "sang",
                "poitrine",
                "mal",
                "ne",
                "plus",
                "respirer",
                "oui",
                "non",
                "38,5",
                "6",
                "selles",
                "jsp",
                "et",
                "mais",
                "?",
                "mon mari",
                "peut",
                "donner",
            ]
        ),
        max_size=12,
    )
)
def test_property_on_french_fragments(words):
    text = " ".join(words)
    state = start(text)
    for reply in ("oui", "non", "jsp"):
        state = answer(state, reply)
    assert decide(state).level in ("emergency", "urgent", "advice")


@pytest.mark.parametrize("odd", ["", "   ", "😱🤒🚑", "\x00\x07", "é" * 20000, "a" * 20000, None])
def test_odd_inputs(odd):
    assess(odd)
    state = start(odd)
    state = answer(state, odd)
    assert decide(state).level in ("emergency", "urgent", "advice")
    assert decide("not a state").level == "urgent"
    assert next_question(None) is None


# ----------------------------------------------------------------- held-out phrasings found in review
@pytest.mark.parametrize(
    "text",
    [
        "impossible de respirer",
        "ma femme est toute bleue",
        "il fait un arrêt",
        "je suis tombé dans les pommes",
        "je vais faire une bêtise",
        "essoufflée au moindre mot",
        "mal au coeur et au bras gauche",
        "je n'ai plus envie de vivre",
        "ma respiration est rapide et difficile",
        "convultions",
    ],
)
def test_more_emergencies(text):
    assert assess(text).is_emergency


@pytest.mark.parametrize(
    "text, sign",
    [
        ("ma peau est sèche", "dry_skin"),
        ("j'ai les lèvres sèches", "dry_mouth"),
        ("j'ai un peu froid", "feel_cold"),
        ("je ne peux plus manger", "cannot_eat"),
        ("j'ai mal au coeur", "mild_nausea"),
    ],
)
def test_more_mild_phrasings(text, sign):
    assert sign in ids(text)
    assert not assess(text).is_emergency


@pytest.mark.parametrize(
    "text",
    ["j'ai mal à la gorge", "je me sens pas bien", "il a une douleur au genou", "je souffre"],
)
def test_a_complaint_no_row_lists_is_a_report_escalated_to_urgent(text):
    assessment = triage.assess(text)
    assert assessment.is_report and assessment.unlisted_complaint
    assert triage.decide(triage.start(text)).level == "urgent"


@pytest.mark.parametrize(
    "text",
    [
        "j'ai une question",
        "j'ai un rendez-vous demain",
        "est-ce que ça peut faire mal à la gorge ?",
    ],
)
def test_ordinary_sentences_are_not_complaints(text):
    assert not triage.assess(text).is_report


@pytest.mark.parametrize("text", ["J'ai un symptôme", "jai un probleme", "mon mari a un souci"])
def test_an_announced_symptom_is_not_yet_a_description(text):
    assert triage.is_announcement(text)


@pytest.mark.parametrize(
    "text", ["j'ai un problème de peau", "j'ai mal au pied", "j'ai 39 de fièvre"]
)
def test_a_described_symptom_is_not_an_announcement(text):
    assert not triage.is_announcement(text)


@pytest.mark.parametrize(
    "text, explained",
    [
        ("je vois double", True),
        ("je ne vomis pas de sang mais je vomis", True),
        ("diarrhée et fièvre", True),
        ("je vois double et je suis tout bizarre", False),
        ("je tousse, c'est grave ?", False),
        ("je me sens vraiment tres mal", False),
        ("", False),
    ],
)
def test_explained_means_every_part_of_the_message_holds_a_sign(text, explained):
    assert triage.assess(text).explained is explained


@pytest.mark.parametrize(
    "text, reported",
    [
        ("selles noires, c'est grave ?", True),
        ("diarrhée c'est normal ?", True),
        ("c normal d etre fatigue sous immuno ou pas ?", False),
        ("c'est normal d'avoir de la diarrhée sous immuno ?", False),
        # the writer describes their own state (je, me, moi): a report
        ("est-ce normal d'être crevée au point de devoir m'asseoir ?", True),
        ("c'est normal d'avoir la tête qui tourne quand je reste debout ?", True),
        # a practical question, then a symptom added with "sinon"
        ("je peux décaler la prise de sang ? sinon petit rhume, le nez qui goutte", True),
        ("je peux décaler la prise de sang ? sinon tout va bien", False),
    ],
)
def test_is_it_normal_reads_as_a_report_only_after_a_symptom(text, reported):
    assert triage.assess(text).reported is reported


@pytest.mark.parametrize(
    "text, is_report",
    [
        # an organ said to be as it should names no complaint
        ("Aucune éruption, aucune rougeur, la peau est nette.", False),
        ("rien ne se décolle, la peau reste intacte", False),
        ("le ventre est souple et il n'a pas mal", False),
        ("ses urines sont bien claires, il boit normalement", False),
        # a sign in the same clause is still read
        ("la peau est normale mais j'ai des boutons partout", True),
        ("les urines sont rosées depuis hier", True),
        ("mes selles sont noires", True),
    ],
)
def test_an_organ_said_to_be_normal_is_no_complaint(text, is_report):
    assert triage.assess(text).is_report is is_report


@pytest.mark.parametrize(
    "text, reported, question",
    [
        ("le keytruda c'est dangereux pour le foie ?", False, True),
        ("c normal d avoir des boutons sous immuno", False, True),
        ("j'ai de la fièvre c'est dangereux ?", True, True),
    ],
)
def test_is_it_dangerous_for_an_organ_is_a_question(text, reported, question):
    assert triage.assess(text).reported is reported
    assert triage.is_question(text) is question


# ----------------------------------------------------------------- findings and the reference's principles
@pytest.mark.parametrize(
    "text, question",
    [
        ("je suis essoufflé quand je monte l'escalier", "breath_rest"),
        ("j'ai des palpitations", "palpitations_red_q"),
        ("je déprime de plus en plus", "mood_suicide"),
        ("j'ai les yeux jaunes", "jaundice_drowsy_q"),
        ("j'urine beaucoup moins", "no_urine_q"),
    ],
)
def test_the_worst_is_ruled_out_before_settling_on_urgent(text, question):
    state = start(text)
    assert next_question(state).id == question
    assert decide(answer(state, "non")).level == "urgent"
    assert decide(answer(state, "oui")).level == "emergency"


def test_questions_about_a_relative_speak_of_that_person():
    state = start("ma mère est essoufflée quand elle marche")
    question = next_question(state)
    assert question.text.startswith("La personne est-elle essoufflée")
    assert "vous" not in question.text.lower().split()


def test_no_question_can_make_no_mean_present():
    assert all(not q.get("on_no") for q in CRIT.questions.values())


@pytest.mark.parametrize(
    "text",
    [
        "la chimio l'a rendu malade comme un chien et maintenant de la fièvre, des convulsions",
        "j'ai envie que tout s'arrête",
        "chute de tension et malaise quand passe la 3e poche de médicament",
    ],
)
def test_real_wordings_of_emergencies_get_15(text):
    """From patients' blogs (tests/vignettes/dev/real_g.yml): an idiom is not an animal."""
    assert assess(text).is_emergency


@pytest.mark.parametrize("text", ["mon chien vomit", "mon chat a de la fièvre", "le chiot tousse"])
def test_an_animal_is_out_of_scope(text):
    a = assess(text)
    assert a.experiencer == "animal" and not a.is_report and not a.is_emergency
    assert triage.not_about_the_patient(text)


def test_a_resolved_symptom_is_advice_and_a_recent_red_flag_event_counts():
    over = start("j'avais de la fièvre la semaine dernière, c'est passé")
    assert over["signs"] == [] and over["resolved"] == ["fever"]
    assert decide(over).level == "advice"
    assert assess("ce matin je me suis évanoui, ça va mieux maintenant").is_emergency


@pytest.mark.parametrize(
    "text",
    [
        "J'ai eu 38,5 la semaine dernière pendant une journée, c'est passé depuis",
        "glycémie à 2 g il y a dix jours mais le contrôle d'hier est revenu normal à 1 g",
    ],
)
def test_a_value_measured_before_it_was_over_is_advice(text):
    state = start(text)
    while next_question(state) is not None:
        state = answer(state, "non")
    assert decide(state).level == "advice"


@pytest.mark.parametrize(
    "text",
    [
        "j'ai de la fièvre, elle est passée à 39,5 cette nuit",  # rose, not over
        "38,7 hier soir, c'est passé avec un Doliprane",  # masked by paracetamol
        "j'avais 39 hier, c'est passé, mais ce soir 38,7",
    ],
)
def test_a_fever_that_rose_or_went_down_with_a_medicine_is_not_over(text):
    state = start(text)
    assert "fever" in state["signs"] and "fever" not in state["resolved"]


@pytest.mark.parametrize(
    "text",
    [
        "j'ai failli tomber dans les pommes au supermarché",
        "il a failli s'évanouir en se levant",
        "j'ai cru que j'allais m'évanouir",
    ],
)
def test_almost_fainting_is_asked_about_with_the_15_line_first(text):
    assert not assess(text).is_emergency
    question = next_question(start(text))
    assert question.id == "fainted_q" and "15" in question.text


def test_almost_fainting_with_black_stools_is_an_emergency():
    assert assess("selles noires ce matin et j'ai failli tomber dans les pommes").is_emergency


@pytest.mark.parametrize(
    "text, key, value, sign",
    [
        ("glycémie à 2,8 g ce matin", "glucose", 2.8, "high_glucose"),
        ("mon lecteur affiche 16 mmol", "glucose", 2.88, "high_glucose"),
        ("sa tension est à 8/5", "blood_pressure", 80.0, "low_bp"),
        ("mon tensiomètre affiche 84/52", "blood_pressure", 84.0, "low_bp"),
        ("pouls à 135 au repos", "heart_rate", 135.0, "palpitations"),
    ],
)
def test_measured_values_are_read_against_the_criteria(text, key, value, sign):
    a = assess(text)
    assert a.numbers[key] == [value]
    assert sign in [s.id for s in a.signs]


def test_normal_measured_values_give_no_sign():
    assert assess("tension 13/8 ce matin").signs == []
    assert assess("glycémie à 1 g").signs == []


def test_findings_hold_ids_and_assertions_and_no_text():
    findings = start("mon mari a de la fièvre mais pas de toux")["findings"]
    assert {
        "sign": "fever",
        "assertion": "present",
        "experiencer": "other",
        "modifiers": {},
    } in findings
    assert any(f["sign"] == "cough" and f["assertion"] == "negated" for f in findings)
    assert "mari" not in json.dumps(findings)


# ----------------------------------------------------------------- ambiguous words (reference: Principles)
@pytest.mark.parametrize(
    "text, serious",
    [
        ("j'ai fait un malaise", "fainting"),
        ("je me sens partir", "fainting"),
        ("mon mari a fait un malaise ce matin", "fainting"),
        ("j'ai le ventre dur", "hard_belly"),
    ],
)
def test_an_ambiguous_word_is_asked_about_with_what_to_do_if_serious(text, serious):
    state = start(text)
    question = next_question(state)
    assert not assess(text).is_emergency
    assert question is not None and "15" in question.text.split("\n")[0]
    assert answered_level(state, "oui") == "emergency"
    assert answered_level(state, "non") != "emergency"


def answered_level(state, reply):
    state = answer(state, reply)
    while (q := next_question(state)) is not None:
        state = answer(
            state, "non" if q.buttons[0]["payload"] == "/affirm" else q.buttons[0]["payload"]
        )
    return decide(state).level


def test_an_ambiguous_word_is_settled_by_the_same_message():
    assert assess("j'ai fait un malaise, je suis tombé dans les pommes").is_emergency
    assert next_question(start("pas de malaise, j'ai juste la diarrhée")).id != "fainted_q"
    # with black stools, feeling faint is enough for 15 (Diarrhoea / colitis - emergency)
    assert assess("selles noires et un malaise").is_emergency


def test_an_ambiguous_word_about_a_relative_is_asked_in_the_third_person():
    question = next_question(start("ma mère a fait un malaise"))
    assert "la personne" in question.text.lower() and "vous avez" not in question.text


def test_suicidal_thoughts_confirmed_in_the_questions_get_3114_beside_15():
    from immuno import triage_reply

    state = start("je déprime de plus en plus")
    assert next_question(state).id == "mood_suicide"
    decision = decide(answer(state, "oui"))
    lines = "\n".join(triage_reply.reply_lines(decision.level, decision.category))
    assert decision.level == "emergency" and "15" in lines and "3114" in lines


@pytest.mark.parametrize(
    "text, denied",
    [
        ("un peu fatigué mais je fais tout normalement", True),
        ("un peu fatiguée en fin de journée, mais je fais tout ce que j'ai à faire", True),
        ("je suis un peu fatigué le soir, je travaille toujours", True),
        # a negation takes the denial back: the question is asked
        ("je suis fatiguée, je ne fais plus tout ce que j'ai à faire", False),
    ],
)
def test_words_that_say_a_sign_is_absent_answer_its_question(text, denied):
    a = assess(text)
    assert "mild_fatigue" in [s.id for s in a.signs]
    assert ("severe_fatigue" in a.negated) is denied
    assert "severe_fatigue" not in [s.id for s in a.signs]
    asked = []
    state = start(text)
    while (q := next_question(state)) is not None and len(asked) < 8:
        asked.append(q.id)
        state = answer(state, "non")
    assert ("fatigue_severe" in asked) is not denied


def test_a_reply_names_a_sign_of_the_conversation_without_its_context_word():
    # "ça me réveille la nuit" in a diarrhoea triage: stools at night (urgent), though the
    # reply answers another question and says neither "selles" nor "diarrhée"
    state, _ = flow(
        "diarrhée depuis 2 jours, 3 fois par jour à peu près",
        "non pas de sang, et pas mal au ventre",
        "ah si, ça me réveille la nuit, j'ai oublié de le dire",
    )
    assert "night_stools" in state["signs"]
    assert decide(state).level == "urgent"
    # alone, the same words are no stools at night
    assert "night_stools" not in ids("ça me réveille la nuit")


def test_an_emergency_keeps_its_context_word_in_a_reply():
    # "du sang" in a diarrhoea triage is blood in the stools, not vomited blood
    state, _ = flow("j'ai la diarrhée depuis hier", "oui, un peu de sang")
    assert "vomit_blood" not in state["signs"]
    assert decide(state).level != "emergency"


def test_a_value_after_the_words_saying_it_is_over_is_the_reading_now():
    # the fever of last Monday is over, 36,9 now: advice (tell the team at the next contact)
    text = "J'ai fait 38,5 lundi dernier, c'est redescendu tout seul et depuis je suis à 36,9."
    assert decide(start(text)).level == "advice"
    # a value before the words, in the same clause, is the one that is over
    assert decide(start("38,5 hier soir, c'est passé")).level == "advice"
    # still a fever: down to 38,5, or down with a medicine
    assert decide(start("j'avais 39, c'est redescendu à 38,5")).level == "urgent"
    assert decide(start("38,7 hier soir, c'est redescendu avec un Doliprane")).level == "urgent"


@pytest.mark.parametrize(
    "text, level",
    [
        # severe pain and a hard belly in neighbouring clauses; not when the belly is soft
        ("Mon mari se tord de douleur, il a le ventre tout dur et gonflé", "emergency"),
        ("ventre tout dur, il ne supporte pas qu'on le touche", "emergency"),
        ("il se tord de douleur mais le ventre n'est pas dur", "urgent"),
        ("jai du sanf dans les selles depuis hier", "urgent"),
        ("Depuis trois jours ma tension dégringole, 9/6 hier et 8,5/5 ce matin.", "urgent"),
        ("elle a fait un malaise, elle est partie quelques secondes", "emergency"),
        ("elle est tombée, elle est partie une minute chercher le sécateur", "none"),
        (
            "je me découvre des hématomes sur les bras, je ne me souviens pas m'être cognée",
            "urgent",
        ),
        ("essoufflée en restant assise à ne rien faire depuis cette nuit", "emergency"),
        # look-alikes and figures of speech
        ("Je me suis mordu la joue et j'ai craché un peu de sang", "none"),
        ("je me suis mordu la langue et depuis je tousse et crache du sang", "emergency"),
        ("après mon footing je respire vite puis ça se calme, comme tout le monde", "none"),
        ("après mon footing je respire vite et ça ne se calme pas", "emergency"),
        ("J'ai tellement ri que j'en avais mal au ventre", "none"),
        ("j'ai la diarrhée, j'en ai mal au ventre", "urgent"),
        ("J'ai fait un infarctus il y a 12 ans, aucun souci depuis", "none"),
        ("Mon petit-fils me donne des palpitations quand il grimpe aux arbres", "none"),
    ],
)
def test_ways_of_saying_digestive_fever_breathing_heart_liver_skin_signs(text, level):
    a = assess(text)
    if a.is_emergency:
        assert level == "emergency", text
        return
    assert level != "emergency", text
    given = decide(start(text)).level if a.is_report else "none"
    if level == "none":
        assert given in ("none", "advice") and not a.is_report, (text, given)
    else:
        assert given == level, (text, given)


@pytest.mark.parametrize(
    "text, level",
    [
        ("j'ai des courbatuers partout depuis hier", "advice"),
        ("je transpire énormément la nuit depuis une semaine", "advice"),
        ("je transpir beaucoup le soir", "advice"),
        ("un bleu sur l'avant-bras là où l'infirmière a mis l'aiguille", "advice"),
        ("ma femme a les batteries à plat depuis la cure mais elle fait tout", "advice"),
        ("il fait des siestes beaucoup plus longues depuis la perfusion", "advice"),
        ("C'est grave de faire moins pipi qu'avant ?", "urgent"),
        ("Est-ce normal d'avoir des nausées après chaque perfusion ?", "advice"),
        (
            "c'est normal d'avoir la bouche sèche ? je bois de l'eau toute la nuit pour soulager",
            "advice",
        ),
        ("mes pantalons sont tous trop grands, j'ai perdu une taille sans régime", "urgent"),
        ("elle passe ses journées sur le canapé depuis la cure", "urgent"),
        ("il ne fait plus sa toilette seul depuis une semaine", "urgent"),
        ("j'ai la tête comme dans un étau depuis ce matin", "urgent"),
        ("d'un coup je ne vois plus que la moitié gauche", "emergency"),
        ("comme un rideau qui est tombé devant mon oeil droit", "emergency"),
        ("la moitié de mon champ visuel est devenue noire", "emergency"),
        ("son corps tout entier enfle depuis l'IL-2", "urgent"),
        ("mon corps gonfle et mes urines ont presque disparu", "emergency"),
        ("ses urines ont disparu depuis hier", "emergency"),
        ("je me retourne dans mon lit toute la nuit en pensant au scanner", "advice"),
        ("je gamberge depuis des jours avant les résultats", "advice"),
        ("elle repose sans arrêt les mêmes questions depuis ce matin", "emergency"),
        ("mon père s'est perdu dans son propre quartier", "emergency"),
        ("j'ai les jambes en plomb jusqu'aux hanches depuis hier", "emergency"),
        ("il n'arrive plus à boutonner sa chemise depuis deux jours", "urgent"),
        ("il dit que ce serait plus facile de ne plus se réveiller", "emergency"),
        ("mon mari est complètement éteint, il ne sourit presque plus", "urgent"),
        ("je me sens vaseuse depuis le début de la perfusion", "urgent"),
        ("j'ai la nuque qui lance depuis hier", "urgent"),
        ("je suis pris en étau entre mon patron et ma famille", "none"),
        ("Mon canari a les plumes qui tombent plus qu'avant", "none"),
        ("Est-ce normal d'avoir la bouche sèche sous immunothérapie ?", "none"),
        ("Si un jour je fais moins pipi que d'habitude, qui dois-je appeler ?", "none"),
        ("j'ai perdu deux tailles grâce à mon régime, je suis ravie", "none"),
    ],
)
def test_ways_of_saying_common_hormones_eyes_il2_kidney_mood_neuro_infusion_signs(text, level):
    """Wordings that are not in the dev vignettes: the same ways of saying as the fixed cases
    (typos of plain words, what a relative sees, a question that still reports), so that a
    change catches the way of saying and not one sentence. Read as the safety net does: a
    question starts a triage only when it is worded as a report."""
    from scripts.vignettes import run_case

    outcome = run_case({"id": "unit", "text": text, "level": level})
    assert outcome.level == level, (text, outcome.level)


def test_swelling_all_over_asks_about_urine_and_very_little_is_an_emergency():
    """Capillary leak (IL-2): swollen all over is urgent, with very little urine 15. Once the
    swelling is said, the urine is asked about; "presque plus" is a yes."""
    state = start("Je suis gonflé de partout depuis la cure d'IL-2, même le visage.")
    assert next_question(state).id == "swelling_urine_q"
    assert decide(answer(state, "presque plus, une fois depuis ce matin")).level == "emergency"
    assert decide(answer(state, "non")).level == "urgent"
    assert next_question(start("gonflée de partout mais j'urine comme d'habitude")) is None


def test_a_reply_that_names_one_part_of_an_or_question_counts_that_part_only():
    """ "Gonflé de partout, ou urinez-vous beaucoup moins ?" answered "je gonfle de partout":
    the swelling, not the capillary leak (swelling AND little urine); the urine is asked next.
    A plain "oui" still takes the question's worst reading."""
    state = answer(
        answer(start("syndrome grippal depuis la cure d'IL-2"), "non"), "je gonfle de partout"
    )
    assert "capillary_leak" not in state["signs"] and "generalized_swelling" in state["signs"]
    assert next_question(state).id == "swelling_urine_q"
    assert decide(answer(state, "presque plus")).level == "emergency"
    plain_yes = answer(answer(start("syndrome grippal depuis la cure d'IL-2"), "non"), "oui")
    assert decide(plain_yes).level == "emergency"


@pytest.mark.parametrize(
    "text, level",
    [
        # stools: a day spent in the toilets
        ("ma femme ne quitte plus les toilettes depuis hier", "urgent"),
        ("je vis aux toilettes depuis la perfusion", "urgent"),
        ("il a passé toute la journée aux wc", "urgent"),
        # "il passe ses journées" is no resolution
        ("depuis lundi elle passe ses nuits aux toilettes", "urgent"),
        # woken at night and having to run
        ("la nuit ça me réveille et je dois foncer, trois fois cette nuit", "urgent"),
        # blood on wiping, over
        ("du sang en m'essuyant il y a dix jours, des hémorroïdes, c'est cicatrisé", "advice"),
        ("il y avait du rouge sur le papier toilette ce matin", "urgent"),
        # "elle a fini par me dire": no resolution
        ("mon père a fini par avouer qu'il avait du sang dans les selles", "urgent"),
        # barely eating
        ("il n'avale que deux bouchées à chaque repas depuis une semaine", "urgent"),
        ("je mangeais quasiment rien la semaine dernière, l'appétit est revenu", "advice"),
        # a meal brought back up
        ("il a rendu son dîner hier soir et encore ce matin", "urgent"),
        ("j'ai rendu tout mon déjeuner", "urgent"),
        # the skin fold that stays, dried out
        ("quand je pince la peau du bras, le pli reste, et j'ai la diarrhée", "urgent"),
        ("mon père a l'air tout ratatiné, il ne boit presque pas", "urgent"),
        # a hard belly that hurts at the lightest touch
        ("ventre dur comme du bois, il hurle dès qu'on l'effleure", "emergency"),
        ("elle a le ventre tendu et dur, elle gémit", "emergency"),
        ("ventre tout dur, il crie au moindre contact", "emergency"),
        # coffee grounds in the vomit
        (
            "il a vomi ce matin, puis en regardant la cuvette j'ai vu que ça ressemblait à du marc de café",
            "emergency",
        ),
        # mottled, grey
        ("mon mari a 39 de fièvre et elle est toute grise, ma mère je veux dire", "emergency"),
        ("sa peau est comme du marbre sur les cuisses, il a de la fièvre", "emergency"),
        ("fièvre et ses genoux sont violets", "emergency"),
        # blood-tinged sputum
        ("je tousse des glaires rosées depuis ce matin", "emergency"),
        ("il crache des mucosités sanglantes", "emergency"),
        ("mes expectorations sont teintées de sang", "emergency"),
        # out of breath more than before; not across a denial
        ("je souffle bien plus que d'habitude en marchant", "urgent"),
        ("elle souffle davantage qu'avant quand elle fait le ménage", "urgent"),
        ("je monte trois étages sans aucun essoufflement", "none"),
        # racing heart with faintness
        ("mon coeur s'affole et j'ai la tête qui tourne", "emergency"),
        ("son coeur cavale et la tête lui tourne", "emergency"),
        ("j'ai le cœur qui galope depuis ce matin", "urgent"),
        # unsteady on standing
        ("j'ai l'impression que le sol se dérobe quand je me lève", "urgent"),
        ("il doit s'agripper aux meubles, tout tourne", "urgent"),
        ("dès qu'il se lève il devient tout pâle", "urgent"),
        # drowsy with jaundice
        ("il a les yeux jaunes et il n'arrive plus à rester éveillé", "emergency"),
        ("teint jaune et on a du mal à le garder éveillé", "emergency"),
        # a weight under the right ribs
        ("j'ai comme un poids sous les côtes à droite", "urgent"),
        ("une sorte d'étau sous les côtes droites", "urgent"),
        # rash all over
        ("des boutons sur les bras, les jambes et le dos", "urgent"),
        ("il est rouge comme une écrevisse de partout et ça gratte", "urgent"),
        # sunburn
        ("j'ai attrapé des coups de soleil sur le nez", "advice"),
        # skin coming off in pieces
        ("la peau de mes pieds part par morceaux", "emergency"),
        ("sous la peau qui pèle, en dessous c'est à vif", "emergency"),
        # itch that wakes
        ("des plaques qui grattent ; une m'a réveillée deux fois cette nuit", "urgent"),
        # "est-ce normal d'avoir ... tout ...": what the writer sees
        ("est-ce normal d'avoir les urines toutes foncées ?", "urgent"),
        ("c'est normal d'être aussi essoufflée ?", "urgent"),
    ],
)
def test_other_wordings_of_the_fourth_batch_signs(text, level):
    """Neighbours of the dev wordings of the fourth batch (relatives' descriptions, long
    narratives), none of them in the corpus: the way of saying, not the test sentence."""
    assert _level_after_no(text) == level, text


def test_a_match_that_runs_into_the_next_clause_does_not_hide_a_later_one():
    # "boutons sur les bras" then "les jambes" (a comma between): a greedy pattern
    # crosses the comma; the list of three regions read ahead from "bras" is still found
    assert "rash_large" in ids("des boutons sur les bras, les jambes et le dos")
    assert "rash_large" not in ids("des boutons sur les bras")


@pytest.mark.parametrize(
    "text, level",
    [
        # figures of speech and ordinary look-alikes
        ("la facture du garage, de quoi faire tousser !", "none"),
        ("les tarifs de la cantine font tousser, et je tousse depuis trois jours", "urgent"),
        ("après le vélo j'ai respiré vite, c'est revenu normal en deux minutes", "none"),
        ("après avoir couru j'ai respiré vite, et ça n'est pas revenu normal", "emergency"),
        ("après le footing je suis essoufflé et ce n'est jamais redevenu normal", "urgent"),
        ("un frisson en sortant du bain, pas de fièvre", "none"),
        ("mon fils fait semblant de s'évanouir quand on parle des devoirs", "none"),
        ("j'ai une tension basse depuis toujours, 9/6, rien de nouveau", "none"),
        ("j'ai toujours eu une tension basse mais là elle est à 7/4", "urgent"),
        ("mon coeur bat pour lui depuis quarante ans", "none"),
        ("il a fait un malaise, son coeur bat encore très vite", "emergency"),
        ("si un jour je fais 39 de fièvre, j'appelle qui ?", "none"),
        ("si jamais il a les yeux jaunes, on fait quoi ?", "none"),
        # over: plural nouns
        ("les plaques qui me grattaient la nuit se sont estompées avec la crème", "advice"),
        ("mes démangeaisons de la nuit sont parties", "advice"),
        # below the signs: reflux, lost appetite, an itchy scalp (advice)
        ("j'ai des remontées acides le soir", "advice"),
        ("des aigreurs après les repas depuis la cure", "advice"),
        ("je n'ai plus d'appétit depuis la cure", "advice"),
        ("une perte d'appétit depuis une semaine", "advice"),
        ("je n'ai pas perdu l'appétit", "none"),
        ("le cuir chevelu me gratte depuis la perfusion", "advice"),
        ("j'ai des brûlures du cuir chevelu", "advice"),
    ],
)
def test_look_alikes_and_complaints_below_the_signs_of_the_fourth_batch(text, level):
    """Near-misses of the fourth batch (a figure of speech, a lifelong value, a supposition,
    something over) and complaints below the signs, in wordings not in the corpus."""
    assert _level_after_no(text) == level, text


def _asked(text):
    asked, state = [], start(text)
    while (q := next_question(state)) is not None and len(asked) < 8:
        asked.append(q.id)
        state = answer(state, "non")
    return asked


@pytest.mark.parametrize(
    "text, not_asked",
    [
        # a hand's size or less is a small area: the extent question is answered
        ("des boutons qui grattent sur le bras, une zone grande comme la main", "skin_extent"),
        ("une plaque rouge derrière le genou, grande comme une carte bleue", "skin_extent"),
        ("quelques boutons sur le poignet, grands comme un timbre", "skin_extent"),
        # the itch does not stop sleep
        ("ça gratte un peu sur la cheville mais je dors bien", "itch_sleep"),
        ("il a des boutons qui le grattent, il dort quand même", "itch_sleep"),
        ("des plaques qui démangent, elle dort normalement", "itch_sleep"),
    ],
)
def test_a_skin_message_that_says_the_extent_or_the_sleep_is_not_asked_again(text, not_asked):
    assert not_asked not in _asked(text), text
    assert _level_after_no(text) == "advice", text


def test_a_negated_sleep_is_no_denial_of_the_itch_question():
    # "je ne dors pas bien" takes the denial back: the itch is not read as sparing sleep
    assert "itch_sleep" not in assess("ça gratte, je ne dors pas bien").negated


@pytest.mark.parametrize(
    "text, level",
    [
        # a relative's words for the emergency signs
        ("son ventre est dur comme du bois et il a très mal", "emergency"),
        ("il ne veut pas qu'on touche son ventre tellement il a mal, il est dur", "emergency"),
        ("ventre un peu dur après le repas, pas très mal", "advice"),
        ("il y avait du sang dans la bassine quand elle a vomi", "emergency"),
        ("il vomit des trucs noirâtres", "emergency"),
        ("j'ai du sang dans les selles et j'ai vomi", "urgent"),
        ("elle est tombée raide dans la cuisine", "emergency"),
        ("il s'est affaissé sur sa chaise", "emergency"),
        # and for the urgent ones
        ("il titube depuis hier", "urgent"),
        ("elle chancelle quand elle marche", "urgent"),
        ("il doit s'arrêter tous les dix mètres pour reprendre son souffle", "urgent"),
        ("elle court aux toilettes toutes les heures", "urgent"),
        ("elle a les lèvres et la langue sèches, elle ne boit plus", "urgent"),
        ("il ne boit plus d'alcool depuis sa cure", "none"),
        # the sign itself is not "over": "plus rien depuis" after the verb of the sign
        ("il ne mange plus rien depuis trois jours", "urgent"),
        ("je ne vois plus rien depuis ce matin", "emergency"),
        ("j'avais du sang dans les selles, plus rien depuis lundi", "advice"),
    ],
)
def test_relatives_words_for_the_signs_and_what_is_not_over(text, level):
    assert _level_after_no(text) == level, text


@pytest.mark.parametrize(
    "text, level",
    [
        # a few words between the belly and "dur", not a denial
        ("elle a le ventre gonflé comme un ballon et dur, elle hurle", "emergency"),
        ("son ventre est gonflé, tendu, dur, il crie", "emergency"),
        ("le ventre est mou, pas dur", "none"),
        ("il a le ventre un peu gonflé mais pas dur", "advice"),
        # too breathless to say a few words; breathing with the belly
        ("elle n'arrive plus à dire trois mots sans reprendre son souffle", "emergency"),
        ("il ne peut pas aligner deux mots sans chercher son air", "emergency"),
        ("il respire avec le ventre", "emergency"),
        # blood after a cough, in the next words; not blood in the stools
        ("il a toussé et il y avait du sang rouge vif", "emergency"),
        ("elle tousse, et ce matin il y avait un peu de sang", "emergency"),
        ("je tousse et j'ai du sang dans les selles", "urgent"),
    ],
)
def test_words_between_and_after_the_sign_in_emergency_descriptions(text, level):
    assert _level_after_no(text) == level, text


@pytest.mark.parametrize(
    "text, level",
    [
        # figures of speech and a burn, not the sign
        ("j'ai le souffle coupé par la beauté du paysage", "none"),
        ("mon coeur s'emballe quand je le vois, je suis amoureuse", "none"),
        ("mon mari est jaune de jalousie", "none"),
        ("je me suis brûlée avec le fer, une cloque sur le doigt", "none"),
        # the same words as a complaint
        ("mon coeur s'emballe depuis ce matin", "urgent"),
        ("mon mari est tout jaune", "urgent"),
        ("je me suis brûlée avec le fer, et j'ai aussi des cloques sur le ventre", "emergency"),
    ],
)
def test_figures_of_speech_and_burns_are_not_heart_liver_or_skin_signs(text, level):
    assert _level_after_no(text) == level, text


@pytest.mark.parametrize(
    "text, level",
    [
        # SMS spellings that patterns (no typo tolerance) missed
        ("je crash du sang", "emergency"),
        ("jai des plak rouge partou", "urgent"),
        ("la tete qui tourn qd je me lev", "urgent"),
        ("jai des cloke", "emergency"),
        ("je tous bcp depuis hier", "urgent"),
        ("je tous les jours je marche", "none"),
        ("ma peau pele partou", "emergency"),
        ("g plus faim du tout", "advice"),
    ],
)
def test_sms_spellings_of_the_signs(text, level):
    assert _level_after_no(text) == level, text


@pytest.mark.parametrize(
    "text, level",
    [
        ("après la grande roue et le manège, j'avais la tête qui tournait, c'était drôle", "none"),
        ("on a fait les montagnes russes, tout tournait en descendant", "none"),
        ("j'ai la tête qui tourne depuis le manège de dimanche, et ça continue", "urgent"),
        ("après le manège j'ai eu la tête qui tournait et ça ne passe pas", "urgent"),
    ],
)
def test_a_fairground_ride_is_not_dizziness(text, level):
    assert _level_after_no(text) == level, text


@pytest.mark.parametrize(
    "text, level",
    [
        ("il a les joues rouges et il est chaud comme un radiateur", "urgent"),
        ("elle est brûlante comme une bouillotte", "urgent"),
        ("ses urines ressemblent à du thé", "urgent"),
        ("on dirait du coca dans la cuvette, son pipi est marron", "urgent"),
        (
            "il a des petits points rouges sur les jambes qui ne partent pas quand on appuie",
            "urgent",
        ),
        ("des taches violettes qui ne s'effacent pas si je presse dessus", "urgent"),
        ("des taches qui partent quand on appuie", "none"),
        ("elle a des gaz et des ballonnements", "advice"),
    ],
)
def test_what_a_relative_sees_of_fever_liver_and_belly(text, level):
    assert _level_after_no(text) == level, text
