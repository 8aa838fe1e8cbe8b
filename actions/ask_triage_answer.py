from typing import Any, Dict, List, Text

from rasa_sdk import Action, Tracker
from rasa_sdk.executor import CollectingDispatcher

from immuno import triage


class ActionAskTriageAnswer(Action):
    """Asks the next follow-up question of the triage form, with quick replies."""

    def name(self) -> Text:
        return "action_ask_triage_answer"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]
    ) -> List[Dict[Text, Any]]:
        question = triage.next_question(tracker.get_slot("triage_state") or {})
        if question is not None:
            dispatcher.utter_message(text=question.text, buttons=list(question.buttons))
        return []
