import json
from pathlib import Path

import pytest

from actions.ask_triage_answer import ActionAskTriageAnswer
from actions.assess_symptom import ActionAssessSymptom
from actions.record_emergency import ActionRecordEmergency
from actions.triage_decide import ActionTriageDecide
from actions.validate_triage_form import ValidateTriageForm
from rasa_sdk.executor import CollectingDispatcher
from immuno import contacts, triage
from tests.actions.helpers import create_tracker, run_action, slot_events, texts


@pytest.fixture(autouse=True)
def audit_file(tmp_path, monkeypatch):
    path = tmp_path / "audit.jsonl"
    monkeypatch.setenv("AUDIT_FILE", str(path))
    return path


def audited(path: Path):
    return [json.loads(line) for line in path.read_text().splitlines()]


async def test_a_clear_urgent_symptom_is_decided_at_once(audit_file):
    tracker = create_tracker("mon mari a 39,5 de fievre", "report_symptom")
    messages, events = await run_action(ActionAssessSymptom(), tracker)
    slots = slot_events(events)
    assert slots["triage_level"] == "urgent" and slots["symptom"] == "fever"
    assert slots["triage_followup"] is False
    team = contacts.load_contacts()
    text = texts(messages)
    assert "carte patient" in text
    assert team.day_phone in text or team.line_24_7 in text
    [entry] = audited(audit_file)
    assert entry["level"] == "urgent" and entry["channel"] == "rest"


async def test_a_vague_symptom_starts_the_questions_without_deciding(audit_file):
    tracker = create_tracker("j'ai la diarrhée", "report_symptom")
    messages, events = await run_action(ActionAssessSymptom(), tracker)
    slots = slot_events(events)
    assert slots["triage_followup"] is True and slots["symptom"] == "digestive"
    assert "triage_level" not in slots
    assert triage.next_question(slots["triage_state"]) is not None
    assert not audit_file.exists()


async def test_the_next_question_comes_with_quick_replies():
    state = triage.start("j'ai la diarrhée")
    tracker = create_tracker("j'ai la diarrhée", "report_symptom", slots={"triage_state": state})
    messages, events = await run_action(ActionAskTriageAnswer(), tracker)
    assert events == []
    assert messages[0]["text"] == triage.next_question(state).text
    assert len(messages[0]["buttons"]) >= 2


async def test_each_answer_is_folded_into_the_state_and_the_slot_asked_again():
    state = triage.start("j'ai la diarrhée")
    form = ValidateTriageForm()
    tracker = create_tracker("4 ou plus", "inform", slots={"triage_state": state})
    result = form.validate_triage_answer("4 ou plus", None, tracker, {})
    assert result["triage_answer"] is None
    assert triage.decide(result["triage_state"]).level == "urgent"


async def test_a_question_asked_between_two_answers_is_answered_then_the_question_resumes():
    state = triage.start("j'ai la diarrhée")
    form, dispatcher = ValidateTriageForm(), CollectingDispatcher()
    question = "le keytruda peut donner ça ?"
    tracker = create_tracker(question, "ask_side_effects", slots={"triage_state": state})
    result = form.validate_triage_answer(question, dispatcher, tracker, {})
    assert dispatcher.messages and dispatcher.messages[0]["text"]  # the question is answered
    assert result["triage_answer"] is None
    assert result["triage_state"]["answers"] == state["answers"]  # not taken for an answer
    messages, _ = await run_action(
        ActionAskTriageAnswer(), create_tracker(slots={"triage_state": result["triage_state"]})
    )
    assert messages[0]["text"].startswith("Pour revenir à vos symptômes")
    assert "/stop" in [b["payload"] for b in messages[0]["buttons"]]  # the patient may leave


async def test_a_report_worded_as_a_question_during_the_questions_is_read_as_an_answer():
    state = triage.start("j'ai la diarrhée")
    dispatcher = CollectingDispatcher()
    text = "j'ai du sang dans les selles, c'est grave ?"
    tracker = create_tracker(text, "ask_side_effects", slots={"triage_state": state})
    result = ValidateTriageForm().validate_triage_answer(text, dispatcher, tracker, {})
    assert dispatcher.messages == []
    assert "stool_blood" in result["triage_state"]["signs"]


async def test_the_slot_reset_at_activation_is_not_an_answer():
    assert ValidateTriageForm().validate_triage_answer(None, None, create_tracker(), {}) == {}


async def test_the_form_ends_when_the_engine_needs_no_more_answers():
    form = ValidateTriageForm()
    pending = create_tracker(slots={"triage_state": triage.start("j'ai la diarrhée")})
    assert await form.required_slots([], None, pending, {}) == ["triage_answer"]
    done = create_tracker(slots={"triage_state": triage.start("je vomis du sang")})
    assert await form.required_slots([], None, done, {}) == []


async def test_leaving_the_questions_early_escalates(audit_file):
    state = triage.answer(triage.start("j'ai la diarrhée"), "/stop")
    tracker = create_tracker("stop", "stop", slots={"triage_state": state})
    messages, events = await run_action(ActionTriageDecide(), tracker)
    assert slot_events(events)["triage_level"] == "urgent"
    assert "équipe" in texts(messages)


async def test_mild_answers_end_with_self_care_and_when_to_call(audit_file):
    state = triage.start("j'ai un peu la bouche sèche, pas de fièvre")
    while triage.next_question(state) is not None:
        state = triage.answer(state, "/deny")
    tracker = create_tracker("non", "deny", slots={"triage_state": state})
    messages, events = await run_action(ActionTriageDecide(), tracker)
    assert slot_events(events)["triage_level"] == "advice"
    assert "prochain contact" in texts(messages)


async def test_recording_an_emergency_sets_the_contract_slots_and_names_the_team(audit_file):
    tracker = create_tracker("ma femme a une douleur dans la poitrine", "report_emergency")
    messages, events = await run_action(ActionRecordEmergency(), tracker)
    slots = slot_events(events)
    assert slots["triage_level"] == "emergency" and slots["symptom"] == "heart"
    team = contacts.load_contacts()
    assert team.line_24_7 in texts(messages) or team.day_phone in texts(messages)
    [entry] = audited(audit_file)
    assert entry["level"] == "emergency" and "chest_pain" in entry["criteria"]


async def test_an_emergency_the_engine_cannot_explain_is_still_recorded_as_emergency(audit_file):
    tracker = create_tracker("ça va vraiment pas du tout", "report_emergency")
    _, events = await run_action(ActionRecordEmergency(), tracker)
    assert slot_events(events)["triage_level"] == "emergency"
    assert audited(audit_file)[0]["criteria"] == ["classifier_report_emergency"]


async def test_an_announced_but_undescribed_symptom_gets_a_request_to_describe_it(audit_file):
    messages, events = await run_action(
        ActionAssessSymptom(), create_tracker("J'ai un symptôme", "report_symptom")
    )
    assert slot_events(events) == {"triage_followup": False}
    assert "Décrivez" in texts(messages)
    assert not audit_file.exists()


async def test_an_audit_that_cannot_be_written_does_not_cost_the_patient_the_reply(
    tmp_path, monkeypatch, caplog
):
    (tmp_path / "not-a-dir").write_text("")
    monkeypatch.setenv("AUDIT_FILE", str(tmp_path / "not-a-dir" / "triage.jsonl"))
    tracker = create_tracker("mon mari a 39,5 de fievre", "report_symptom")
    messages, events = await run_action(ActionAssessSymptom(), tracker)
    assert "carte patient" in texts(messages)
    assert slot_events(events)["triage_level"] == "urgent"
    assert "audit: could not record a urgent decision" in caplog.text


async def test_an_english_emergency_names_the_team_to_tell_in_english(audit_file):
    tracker = create_tracker("I can't breathe", "report_emergency", slots={"language": "en"})
    messages, events = await run_action(ActionRecordEmergency(), tracker)
    assert slot_events(events)["triage_level"] == "emergency"
    team = contacts.load_contacts()
    assert texts(messages).startswith(
        "Once emergency services have been called, tell your oncology team too:"
    )
    assert team.line_24_7 in texts(messages) or team.day_phone in texts(messages)
    assert "Une fois" not in texts(messages) and "Appelez" not in texts(messages)
