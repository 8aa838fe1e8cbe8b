"""Build rasa-sdk trackers as the action server receives them, and run actions."""

from __future__ import annotations

from typing import Any, Dict, List, Optional

from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

DOMAIN: Dict[str, Any] = {}


def create_tracker(
    text: str = "",
    intent: str = "",
    entities: Optional[List[Dict[str, Any]]] = None,
    slots: Optional[Dict[str, Any]] = None,
    active_loop: Optional[str] = None,
    channel: str = "rest",
    events: Optional[List[Dict[str, Any]]] = None,
) -> Tracker:
    latest = {
        "text": text,
        "intent": {"name": intent, "confidence": 1.0},
        "entities": entities or [],
    }
    user_event = {"event": "user", "text": text, "parse_data": latest, "input_channel": channel}
    return Tracker(
        sender_id="test-patient",
        slots=dict(slots or {}),
        latest_message=latest,
        events=(events or []) + [user_event],
        paused=False,
        followup_action=None,
        active_loop={"name": active_loop} if active_loop else {},
        latest_action_name="action_listen",
    )


async def run_action(action, tracker: Tracker):
    dispatcher = CollectingDispatcher()
    events = await action.run(dispatcher, tracker, DOMAIN)
    return dispatcher.messages, events


def texts(messages: List[Dict[str, Any]]) -> str:
    return "\n".join(m.get("text") or "" for m in messages)


def slot_events(events: List[Dict[str, Any]]) -> Dict[str, Any]:
    """The slots an action sets, as {name: value}; fails on any other event type."""
    slots = {}
    for event in events:
        assert event["event"] == "slot", f"unexpected event {event}"
        slots[event["name"]] = event["value"]
    return slots
