from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from immuno import contacts

PARIS = ZoneInfo("Europe/Paris")


@pytest.fixture
def team():
    return contacts.load_contacts()


def test_day_number_during_opening_hours(team):
    tuesday_10h = datetime(2026, 12, 1, 10, 0, tzinfo=PARIS)
    line = contacts.team_number_now(team, tuesday_10h)
    assert team.day_phone in line
    assert team.line_24_7 not in line


@pytest.mark.parametrize(
    "moment",
    [
        datetime(2026, 12, 1, 2, 0, tzinfo=PARIS),  # Tuesday 2 a.m.
        datetime(2026, 12, 1, 18, 0, tzinfo=PARIS),  # closing time
        datetime(2026, 12, 5, 11, 0, tzinfo=PARIS),  # Saturday
    ],
)
def test_24_7_line_outside_opening_hours(team, moment):
    assert team.line_24_7 in contacts.team_number_now(team, moment)


def test_opening_hours_are_read_in_paris_time(team):
    # 08:00 UTC in winter is 09:00 in Paris: open.
    utc_8h = datetime(2026, 12, 1, 8, 0, tzinfo=ZoneInfo("UTC"))
    assert team.is_open(utc_8h)


def test_handoff_gives_a_number_and_out_of_hours_advice_at_night(team):
    night = " ".join(contacts.handoff_lines(team, datetime(2026, 12, 1, 23, 0, tzinfo=PARIS)))
    assert team.line_24_7 in night and "116 117" in night
    day = " ".join(contacts.handoff_lines(team, datetime(2026, 12, 1, 11, 0, tzinfo=PARIS)))
    assert team.day_phone in day and "116 117" not in day


OWN_CONTACTS = (
    "team_name: Oncologie B\nday_phone: '04 11 22 33 44'\n"
    "opening_hours: {days: [mon], start: '09:00', end: '12:00'}\n"
    "line_24_7: '04 99 99 99 99'\nemergency_department: urgences B\n"
)


@pytest.fixture
def own_contacts(tmp_path, monkeypatch):
    own = tmp_path / "contacts.yml"
    own.write_text(OWN_CONTACTS, encoding="utf-8")
    monkeypatch.setenv("CONTACTS_FILE", str(own))
    return own


def test_a_hospital_uses_its_own_contacts_file(own_contacts):
    team = contacts.load_contacts()
    assert team.team_name == "Oncologie B" and team.time_zone == "Europe/Paris"
    monday_10h = datetime(2026, 11, 30, 10, 0, tzinfo=PARIS)
    assert "04 11 22 33 44" in contacts.team_number_now(team, monday_10h)


def test_an_edit_of_the_contacts_is_used_without_a_restart(own_contacts):
    assert contacts.load_contacts().day_phone == "04 11 22 33 44"
    edited = OWN_CONTACTS.replace("04 11 22 33 44", "04 55 55 55 55") + "# edited\n"
    own_contacts.write_text(edited, encoding="utf-8")
    assert contacts.load_contacts().day_phone == "04 55 55 55 55"


def test_a_half_saved_contacts_file_keeps_the_last_good_numbers(own_contacts, caplog):
    assert contacts.load_contacts().line_24_7 == "04 99 99 99 99"
    own_contacts.write_text("team_name: Oncologie B\nday_phone: '04 11", encoding="utf-8")
    with caplog.at_level("ERROR", logger="immuno.content"):
        team = contacts.load_contacts()
    assert team.line_24_7 == "04 99 99 99 99"
    assert f"{own_contacts}:2" in caplog.text and "still using version" in caplog.text
