"""The oncology team's contact that is right for this hour.

The numbers and opening hours are deployment settings (settings/contacts.yml, or the
file named by CONTACTS_FILE); the sentences are in knowledge/routing.yml. Both are read
through immuno.content, so an edit is picked up and a bad edit leaves the last good one.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, time
from pathlib import Path
from typing import List, Optional
from zoneinfo import ZoneInfo

from immuno import content
from immuno.content_schemas import DAYS


@dataclass(frozen=True)
class Contacts:
    team_name: str
    day_phone: str
    line_24_7: str
    emergency_department: str
    days: tuple
    start: time
    end: time
    time_zone: str

    def is_open(self, now: datetime) -> bool:
        local = now.astimezone(ZoneInfo(self.time_zone))
        return DAYS[local.weekday()] in self.days and self.start <= local.time() < self.end


def _parse_time(value: str) -> time:
    hours, minutes = str(value).split(":")
    return time(int(hours), int(minutes))


def load_contacts(path: Optional[str] = None) -> Contacts:
    """The contacts in use (CONTACTS_FILE or settings/contacts.yml), or those of `path`."""
    if path:
        data = content.parse(Path(path), "contacts.yml").data
    else:
        data = content.current().data("contacts.yml")
    hours = data["opening_hours"]
    return Contacts(
        team_name=data["team_name"],
        day_phone=data["day_phone"],
        line_24_7=data["line_24_7"],
        emergency_department=data["emergency_department"],
        days=tuple(hours["days"]),
        start=_parse_time(hours["start"]),
        end=_parse_time(hours["end"]),
        time_zone=data.get("time_zone", "Europe/Paris"),
    )


def _routing() -> dict:
    return content.current().data("routing.yml")


def _fill(template: str, contacts: Contacts) -> str:
    return template.format(
        team_name=contacts.team_name,
        day_phone=contacts.day_phone,
        line_24_7=contacts.line_24_7,
        emergency_department=contacts.emergency_department,
    )


def routing_text(key: str, contacts: Optional[Contacts] = None) -> str:
    """A sentence of knowledge/routing.yml with this deployment's contacts filled in."""
    return _fill(_routing()[key], contacts or load_contacts())


def team_number_now(contacts: Contacts, now: Optional[datetime] = None) -> str:
    """One sentence: the number to call at this hour."""
    now = now or datetime.now(tz=ZoneInfo(contacts.time_zone))
    key = "open_now" if contacts.is_open(now) else "closed_now"
    return _fill(_routing()[key], contacts)


def handoff_lines(contacts: Contacts, now: Optional[datetime] = None) -> List[str]:
    """Answer to "I want to talk to a nurse / a human"."""
    routing = _routing()
    lines = [_fill(routing["handoff"], contacts), team_number_now(contacts, now)]
    now = now or datetime.now(tz=ZoneInfo(contacts.time_zone))
    if not contacts.is_open(now):
        lines.append(routing["out_of_hours_advice"])
    return lines
