from typing import Any, Dict, List, Text

from rasa_sdk import Action, Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions.triage_events import conclude
from immuno import triage


class ActionTriageDecide(Action):
    """Decides the level once the questions are over (or the patient left them)."""

    def name(self) -> Text:
        return "action_triage_decide"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]
    ) -> List[Dict[Text, Any]]:
        state = tracker.get_slot("triage_state") or {}
        decision = triage.decide(state)
        return conclude(
            dispatcher, tracker, decision.level, decision.category, decision.matched, state=state
        )
