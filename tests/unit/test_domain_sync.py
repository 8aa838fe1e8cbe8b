"""What the domain says on its own (so that it works without the action server) must not
drift from the knowledge files, which are the single source of medical text."""

import yaml

from immuno import triage
from immuno.paths import ROOT

DOMAIN = yaml.safe_load((ROOT / "domain.yml").read_text())


def response_text(name):
    return DOMAIN["responses"][name][0]["text"]


def test_the_emergency_response_is_the_emergency_level_message():
    assert response_text("utter_emergency").startswith(triage.level_message("emergency"))


def test_the_emergency_response_offers_to_end_the_reminders():
    buttons = DOMAIN["responses"]["utter_emergency"][0]["buttons"]
    assert [b["payload"] for b in buttons] == ["/emergency_handled"]


def test_every_level_leads_with_its_numbers():
    assert "15" in triage.level_message("emergency") and "112" in triage.level_message("emergency")
    assert "114" in triage.level_message("emergency")
    assert "carte patient" in triage.level_message("urgent")


def test_greeting_says_what_it_is_that_it_does_not_replace_the_team_and_15():
    greeting = response_text("utter_greet")
    assert len(greeting.splitlines()) == 2
    assert "ne remplace pas votre équipe" in greeting and "15" in greeting


def test_suicidal_thoughts_get_3114_beside_15_even_without_the_action_server():
    variants = DOMAIN["responses"]["utter_emergency"]
    mood = [
        v
        for v in variants
        if {"type": "slot", "name": "symptom", "value": "mood"} in (v.get("condition") or [])
    ]
    assert len(mood) == 1
    assert mood[0]["text"].startswith(triage.level_message("emergency"))
    assert triage.message("suicide_line") in mood[0]["text"] and "3114" in mood[0]["text"]
    assert mood[0]["buttons"] == variants[0]["buttons"]
