from typing import Any, Dict, List, Text

from rasa_sdk import Action, Tracker
from rasa_sdk.executor import CollectingDispatcher

from immuno import contacts, language


class ActionAnswerLanguage(Action):
    """After utter_other_language (15 / 112 in the patient's language, from the domain):
    the team's number, and for an English symptom the urgent or advice message in English."""

    def name(self) -> Text:
        return "action_answer_language"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]
    ) -> List[Dict[Text, Any]]:
        for line in language.reply_lines(
            tracker.get_slot("language"),
            (tracker.latest_message or {}).get("text") or "",
            contacts.load_contacts(),
        ):
            dispatcher.utter_message(text=line)
        return []
