"""Shared by the triage actions: send a decided level and record it."""
from __future__ import annotations

from typing import Any, Dict, List, Optional

from rasa_sdk import Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher

from immuno import audit, triage_reply


def conclude(
    dispatcher: CollectingDispatcher,
    tracker: Tracker,
    level: str,
    category: Optional[str],
    criteria: List[str],
    lines: Optional[List[str]] = None,
) -> List[Dict[str, Any]]:
    """Send the reply for `level`, write the audit entry and set the contract slots."""
    lines = lines if lines is not None else triage_reply.reply_lines(level, category)
    dispatcher.utter_message(text="\n".join(lines))
    audit.record(level, category, criteria, channel=tracker.get_latest_input_channel())
    return [
        SlotSet("triage_level", level),
        SlotSet("symptom", category),
        SlotSet("triage_state", None),
        SlotSet("triage_answer", None),
    ]
