"""What a user notices about a message, for the wording tables (tests/unit/test_wording_*.py,
test_triage.py): the level given when every question is answered "non", the signs read, and
how one sign is read. Not a test module: imported from tests/unit (pytest's rootdir path)."""

from immuno.triage import answer, assess, decide, next_question, start
from immuno.understanding import understand

LEVELS = ("emergency", "urgent", "advice", "none")


def level_after_no(text):
    """The level once every question is answered "non" (or the count under the threshold),
    as tests/vignettes answers them; "none" when the message reports nothing."""
    a = assess(text)
    if a.is_emergency:
        return "emergency"
    if not a.is_report:
        return "none"
    return questions_and_level(text)[1]


def questions_and_level(text, reply="non"):
    """The questions the form asks (their texts) and the level it gives when every yes/no
    question is answered `reply` and every count is under its threshold."""
    state, asked = start(text), []
    for _ in range(8):
        question = next_question(state)
        if question is None:
            break
        asked.append(question.text)
        payload = question.buttons[0]["payload"]
        state = answer(state, payload if payload != "/affirm" else reply)
    return asked, decide(state).level


def level(text):
    """level_after_no, with None for a message that reports nothing."""
    given = level_after_no(text)
    return None if given == "none" else given


def signs(text):
    return [s.id for s in assess(text).signs]


def assertion(text, sign):
    """How the sign is read in the text: present, negated, ... or None (not read)."""
    found = [f.assertion for f in understand(text).findings if f.sign == sign]
    return found[0] if found else None
