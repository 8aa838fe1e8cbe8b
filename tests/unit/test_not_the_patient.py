"""Whose symptom it is (reading.yml `writer_treated`): when the writer says they are the one
treated and names someone else, that person's symptoms are not the patient's and are not
triaged, short of an emergency (15 is the right call for anyone). A relative writing about
the patient is triaged as the patient (Principles: someone else's symptom)."""

import pytest

from immuno import triage
from immuno.triage import assess, decide, start


@pytest.mark.parametrize(
    "text",
    [
        "Mon petit-fils a une gastro, diarrhée depuis hier. Je dois éviter de le garder pendant mon traitement ?",
        "Mon fils a mal au ventre avant l'école, c'est le trac. Je peux venir à ma perfusion avec lui ?",
        "ma voisine tousse beaucoup, je suis sous keytruda, je peux aller la voir ?",
        "Mon mari a de la fièvre depuis hier. C'est moi la patiente, moi je vais bien.",
        "ma collègue est épuisée en ce moment, j'ai ma perfusion demain, je peux reprendre le travail ?",
    ],
)
def test_someone_who_is_not_the_patient_is_not_triaged(text):
    assert not assess(text).is_report
    assert triage.not_about_the_patient(text)


@pytest.mark.parametrize(
    "text",
    [
        "je suis sous Keytruda et mon mari vient de vomir du sang",
        "j'ai ma perfusion demain mais ma femme a perdu connaissance ce matin",
    ],
)
def test_an_emergency_is_acted_on_whoever_has_it(text):
    assert assess(text).is_emergency


@pytest.mark.parametrize(
    "text, level",
    [
        # a relative writing about the patient: "sa perfusion", "il est sous"
        ("Mon mari a 38,9 de fièvre depuis sa perfusion d'hier", "urgent"),
        ("Ma mère est sous Opdivo, elle a la diarrhée 6 fois par jour", "urgent"),
        # "je suis sous le choc" says nothing of a treatment
        ("Ma femme a 39 de fièvre, je suis sous le choc", "urgent"),
        # the writer is treated and someone else sees the sign in them
        ("Je suis sous Keytruda, ma fille trouve mes yeux jaunes", "urgent"),
        # the writer's own sign beside someone else's
        (
            "je suis sous keytruda, mon fils a de la fièvre et moi j'ai la diarrhée 5 fois par jour",
            "urgent",
        ),
        # "elle" is the pain, not another person
        ("depuis ma dernière cure j'ai une douleur au ventre, elle ne passe pas", "urgent"),
    ],
)
def test_the_patient_is_still_triaged(text, level):
    assert assess(text).is_report
    assert decide(start(text)).level == level
