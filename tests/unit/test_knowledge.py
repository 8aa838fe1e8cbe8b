"""immuno.knowledge: medical knowledge as data and the answers built from it."""

from __future__ import annotations

import re
import subprocess
import sys

import pytest
import yaml
from hypothesis import given, settings, strategies as st

from immuno.knowledge import Answer, Drug, FaqSection, load_knowledge
from immuno.normalize import normalize

from immuno.paths import ROOT as REPO

INVITATION = "décrivez-le-moi : je vous dirai quoi faire"
TOPIC_INTENTS = [
    "ask_immunotherapy",
    "ask_immune_system",
    "ask_cytokines",
    "ask_monoclonal_antibodies",
    "ask_checkpoint_inhibitors",
    "ask_indications",
    "ask_side_effects",
    "ask_management",
    "ask_rcp_toxicite",
    "ask_further_reading",
]
ALL_INTENTS = [*TOPIC_INTENTS, "ask_drug", "ask_practical"]
DRUG_IDS = [
    "il2",
    "interferon_alpha_2b",
    "rituximab",
    "trastuzumab",
    "cetuximab",
    "bevacizumab",
    "ipilimumab",
    "nivolumab",
    "pembrolizumab",
    "atezolizumab",
]
# (drug id, generic as patients type it, brand, misspelling, a fact the card must state)
DRUG_NAMES = [
    ("il2", "IL-2", "Proleukin", "interleukine 2", "rein"),
    ("interferon_alpha_2b", "interféron alpha-2b", "IntronA", "interferron", "myélome"),
    ("rituximab", "rituximab", "MabThera", "rituxymab", "1997"),
    ("trastuzumab", "trastuzumab", "Herceptin", "herceptine", "HER2"),
    ("cetuximab", "cetuximab", "Erbitux", "setuximab", "EGFR"),
    ("bevacizumab", "bévacizumab", "Avastin", "avastine", "VEGF"),
    ("ipilimumab", "ipilimumab", "Yervoy", "yervoi", "CTLA-4"),
    ("nivolumab", "nivolumab", "Opdivo", "opdivio", "PD-1"),
    ("pembrolizumab", "pembrolizumab", "Keytruda", "keytrouda", "PD-1"),
    ("atezolizumab", "atezolizumab", "Tecentriq", "tecentrik", "PD-L1"),
]
CONVERSATION_FILES = sorted((REPO / "tests" / "conversations").glob("knowledge_*.yml"))


@pytest.fixture(scope="module")
def kb():
    return load_knowledge()


def contains(text: str, fragment: str) -> bool:
    return normalize(fragment) in normalize(text)


# ---- loading and data -----------------------------------------------------------------------
def test_load_is_cached_and_env_overrides(monkeypatch, kb):
    assert load_knowledge() is kb
    monkeypatch.setenv("KNOWLEDGE_DIR", str(REPO / "knowledge"))
    assert load_knowledge().drugs.keys() == kb.drugs.keys()
    assert load_knowledge(str(REPO / "knowledge")) is load_knowledge()


def test_drug_ids_are_exactly_the_deck_drugs(kb):
    assert list(kb.drugs) == DRUG_IDS


def test_every_entry_has_a_source_question_and_answer(kb):
    for topic in kb.topics.values():
        assert topic.source.strip() and topic.question.strip() and topic.answer.strip(), topic.id
    for drug in kb.drugs.values():
        assert drug.source.strip() and drug.question.strip() and drug.cancers_text.strip(), drug.id
    for organ in kb.organs:
        assert organ.source.strip() and organ.question.strip() and organ.answer.strip(), organ.id
        assert organ.cues and organ.if_it_happens.strip(), organ.id


def test_organs_cover_the_required_areas(kb):
    required = {
        "skin",
        "digestive",
        "lung",
        "hormones",
        "kidney",
        "blood",
        "heart",
        "nerves",
        "infusion",
    }
    assert required <= {o.id for o in kb.organs}


def test_drug_dataclass_fields(kb):
    drug = kb.drug("pembrolizumab")
    assert isinstance(drug, Drug)
    assert (drug.target, drug.year, drug.family) == ("PD-1", "2014", "checkpoint_inhibitor")
    assert "Keytruda" in drug.brands
    assert kb.drug("Keytruda") is drug
    assert kb.drug("interferon_alpha_2b").year is None
    with pytest.raises(KeyError):
        kb.drug("paracetamol")


def test_years_only_where_the_deck_gives_one(kb):
    years = {d.id: d.year for d in kb.drugs.values() if d.year}
    assert years == {
        "rituximab": "1997",
        "ipilimumab": "début des années 2010",
        "nivolumab": "2014",
        "pembrolizumab": "2014",
    }


# ---- drug names --------------------------------------------------------------------------
@pytest.mark.parametrize("drug_id, generic, brand, typo, fact", DRUG_NAMES)
def test_drug_found_by_generic_brand_and_misspelling(kb, drug_id, generic, brand, typo, fact):
    for name in (generic, brand, typo, brand.upper()):
        assert kb.find_drugs(f"c'est quoi le {name} ?") == [drug_id], name
        answer = kb.answer("ask_drug", f"c'est quoi le {name} ?")
        assert answer.drugs == [drug_id] and contains(answer.text, fact), name


@pytest.mark.parametrize("drug_id, generic, brand, typo, fact", DRUG_NAMES)
def test_drug_from_entity_value_or_synonym(kb, drug_id, generic, brand, typo, fact):
    for value in (drug_id, brand, typo):
        answer = kb.answer("ask_drug", "ça sert à quoi ?", {"drug": [value]})
        assert answer.drugs == [drug_id] and contains(answer.text, fact), value


def test_synonyms_cover_common_patient_spellings(kb):
    synonyms = {n.lower() for names in kb.drug_synonyms().values() for n in names}
    for name in [
        "keytruda",
        "keytrouda",
        "pembro",
        "pembrolizumabe",
        "opdivo",
        "nivo",
        "yervoy",
        "ipi",
        "tecentriq",
        "atezo",
        "herceptine",
        "mabthera",
        "rituxan",
        "avastine",
        "erbitux",
        "il2",
        "il-2",
        "interleukine 2",
        "proleukin",
        "interferon",
        "interféron alpha",
        "intron a",
    ]:
        assert name in synonyms, name


def test_no_drug_in_ordinary_french(kb):
    for text in [
        "ça interfère avec mes autres médicaments ?",
        "il a 2 enfants",
        "j'avais mal au ventre avant",
        "mon niveau de fatigue",
        "je suis à la retraite",
        "pourquoi on m'a prescrit ça",
    ]:
        assert kb.find_drugs(text) == [], text


def test_nlu_training_examples_resolve_to_their_drug(kb):
    pattern = re.compile(r'\[([^\]]+)\]\{"entity": "drug", "value": "([^"]+)"\}')
    for path in (REPO / "data" / "nlu").glob("*.yml"):
        for name, value in pattern.findall(path.read_text(encoding="utf-8")):
            assert kb.resolve_drug(name) == value, (path.name, name)


# ---- drug answers --------------------------------------------------------------------------
def first_sentence(text: str) -> str:
    return text.split(". ")[0]


@pytest.mark.parametrize(
    "question, fragment",
    [
        ("keytruda c pour quel cancer", "poumon"),
        ("mon mari prend du keytruda, ça sert à quoi", "poumon"),
        ("le Keytruda ça soigne quoi ?", "poumon"),
        ("indication du keytruda", "poumon"),
        ("keytruda comment ça marche", "PD-1"),
        ("le keytruda agit comment ?", "PD-1"),
        ("quelle est la cible du keytruda", "PD-1"),
        ("mécanisme du keytruda", "PD-1"),
        ("keytruda depuis quand", "2014"),
        ("keytruda c'est sorti en quelle année", "2014"),
        ("date du keytruda", "2014"),
        ("le rituximab existe depuis quand ?", "1997"),
        ("avastin pour quels cancers", "glioblastome"),
        ("pourquoi on m'a prescrit du keytruda", "poumon"),
        ("c'est pour quoi le yervoy", "mélanome"),
        ("opdivo c quel type de cancer", "poumon"),
        ("le keytruda c'est nouveau ?", "2014"),
    ],
)
def test_aspect_asked_comes_first(kb, question, fragment):
    assert contains(first_sentence(kb.answer("ask_drug", question).text), fragment)


def test_full_card_without_aspect(kb):
    text = kb.answer("ask_drug", "c'est quoi le keytruda").text
    assert text.startswith("Le pembrolizumab (Keytruda) est un inhibiteur")
    for fact in ["PD-1", "frein", "poumon", "2014"]:
        assert contains(text, fact)
    assert 3 <= text.count(". ") + 1 <= 6


def test_year_question_without_deck_year_says_so(kb):
    text = kb.answer("ask_drug", "l'herceptin existe depuis quand ?").text
    assert contains(first_sentence(text), "ne donne pas de date")


def test_several_drugs_each_answered_briefly(kb):
    answer = kb.answer("ask_drug", "keytruda et yervoy c pour quel cancer")
    assert answer.drugs == ["pembrolizumab", "ipilimumab"]
    assert contains(answer.text, "poumon") and contains(answer.text, "mélanome")
    assert len(answer.text) < 600


def test_entity_and_text_drugs_are_combined(kb):
    answer = kb.answer("ask_drug", "keytruda ou opdivo ?", {"drug": ["pembrolizumab"]})
    assert answer.drugs == ["pembrolizumab", "nivolumab"]


def test_no_drug_asks_which_with_question_buttons(kb):
    answer = kb.answer("ask_drug", "c'est quoi ce médicament ?")
    assert "?" in answer.text and len(answer.buttons) == len(DRUG_IDS)
    for button in answer.buttons:
        assert set(button) == {"title", "payload"}
        assert len(kb.find_drugs(button["payload"])) == 1, button


# ---- topics, side effects, management -------------------------------------------------------
@pytest.mark.parametrize(
    "intent, fragment",
    [
        ("ask_immunotherapy", "système immunitaire"),
        ("ask_immune_system", "adaptative"),
        ("ask_cytokines", "IL-2"),
        ("ask_monoclonal_antibodies", "20 ans"),
        ("ask_checkpoint_inhibitors", "CTLA-4"),
        ("ask_indications", "radiothérapie"),
        ("ask_side_effects", "frissons"),
        ("ask_management", "Levothyrox"),
        ("ask_rcp_toxicite", "pluridisciplinaire"),
        ("ask_further_reading", "https://www.onco-occitanie.fr/pro/fiches-effets-secondaires"),
    ],
)
def test_every_topic(kb, intent, fragment):
    answer = kb.answer(intent, "")
    assert isinstance(answer, Answer)
    assert answer.topic == intent[len("ask_") :]
    assert fragment in answer.text and answer.source


@pytest.mark.parametrize(
    "question, organ, fragment",
    [
        ("est-ce que ça peut toucher la thyroïde ?", "hormones", "Levothyrox"),
        ("ça peut donner des problèmes de peau ?", "skin", "hydratation"),
        ("l'immuno donne la diarrhée ?", "digestive", "lopéramide"),
        ("est-ce que ça peut donner de la toux ?", "lung", "15"),
        ("les reins peuvent être touchés ?", "kidney", "1 %"),
        ("ça peut toucher le sang ?", "blood", "rarissime"),
        ("c'est dangereux pour le coeur ?", "heart", "poitrine"),
        ("ça peut toucher les nerfs ?", "nerves", "neurologiques"),
        ("une réaction pendant la perfusion c'est possible ?", "infusion", "frissons"),
        ("le foie peut être touché ?", "liver", "jaunes"),
        ("ça peut toucher les yeux ?", "eyes", "vision floue"),
        ("ça donne de la fièvre ?", "fever", "38 °C"),
        ("l'immuno ça fatigue ?", "fatigue", "fatigue"),
        ("l'interféron peut jouer sur le moral ?", "mood", "15"),
    ],
)
def test_side_effect_by_organ_ends_with_invitation(kb, question, organ, fragment):
    answer = kb.answer("ask_side_effects", question)
    assert answer.organs == [organ]
    assert fragment in answer.text
    assert answer.text.rstrip().endswith(
        "Si vous avez ce symptôme en ce moment, décrivez-le-moi : je vous dirai quoi faire."
    )


def test_serious_side_effects_say_when_to_call_15(kb):
    for organ in ("lung", "heart", "nerves", "infusion", "digestive", "skin"):
        assert "15" in kb.organ_text(next(o for o in kb.organs if o.id == organ)), organ


def test_general_side_effects_end_with_invitation(kb):
    for text in ["", "quels effets secondaires ?", "le keytruda a des effets secondaires ?", "xyz"]:
        assert (
            kb.answer("ask_side_effects", text).text.rstrip().endswith("je vous dirai quoi faire.")
        ), text


def test_side_effects_of_a_non_checkpoint_drug_refer_to_the_team(kb):
    text = kb.answer("ask_side_effects", "effets secondaires du rituximab ?").text
    assert contains(text, "demandez le détail à votre équipe")


def test_management_by_organ(kb):
    answer = kb.answer("ask_management", "comment on soigne une hypothyroïdie ?")
    assert answer.organs == ["hormones"] and "lévothyroxine" in answer.text
    assert kb.answer("ask_management", "comment on traite les effets ?").organs == []


# ---- robustness ------------------------------------------------------------------------------
@pytest.mark.parametrize("intent", ["ask_weather", "", None, "greet", "ask_", 42])
def test_unknown_intent_is_honest(kb, intent):
    answer = kb.answer(intent, "quel temps fait-il ?")
    assert "Je ne peux pas répondre" in answer.text and answer.buttons and answer.topic == "unknown"


@pytest.mark.parametrize("text", ["", "   ", "????", "💊💊💊", "a" * 5000, None, 12, "é" * 300])
def test_garbage_text_never_raises(kb, text):
    for intent in ALL_INTENTS:
        answer = kb.answer(intent, text, {"drug": ["nope", None, 3]})
        assert answer.text.strip() and answer.source.strip()


@settings(deadline=None)
@given(
    intent=st.one_of(st.sampled_from(ALL_INTENTS), st.text(max_size=20)),
    text=st.text(max_size=200),
    drugs=st.one_of(st.none(), st.lists(st.text(max_size=15), max_size=3)),
)
def test_answer_never_raises_and_is_never_empty(kb, intent, text, drugs):
    answer = kb.answer(intent, text, None if drugs is None else {"drug": drugs})
    assert isinstance(answer, Answer) and answer.text.strip()


# ---- FAQ ------------------------------------------------------------------------------------
def test_faq_covers_every_entry(kb):
    sections = kb.faq()
    assert all(isinstance(s, FaqSection) and s.entries for s in sections)
    entries = [e for s in sections for e in s.entries]
    ids = {e.id for e in entries}
    assert set(kb.topics) | set(kb.drugs) | {o.id for o in kb.organs} <= ids
    assert all(e.question and e.answer and e.source for e in entries)
    answers = {e.answer for e in entries}
    for intent in TOPIC_INTENTS:
        assert kb.answer(intent, "").text in answers, intent
    for drug in kb.drugs.values():
        assert kb.answer("ask_drug", drug.question).text in answers, drug.id
    for organ in kb.organs:
        assert kb.answer("ask_side_effects", organ.question).text in answers, organ.id


# ---- generated NLU lookup and conversation cases ---------------------------------------------
def test_drug_lookup_file_is_in_sync():
    script = REPO / "scripts" / "build_nlu_lookups.py"
    result = subprocess.run(
        [sys.executable, str(script), "--check"], capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
    data = yaml.safe_load((REPO / "data" / "nlu" / "drug_lookup.yml").read_text(encoding="utf-8"))
    assert data["version"] == "3.1"
    assert {e["synonym"] for e in data["nlu"] if "synonym" in e} == set(DRUG_IDS)


def load_cases():
    return [
        case
        for path in CONVERSATION_FILES
        for case in yaml.safe_load(path.read_text("utf-8"))["cases"]
    ]


def test_conversation_cases_are_well_formed():
    cases = load_cases()
    assert len(cases) >= 130
    assert len({c["id"] for c in cases}) == len(cases)
    for case in cases:
        assert case["category"].startswith("knowledge_") and case["turns"], case["id"]
        for turn in case["turns"]:
            assert turn["expect"]["intent"] in ALL_INTENTS, case["id"]


@pytest.mark.parametrize("case", load_cases(), ids=lambda c: c["id"])
def test_conversation_case_answered_by_knowledge(kb, case):
    """The knowledge answer alone (intent given) already satisfies each case's expectations."""
    for turn in case["turns"]:
        expect = turn["expect"]
        answer = kb.answer(expect["intent"], turn["user"])
        assert all(contains(answer.text, f) for f in expect.get("all_of", [])), answer.text
        assert not expect.get("any_of") or any(
            contains(answer.text, f) for f in expect["any_of"]
        ), answer.text
        assert not any(contains(answer.text, f) for f in expect.get("none_of", [])), answer.text
        assert bool(answer.buttons) == expect.get("buttons", bool(answer.buttons))
        if expect["intent"] == "ask_side_effects":
            assert INVITATION in answer.text


@pytest.mark.parametrize(
    "text, intent, fact",
    [
        ("c'est quoi le tecentriq ?", "ask_side_effects", "PD-L1"),
        ("le yervoy c'est une immunothérapie ?", "ask_side_effects", "CTLA-4"),
        ("erbitux ça soigne quoi", "ask_management", "colorect"),
    ],
)
def test_a_question_on_what_a_drug_is_gets_its_card_whatever_effect_intent(kb, text, intent, fact):
    # DIET mixes up drug questions and side-effect questions on brand names
    assert kb.answered_as(intent, text) == "ask_drug"
    assert fact in kb.answer("ask_drug", text).text


@pytest.mark.parametrize(
    "text",
    [
        "c'est quoi les effets du tecentriq ?",
        "le keytruda c'est risqué ?",
        "tecentriq et la peau, ça donne quoi ?",
        "opdivo et diarrhée, que faire ?",
    ],
)
def test_a_question_on_a_drug_s_effects_stays_a_side_effect_question(kb, text):
    assert kb.answered_as("ask_side_effects", text) == "ask_side_effects"


@pytest.mark.parametrize(
    "text",
    ["ma femme a immuno + chimio le même jour, c'est habituel ?", "chimio et immuno ensemble ?"],
)
def test_a_drug_question_naming_only_an_association_gets_the_associations(kb, text):
    # not "De quel médicament voulez-vous parler ?"
    intent = kb.answered_as("ask_drug", text)
    assert intent == "ask_indications"
    assert "chimiothérapie" in kb.answer(intent, text).text


def test_a_drug_question_naming_a_drug_and_an_association_stays_a_drug_question(kb):
    assert kb.answered_as("ask_drug", "on peut associer keytruda et chimio ?") == "ask_drug"


@pytest.mark.parametrize(
    "text, answered_as",
    [
        ("effets indésirables du nivolumab", "ask_side_effects"),
        ("yervoy toxicité sur le foie", "ask_side_effects"),
        ("opdivo et diarrhée comment on la soigne les effets", "ask_management"),
        ("keytruda effets secondaires et mode d action", "ask_drug"),
    ],
)
def test_a_drug_question_on_effects_only_is_named_by_its_answer(kb, text, answered_as):
    # the intent names what the patient was told; what they read does not change
    assert kb.answered_as("ask_drug", text) == answered_as
    assert kb.answer("ask_drug", text).text == kb.answer(answered_as, text).text


@pytest.mark.parametrize(
    "text",
    [
        "quels medicaments contre la diarrhee de l immuno",
        "que prendre pour les boutons de l'immunothérapie",
        "comment calmer les démangeaisons dues au keytruda",
    ],
)
def test_a_side_effect_question_asking_for_a_treatment_gets_the_management(kb, text):
    # the classifier reads them as side-effect questions; the patient asked what treats them
    assert kb.answered_as("ask_side_effects", text) == "ask_management"
    answer = kb.answer("ask_side_effects", text)
    assert answer.topic == "management"
    assert answer.text == kb.answer("ask_management", text).text


@pytest.mark.parametrize(
    "text",
    ["quels sont les effets secondaires de l'immunothérapie", "le keytruda donne la diarrhée ?"],
)
def test_a_question_on_which_effects_stays_a_side_effect_question(kb, text):
    assert kb.answered_as("ask_side_effects", text) == "ask_side_effects"
    assert kb.answer("ask_side_effects", text).topic == "side_effects"
