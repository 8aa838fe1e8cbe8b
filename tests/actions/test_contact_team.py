from actions.contact_team import ActionContactTeam
from immuno.contacts import load_contacts
from tests.actions.helpers import create_tracker, run_action, texts


async def test_handoff_gives_one_of_the_team_numbers():
    messages, events = await run_action(
        ActionContactTeam(), create_tracker("je veux parler a une infirmiere", "ask_human")
    )
    team = load_contacts()
    text = texts(messages)
    assert events == []
    assert team.day_phone in text or team.line_24_7 in text
