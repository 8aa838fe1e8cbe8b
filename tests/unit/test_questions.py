"""Question understanding beyond the intent: practical topics, drugs the material
does not describe, the aspect asked, the drugs named for a cancer, and the content fixes."""

from __future__ import annotations

import re
import shutil

import pytest
import yaml

from immuno import contacts, triage_reply
from immuno.knowledge import Knowledge, load_knowledge
from immuno.normalize import normalize

from immuno.paths import ROOT as REPO

NOT_COVERED = "mon support ne traite pas"
CARD_MARKERS = ["sa cible est", "dans le support, il est cite"]


@pytest.fixture(scope="module")
def kb():
    return load_knowledge()


def has(text, fragment):
    return normalize(fragment) in normalize(text)


# ---- practical topics ---------------------------------------------------------------------
PRACTICAL = [
    ("vaccines", "je peux me faire vacciner contre la grippe ?"),
    ("alcohol", "je peux boire une bière avec Opdivo ?"),
    ("sun", "je peux aller au soleil cet été ?"),
    ("pregnancy", "je peux tomber enceinte sous keytruda ?"),
    ("hair", "je vais perdre mes cheveux ?"),
    ("duration", "combien de mois dure le Keytruda ?"),
    ("dose", "quelle dose d'opdivo on me donne ?"),
    ("schedule", "tous les combien on fait les perfusions ?"),
    ("price", "combien coûte le keytruda ?"),
    ("efficacy", "est-ce que ça va marcher pour moi ?"),
    ("work", "je peux continuer à travailler ?"),
    ("driving", "je peux conduire après la perfusion ?"),
    ("travel", "je pars en voyage à l'étranger avec le tecentriq"),
    ("food", "je peux prendre des vitamines ?"),
    ("other_medicines", "je peux prendre du paracétamol avec Tecentriq ?"),
    ("late_effects", "des effets secondaires après la fin du traitement, c'est possible ?"),
    ("patient_card", "je dois le dire à mon dentiste ?"),
]


@pytest.mark.parametrize("topic, question", PRACTICAL)
def test_practical_question_gets_its_topic_never_a_card(kb, topic, question):
    for intent in ("ask_practical", "ask_drug", "ask_side_effects", "ask_management"):
        answer = kb.answer(intent, question)
        assert answer.topic == f"practical:{topic}", (intent, answer.text)
        assert not any(has(answer.text, m) for m in CARD_MARKERS), answer.text


@pytest.mark.parametrize("topic, question", PRACTICAL)
def test_practical_answer_says_why_the_team_and_how_to_ask(kb, topic, question):
    answer = kb.answer("ask_practical", question)
    assert has(answer.text, "prochaine consultation") and has(answer.text, "ligne de jour")
    covered = kb.practical.topics[topic].covered
    assert has(answer.text, NOT_COVERED) != covered
    assert has(answer.text, "dépend de votre traitement") != covered
    assert answer.unanswered == ([] if covered else [f"topic:{topic}"])


def test_facts_the_reference_allows_are_given_with_their_source(kb):
    vaccine = kb.answer("ask_practical", "un vaccin pendant l'immuno ?")
    assert has(vaccine.text, "vaccin vivant") and "SITC" in vaccine.source
    pregnancy = kb.answer("ask_practical", "quelle contraception ?")
    assert has(pregnancy.text, "au moins 5 mois pour le nivolumab") and "4.6" in pregnancy.source
    driving = kb.answer("ask_practical", "je peux conduire ?")
    assert has(driving.text, "ne conduisez pas si vous vous sentez fatigue")
    late = kb.answer("ask_practical", "après la fin du traitement ?")
    assert has(late.text, "jusqu'à un an après la dernière dose") and "ESMO" in late.source


def test_practical_question_without_a_known_topic_is_still_honest(kb):
    answer = kb.answer("ask_practical", "j'ai une question pratique")
    assert has(answer.text, NOT_COVERED) and answer.unanswered == ["topic:practical_other"]


def _copy_knowledge(tmp_path):
    target = tmp_path / "knowledge"
    shutil.copytree(REPO / "knowledge", target)
    return target


def test_a_hospital_adds_its_vetted_answer_without_code(tmp_path):
    directory = _copy_knowledge(tmp_path)
    data = yaml.safe_load((directory / "practical.yml").read_text(encoding="utf-8"))
    alcohol = next(t for t in data["topics"] if t["id"] == "alcohol")
    alcohol["hospital"] = {
        "text": "Notre équipe conseille de ne pas boire d'alcool pendant le traitement.",
        "source": "Service d'oncologie, fiche validée le 2026-11-01",
    }
    (directory / "practical.yml").write_text(
        yaml.safe_dump(data, allow_unicode=True), encoding="utf-8"
    )
    answer = Knowledge.from_directory(directory).answer("ask_drug", "une bière avec opdivo ?")
    assert has(answer.text, "Notre équipe conseille") and not has(answer.text, NOT_COVERED)
    assert "fiche validée" in answer.source and answer.unanswered == []


def test_a_hospital_answer_without_source_is_refused(tmp_path):
    directory = _copy_knowledge(tmp_path)
    data = yaml.safe_load((directory / "practical.yml").read_text(encoding="utf-8"))
    data["topics"][0]["hospital"] = {"text": "Oui.", "source": ""}
    (directory / "practical.yml").write_text(
        yaml.safe_dump(data, allow_unicode=True), encoding="utf-8"
    )
    with pytest.raises(ValueError, match="source"):
        Knowledge.from_directory(directory)


def test_flu_vaccine_is_not_a_fever_question(kb):
    answer = kb.answer("ask_side_effects", "le vaccin contre la grippe donne de la fièvre ?")
    assert answer.topic == "practical:vaccines"
    assert (
        kb.answer("ask_immunotherapy", "l'immunothérapie c'est un vaccin ?").topic
        == "immunotherapy"
    )


# ---- drugs the material does not describe ----------------------------------------------------
UNKNOWN = yaml.safe_load((REPO / "knowledge" / "unknown_drugs.yml").read_text(encoding="utf-8"))


@pytest.mark.parametrize("entry", UNKNOWN["drugs"], ids=lambda e: str(e["names"][0]))
def test_every_listed_name_is_unknown_never_another_card(kb, entry):
    for name in entry["names"]:
        answer = kb.answer("ask_drug", f"c'est quoi {name} ?")
        assert answer.topic == "unknown_drug", (name, answer.text)
        assert (
            answer.drugs == [] and answer.unanswered[0] == f"drug:{str(entry['names'][0]).lower()}"
        )
        assert has(answer.text, "pas d'information") and has(answer.text, str(name)), answer.text
        assert not any(has(answer.text, m) for m in CARD_MARKERS)


def test_brand_is_said_back_with_its_generic_name(kb):
    assert has(kb.answer("ask_drug", "l'imfinzi ça sert à quoi").text, "Imfinzi (durvalumab)")


@pytest.mark.parametrize(
    "name",
    ["zolbetuximab", "ivonescimab", "obecabtagene autoleucel", "capivasertinib", "inavolisib"],
)
def test_unlisted_names_are_recognised_by_their_stem(kb, name):
    answer = kb.answer("ask_drug", f"mon oncologue parle de {name}, c'est quoi ?")
    assert answer.topic == "unknown_drug" and has(answer.text, "pas d'information"), answer.text


@pytest.mark.parametrize(
    "typo, drug_id",
    [
        ("pembrolizumabe", "pembrolizumab"),
        ("nivolumap", "nivolumab"),
        ("rituximabe", "rituximab"),
        ("atezolisumab", "atezolizumab"),
    ],
)
def test_a_known_drug_misspelt_is_not_taken_for_an_unknown_one(kb, typo, drug_id):
    answer = kb.answer("ask_drug", f"c'est quoi le {typo} ?")
    assert answer.drugs == [drug_id] and answer.topic == "drug"


def test_known_and_unknown_drug_together(kb):
    answer = kb.answer("ask_drug", "keytruda et durvalumab ensemble ?", {"drug": ["pembrolizumab"]})
    assert has(answer.text, "pas d'information sur durvalumab") and has(
        answer.text, "du pembrolizumab (Keytruda)"
    )
    assert not has(answer.text, "sa cible est")


def test_a_longer_unknown_name_wins_over_the_known_drug_inside_it(kb):
    answer = kb.answer(
        "ask_drug", "le trastuzumab deruxtecan c'est quoi", {"drug": ["trastuzumab"]}
    )
    assert answer.topic == "unknown_drug" and answer.drugs == [] and not has(answer.text, "HER2")


def test_an_unknown_name_tagged_as_a_drug_by_the_classifier_is_ignored(kb):
    answer = kb.answer("ask_drug", "c'est quoi le libtayo", {"drug": ["libtayo"]})
    assert answer.topic == "unknown_drug" and answer.drugs == []


def test_car_t_gets_no_checkpoint_side_effects(kb):
    answer = kb.answer("ask_side_effects", "les CAR-T ont quels effets secondaires ?")
    assert answer.topic == "unknown_drug" and not has(
        answer.text, "inhibiteurs de points de contrôle"
    )


def test_ordinary_french_holds_no_unknown_drug(kb):
    for text in [
        "j'ai mal au ventre depuis hier",
        "car je suis fatigué",
        "le cancer du poumon",
        "mon traitement avec la chimio",
    ]:
        assert kb.unknown.find(text, lambda w: False)[0] == [], text


# ---- the aspect asked ---------------------------------------------------------------------
@pytest.mark.parametrize(
    "question, first",
    [
        ("que cible le keytruda ?", "Le pembrolizumab (Keytruda) : sa cible est PD-1"),
        ("l'herceptin cible quoi ?", "Le trastuzumab (Herceptin) : sa cible est HER2"),
        ("tecentriq agit sur quoi ?", "L'atezolizumab (Tecentriq) : sa cible est PD-L1"),
    ],
)
def test_target_question_names_the_target_first(kb, question, first):
    assert kb.answer("ask_drug", question).text.startswith(first)


def test_melanoma_patient_on_keytruda_is_told_the_deck_names_only_some_uses(kb):
    text = kb.answer("ask_drug", "j'ai un mélanome et je suis sous keytruda, pourquoi ?").text
    assert text.startswith("Le pembrolizumab (Keytruda) : dans le support")
    assert has(text, "ne cite que certains de ses usages") and has(
        text, "pourquoi il vous a été prescrit"
    )


@pytest.mark.parametrize(
    "question, drugs",
    [
        (
            "quelle immunothérapie pour le cancer du poumon ?",
            ["nivolumab", "pembrolizumab", "bevacizumab"],
        ),
        ("quels médicaments pour le cancer du sein ?", ["trastuzumab", "atezolizumab"]),
        ("quel traitement pour le cancer du rein ?", ["il2"]),
        ("quelle immunothérapie pour un mélanome ?", ["ipilimumab", "interferon_alpha_2b"]),
    ],
)
def test_which_drugs_for_a_cancer_lists_those_the_deck_names(kb, question, drugs):
    answer = kb.answer("ask_indications", question)
    assert answer.topic == "cancer" and answer.drugs == drugs
    assert has(answer.text, "ne cite que quelques exemples")


def test_a_cancer_the_deck_names_no_drug_for_says_so(kb):
    answer = kb.answer("ask_indications", "quelle immunothérapie pour le cancer de la prostate ?")
    assert (
        has(answer.text, "ne cite aucun médicament pour le cancer de la prostate")
        and answer.drugs == []
    )


def test_a_cancer_word_alone_is_not_a_which_drug_question(kb):
    assert kb.answer("ask_management", "quel traitement pour le foie ?").topic != "cancer"


def test_figure_of_the_deck(kb):
    answer = kb.answer("ask_indications", "quel pourcentage de cancers du sein ont HER2 ?")
    assert has(answer.text, "15 à 20 %") and answer.topic == "figure:her2_share"


def test_combination_question_gets_the_combination_answer(kb):
    answer = kb.answer("ask_drug", "keytruda avec la chimio ?")
    assert answer.topic == "combination" and has(answer.text, "du pembrolizumab (Keytruda)")
    assert has(answer.text, "prudence") and not has(answer.text, "sa cible est")


def test_side_effect_aspect_of_a_drug_question(kb):
    answer = kb.answer("ask_drug", "l'opdivo c'est dangereux ?")
    assert answer.topic == "side_effects" and has(answer.text, "inhibiteur de points de contrôle")


@pytest.mark.parametrize(
    "question, topic",
    [
        ("le keytruda on le prend pendant combien de temps ?", "duration"),
        ("c'est quoi la dose d'opdivo ?", "dose"),
        ("tecentriq c'est tous les combien ?", "schedule"),
        ("le yervoy coûte combien ?", "price"),
        ("le keytruda va marcher pour moi ?", "efficacy"),
        ("le keytruda a des interactions avec mes médicaments ?", "other_medicines"),
    ],
)
def test_uncovered_aspect_of_a_drug_is_said_not_covered_not_the_card(kb, question, topic):
    answer = kb.answer("ask_drug", question)
    assert answer.topic == f"practical:{topic}" and has(answer.text, NOT_COVERED)
    assert not any(has(answer.text, m) for m in CARD_MARKERS)


def test_existing_aspects_still_answer_from_the_card(kb):
    assert kb.answer("ask_drug", "yervoy et opdivo ensemble c pour quel cancer").topic == "drug"
    assert has(kb.answer("ask_drug", "keytruda depuis quand ?").text.split(".")[0], "2014")


# ---- content corrections (item 4) -------------------------------------------------------------
def all_answer_texts(kb):
    texts = [e.answer for s in kb.faq() for e in s.entries]
    texts += [
        kb.answer(i, q).text
        for i, q in [
            ("ask_management", "comment on soigne la diarrhée ?"),
            ("ask_management", "comment on traite les boutons ?"),
            ("ask_management", "comment on soigne une toxicité pulmonaire ?"),
        ]
    ]
    return texts


def test_pd_l1_is_a_ligand_on_tumour_cells(kb):
    assert has(kb.drug("atezolizumab").target_text, "à la surface des cellules tumorales")
    assert not has(kb.drug("atezolizumab").target_text, "récepteur des lymphocytes T") or has(
        kb.drug("atezolizumab").target_text, "au récepteur PD-1"
    )
    assert has(
        kb.topics["checkpoint_inhibitors"].answer, "PD-L1, une protéine que les cellules tumorales"
    )


def test_ipilimumab_arrived_it_was_not_discovered(kb):
    assert has(kb.drug("ipilimumab").history, "arrivé au début des années 2010")
    assert not any(has(t, "découvert") for t in all_answer_texts(kb))


def test_il2_and_interferon_are_cytokines_given_as_medicines(kb):
    for drug_id in ("il2", "interferon_alpha_2b"):
        assert has(kb.answer("ask_drug", f"c'est quoi {drug_id}").text, "comme médicament")
    assert has(kb.topics["cytokines"].answer, "données comme médicaments")


def test_rituximab_destroys_the_b_cells_it_binds(kb):
    text = kb.answer("ask_drug", "le rituximab ça marche comment ?").text
    assert has(text, "lymphocytes B") and has(text, "destruction")


def test_cbnpc_is_spelt_out(kb):
    for text in all_answer_texts(kb):
        if "CBNPC" in text or "petites cellules" in text:
            assert has(text, "cancer bronchique non à petites cellules") and not has(
                text, "bronchique du poumon"
            ), text


def test_every_answer_naming_loperamide_or_corticosteroids_says_only_on_the_team_s_advice(kb):
    for text in all_answer_texts(kb):
        if re.search(r"loperamide|corticoide", normalize(text)):
            assert has(text, "avis de votre équipe") or has(text, "que sur son avis"), text


def test_patient_card_topic(kb):
    answer = kb.answer("ask_practical", "à quoi sert ma carte patient ?")
    assert has(answer.text, "chaque médecin, pharmacien et dentiste") and has(
        answer.text, "carte patient"
    )
    assert answer.unanswered == []


def test_french_of_the_messages():
    domain = (REPO / "domain.yml").read_text(encoding="utf-8")
    effects = (REPO / "knowledge" / "side_effects.yml").read_text(encoding="utf-8")
    triage_data = (REPO / "knowledge" / "triage.yml").read_text(encoding="utf-8")
    assert "dites-le-moi" in domain and "dites-le moi" not in domain
    assert "décrivez-le moi" not in domain + effects and "décrivez-le-moi" in effects
    assert "en plus de d'habitude" not in triage_data


def test_the_team_is_named_once_after_an_emergency():
    team = contacts.load_contacts()
    for line in triage_reply.emergency_followup_lines(team):
        assert line.count(team.team_name) == 1, line


def test_faq_lists_the_practical_topics(kb):
    section = next(s for s in kb.faq() if s.id == "practical")
    assert len(section.entries) == len(kb.practical.topics)
    assert all(e.source for e in section.entries)


def test_a_drug_question_read_as_a_general_topic_gets_the_drug(kb):
    answer = kb.answer("ask_immunotherapy", "quel est le mecanisme d action du nivolumab")
    assert answer.topic == "drug" and has(answer.text.split(".")[0], "PD-1")
    assert (
        kb.answer("ask_checkpoint_inhibitors", "c'est quoi les anti-PD-1 ?").topic
        == "checkpoint_inhibitors"
    )
