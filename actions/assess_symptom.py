from typing import Any, Dict, List, Text

from rasa_sdk import Action, Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.triage_events import conclude
from immuno import contacts, triage


class ActionAssessSymptom(Action):
    """First look at a symptom report: decide now, or start the follow-up questions."""

    def name(self) -> Text:
        return "action_assess_symptom"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]
    ) -> List[Dict[Text, Any]]:
        text = tracker.latest_message.get("text") or ""
        if triage.not_about_the_patient(text):
            dispatcher.utter_message(response="utter_out_of_scope")
            return [SlotSet("triage_followup", False)]
        if triage.is_announcement(text):
            dispatcher.utter_message(text=contacts.routing_text("describe_symptom"))
            return [SlotSet("triage_followup", False)]
        previous = tracker.get_slot("triage_state")
        if isinstance(previous, dict) and previous.get("decided"):
            # The conversation goes on after a level was given: read it with what was said.
            state = triage.add_message(previous, text)
        else:
            state = triage.start(text)
        if triage.next_question(state) is None:
            decision = triage.decide(state)
            events = conclude(
                dispatcher,
                tracker,
                decision.level,
                decision.category,
                decision.matched,
                state=state,
            )
            return events + [SlotSet("triage_followup", False)]
        dispatcher.utter_message(text=contacts.routing_text("followup_intro"))
        return [
            SlotSet("triage_state", state),
            SlotSet("symptom", (state.get("categories") or [None])[0]),
            SlotSet("triage_followup", True),
        ]
