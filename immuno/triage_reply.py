"""What the patient reads once a triage level is decided: the level's instruction, then
the contact that is right for this hour, then (advice) the self-care advice."""

from __future__ import annotations

from datetime import datetime
from typing import List, Optional

from immuno import contacts as contacts_module
from immuno import triage

SUICIDE_CATEGORY = "mood"  # the only emergency of this category is suicidal thoughts


def reply_lines(
    level: str,
    category: Optional[str],
    contacts: Optional[contacts_module.Contacts] = None,
    now: Optional[datetime] = None,
) -> List[str]:
    contacts = contacts or contacts_module.load_contacts()
    if level == "emergency":
        # suicidal thoughts: 3114 beside 15 (reference: Mood - emergency), as domain.yml does
        suicide = [triage.message("suicide_line")] if category == SUICIDE_CATEGORY else []
        return [triage.level_message("emergency"), *suicide] + emergency_followup_lines(
            contacts, now
        )
    if level == "urgent":
        # The level message already says what to tell the team and where to go if
        # nobody answers; add the number that is right for this hour.
        return [triage.level_message("urgent"), contacts_module.team_number_now(contacts, now)]
    return [triage.advice_text(category), triage.level_message("advice")]


def emergency_followup_lines(
    contacts: Optional[contacts_module.Contacts] = None, now: Optional[datetime] = None
) -> List[str]:
    """Sent after the emergency instruction: which team to tell, and how to reach it now."""
    contacts = contacts or contacts_module.load_contacts()
    intro = contacts_module.routing_text("after_emergency", contacts)
    return [f"{intro} {contacts_module.team_number_now(contacts, now)}"]
