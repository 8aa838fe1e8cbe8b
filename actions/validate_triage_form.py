from typing import Any, Dict, List, Text

from rasa_sdk import FormValidationAction, Tracker
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions.answer_knowledge import send_knowledge_answer
from immuno import triage

# Intents of a question the knowledge files answer (a side question during the triage).
KNOWLEDGE_INTENT_PREFIX = "ask_"


class ValidateTriageForm(FormValidationAction):
    """One slot, `triage_answer`, asked again for each question the engine still needs;
    every answer is folded into `triage_state`. A question the patient asks instead of
    answering is answered from the knowledge files, and the pending question asked again."""

    def name(self) -> Text:
        return "validate_triage_form"

    async def required_slots(
        self,
        domain_slots: List[Text],
        dispatcher: CollectingDispatcher,
        tracker: Tracker,
        domain: DomainDict,
    ) -> List[Text]:
        state = tracker.get_slot("triage_state") or {}
        return ["triage_answer"] if triage.next_question(state) is not None else []

    def validate_triage_answer(
        self,
        slot_value: Any,
        dispatcher: CollectingDispatcher,
        tracker: Tracker,
        domain: DomainDict,
    ) -> Dict[Text, Any]:
        if slot_value is None:
            # Only the reset of the slot at activation, not an answer.
            return {}
        state = tracker.get_slot("triage_state") or {}
        message = tracker.latest_message or {}
        intent = (message.get("intent") or {}).get("name") or ""
        if intent.startswith(KNOWLEDGE_INTENT_PREFIX) and triage.is_side_question(
            state, str(slot_value)
        ):
            # "c'est grave ?" between two answers: answered, then the question is asked again
            send_knowledge_answer(dispatcher, message)
            return {"triage_answer": None, "triage_state": triage.set_aside(state)}
        state = triage.answer(state, str(slot_value))
        return {"triage_answer": None, "triage_state": state}
