from typing import Any, Dict, List, Text

from rasa_sdk import FormValidationAction, Tracker
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from immuno import triage


class ValidateTriageForm(FormValidationAction):
    """One slot, `triage_answer`, asked again for each question the engine still needs;
    every answer is folded into `triage_state`."""

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
        state = triage.answer(tracker.get_slot("triage_state") or {}, str(slot_value))
        return {"triage_answer": None, "triage_state": state}
