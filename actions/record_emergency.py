from typing import Any, Dict, List, Text

from rasa_sdk import Action, Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions.triage_events import conclude
from immuno import contacts, language, triage, triage_reply


class ActionRecordEmergency(Action):
    """Runs after `utter_emergency` (already sent by a rule, without this server):
    records the decision and says which team to tell, and how to reach it now (in English
    for a patient who writes English, as utter_emergency's `language: en` variation)."""

    def name(self) -> Text:
        return "action_record_emergency"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]
    ) -> List[Dict[Text, Any]]:
        text = tracker.latest_message.get("text") or ""
        previous = tracker.get_slot("triage_state")
        state = (
            triage.add_message(previous, text) if isinstance(previous, dict) else triage.start(text)
        )
        decision = triage.decide(state)
        # The classifier alone may call a message an emergency: the level stays emergency.
        criteria = decision.matched if decision.level == "emergency" else []
        return conclude(
            dispatcher,
            tracker,
            "emergency",
            decision.category,
            criteria or ["classifier_report_emergency"],
            lines=language.emergency_followup_lines(
                tracker.get_slot("language"), contacts.load_contacts()
            )
            or triage_reply.emergency_followup_lines(),
            state=state,
        )
