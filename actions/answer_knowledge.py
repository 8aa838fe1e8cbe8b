from typing import Any, Dict, List, Text

from rasa_sdk import Action, Tracker
from rasa_sdk.executor import CollectingDispatcher

from immuno import unanswered
from immuno.knowledge import load_knowledge


def send_knowledge_answer(dispatcher: CollectingDispatcher, message: Dict[Text, Any]) -> None:
    """Answers a parsed user message from the knowledge files; counts what it could not answer."""
    entities: Dict[Text, List[Text]] = {}
    for entity in message.get("entities") or []:
        entities.setdefault(entity["entity"], []).append(str(entity.get("value")))
    answer = load_knowledge().answer(
        (message.get("intent") or {}).get("name") or "",
        message.get("text") or "",
        entities,
    )
    dispatcher.utter_message(text=answer.text, buttons=answer.buttons or None)
    unanswered.record(answer.unanswered)


class ActionAnswerKnowledge(Action):
    """Answers every `ask_*` intent from the knowledge files."""

    def name(self) -> Text:
        return "action_answer_knowledge"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]
    ) -> List[Dict[Text, Any]]:
        send_knowledge_answer(dispatcher, tracker.latest_message or {})
        return []
