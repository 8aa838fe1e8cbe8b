"""Shared by the triage actions: send a decided level and record it."""

from __future__ import annotations

from typing import Any, Dict, List, Optional

from rasa_sdk import Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher

from immuno import audit, triage, triage_reply


def conclude(
    dispatcher: CollectingDispatcher,
    tracker: Tracker,
    level: str,
    category: Optional[str],
    criteria: List[str],
    lines: Optional[List[str]] = None,
    state: Optional[dict] = None,
) -> List[Dict[str, Any]]:
    """Send the reply for `level`, write the audit entry and set the contract slots. The
    state is kept (with the level given) so that later messages are read with it."""
    lines = lines if lines is not None else triage_reply.reply_lines(level, category)
    previous = (
        (tracker.get_slot("triage_state") or {}).get("decided")
        if isinstance(tracker.get_slot("triage_state"), dict)
        else None
    )
    if previous and triage.RANK.get(level, 0) > triage.RANK.get(previous, 0):
        lines = [triage.message("level_raised")] + list(lines)
    dispatcher.utter_message(text="\n".join(lines))
    audit.record(level, category, criteria, channel=tracker.get_latest_input_channel())
    return [
        SlotSet("triage_level", level),
        SlotSet("symptom", category),
        SlotSet("triage_state", dict(state, decided=level) if state else None),
        SlotSet("triage_answer", None),
    ]
