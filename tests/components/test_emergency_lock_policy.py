"""The reminder after an emergency comes from the conversation itself, not from a slot."""

import pytest

from rasa.engine.graph import ExecutionContext
from rasa.engine.storage.local_model_storage import LocalModelStorage
from rasa.engine.storage.resource import Resource
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import ActionExecuted, SessionStarted, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker

from rasa_addons.components.emergency_lock_policy import EmergencyLockPolicy, emergency_pending


def user(intent):
    return UserUttered(text=intent, intent={"name": intent, "confidence": 1.0})


def listen():
    return ActionExecuted("action_listen")


@pytest.fixture
def domain():
    return Domain.load("domain.yml")


@pytest.fixture
def policy(tmp_path):
    return EmergencyLockPolicy(
        {"priority": 7}, LocalModelStorage(tmp_path), Resource("lock"), ExecutionContext(None)
    )


def predict(policy, domain, events):
    tracker = DialogueStateTracker.from_events("patient", events, domain.slots)
    prediction = policy.predict_action_probabilities(tracker, domain)
    if max(prediction.probabilities) == 0:
        return None
    return domain.action_names_or_texts[prediction.max_confidence_index]


EMERGENCY = [
    listen(),
    user("report_emergency"),
    ActionExecuted("utter_emergency"),
    ActionExecuted("action_record_emergency"),
    listen(),
]


def test_no_emergency_no_opinion(policy, domain):
    assert predict(policy, domain, [listen(), user("greet")]) is None


def test_any_message_after_an_emergency_first_gets_the_instruction_again(policy, domain):
    assert predict(policy, domain, EMERGENCY + [user("ask_drug")]) == "utter_emergency"
    after = EMERGENCY + [user("greet"), ActionExecuted("utter_emergency")]
    assert predict(policy, domain, after) == "action_listen"


def test_the_patient_ends_the_reminders_by_saying_it_is_handled(policy, domain):
    assert predict(policy, domain, EMERGENCY + [user("emergency_handled")]) is None
    handled = EMERGENCY + [
        user("emergency_handled"),
        ActionExecuted("utter_emergency_handled"),
        listen(),
        user("ask_drug"),
    ]
    assert predict(policy, domain, handled) is None


def test_a_new_red_flag_is_left_to_the_emergency_rules(policy, domain):
    assert predict(policy, domain, EMERGENCY + [user("report_emergency")]) is None


def test_a_new_session_starts_without_reminders():
    events = EMERGENCY + [SessionStarted(), listen()]
    assert not emergency_pending(events)
    assert emergency_pending(EMERGENCY)
