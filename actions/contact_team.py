from typing import Any, Dict, List, Text

from rasa_sdk import Action, Tracker
from rasa_sdk.executor import CollectingDispatcher

from immuno import contacts


class ActionContactTeam(Action):
    """Handoff: the assistant cannot transfer the chat, so it gives the team's number
    that is right for this hour."""

    def name(self) -> Text:
        return "action_contact_team"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]
    ) -> List[Dict[Text, Any]]:
        for line in contacts.handoff_lines(contacts.load_contacts()):
            dispatcher.utter_message(text=line)
        return []
