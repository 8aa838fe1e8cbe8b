"""After an emergency, every new message first gets the reminder to call 15.

The state is read from the conversation itself (no slot, no action server): from the
last `report_emergency` of the session until the patient says it is handled
(`emergency_handled`), the policy answers each user message by repeating
`utter_emergency` before anything else. A new red flag is left to the emergency rules.
"""

from __future__ import annotations

from typing import Any, List, Optional, Text

from rasa.core.policies.policy import Policy, PolicyPrediction
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.shared.core.constants import ACTION_LISTEN_NAME
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import SessionStarted, UserUttered
from rasa.shared.core.generator import TrackerWithCachedStates
from rasa.shared.core.trackers import DialogueStateTracker

EMERGENCY_INTENT = "report_emergency"
HANDLED_INTENT = "emergency_handled"
REMINDER_ACTION = "utter_emergency"
LEFT_TO_RULES = {EMERGENCY_INTENT, HANDLED_INTENT, "restart", "session_start"}


def emergency_pending(events: List[Any]) -> bool:
    """True when the session's last emergency has not been declared handled."""
    pending = False
    for event in events:
        if isinstance(event, SessionStarted):
            pending = False
        elif isinstance(event, UserUttered):
            intent = event.intent_name
            if intent == EMERGENCY_INTENT:
                pending = True
            elif intent == HANDLED_INTENT:
                pending = False
    return pending


def _events_before_last_user_message(events: List[Any]) -> List[Any]:
    for index in range(len(events) - 1, -1, -1):
        if isinstance(events[index], UserUttered):
            return events[:index]
    return []


@DefaultV1Recipe.register(
    DefaultV1Recipe.ComponentType.POLICY_WITHOUT_END_TO_END_SUPPORT,
    is_trainable=False,
)
class EmergencyLockPolicy(Policy):
    @staticmethod
    def get_default_config() -> dict:
        # Above RulePolicy (6): on a tie at confidence 1.0, the reminder wins.
        return {"priority": 7}

    def train(
        self, training_trackers: List[TrackerWithCachedStates], domain: Domain, **kwargs: Any
    ) -> Resource:
        return self._resource

    def predict_action_probabilities(
        self,
        tracker: DialogueStateTracker,
        domain: Domain,
        rule_only_data: Optional[dict] = None,
        **kwargs: Any,
    ) -> PolicyPrediction:
        action = self._next_action(tracker)
        probabilities = self._default_predictions(domain)
        if action:
            probabilities[domain.index_for_action(action)] = 1.0
        return self._prediction(probabilities)

    @staticmethod
    def _next_action(tracker: DialogueStateTracker) -> Optional[Text]:
        events = list(tracker.events)
        intent = tracker.latest_message.intent.get("name") if tracker.latest_message else None
        if intent in LEFT_TO_RULES:
            return None
        if tracker.latest_action_name == REMINDER_ACTION:
            return ACTION_LISTEN_NAME
        if tracker.latest_action_name != ACTION_LISTEN_NAME:
            return None
        if emergency_pending(_events_before_last_user_message(events)):
            return REMINDER_ACTION
        return None
