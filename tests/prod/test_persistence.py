"""Persistence: scripts/serve.sh with DATABASE_URL (the machine's PostgreSQL) and REDIS_URL;
the Rasa server is restarted in the middle of a triage form and the conversation carries
on with its slots and form state."""

from __future__ import annotations

import os
import secrets

import pytest
import sqlalchemy as sa

from conftest import RUN_DIR, say, sender, texts, tracker, user_texts
from services import Served

RASA_PORT, ACTIONS_PORT, WEB_PORT = 5705, 5755, 5781
BASE = f"http://127.0.0.1:{RASA_PORT}"
SENDER = "persist-patient-1"


@pytest.fixture(scope="module")
def served(model, shared_database, token):
    env = {k: v for k, v in os.environ.items() if k not in ("RASA_TOKEN", "RASA_HOST")}
    env.update(
        RASA_TOKEN=token,
        CONVERSATION_ID_SECRET=secrets.token_urlsafe(32),
        RASA_PORT=str(RASA_PORT),
        ACTIONS_PORT=str(ACTIONS_PORT),
        WEB_PORT=str(WEB_PORT),
        MODEL=model,
        DATABASE_URL=shared_database,
        REDIS_URL=os.environ.get("PROD_REDIS_URL", "redis://127.0.0.1:6379/7"),
        REDIS_KEY_PREFIX="immunoprodtests",
        RASA_TELEMETRY_ENABLED="false",
        AUDIT_FILE=str(RUN_DIR / "persistence" / "audit.jsonl"),
    )
    server = Served(env, RUN_DIR / "persistence" / "serve.log", BASE, ACTIONS_PORT)
    server.start()
    yield server
    server.stop()


def form_state(track):
    slots = track["slots"]
    return {
        "active_loop": (track.get("active_loop") or {}).get("name"),
        "requested_slot": slots.get("requested_slot"),
        "symptom": slots.get("symptom"),
        "triage_state": slots.get("triage_state"),
        "triage_followup": slots.get("triage_followup"),
    }


def test_restart_in_the_middle_of_a_triage_form(served, shared_database, token):
    first = say(BASE, SENDER, "j'ai la diarrhée")
    assert any(m.get("buttons") for m in first), first
    before = tracker(BASE, SENDER, token)
    state = form_state(before)
    assert state["active_loop"] == "triage_form" and state["requested_slot"] == "triage_answer"
    assert state["symptom"] == "digestive" and state["triage_state"], state

    # The conversation is in PostgreSQL, not in the server's memory.
    engine = sa.create_engine(shared_database)
    with engine.connect() as conn:
        stored = conn.execute(
            sa.text("SELECT count(*) FROM events WHERE sender_id = :s"), {"s": sender(BASE, SENDER)}
        ).scalar()
    engine.dispose()
    assert stored == len(before["events"]) > 0

    served.stop()
    served.start()

    after = tracker(BASE, SENDER, token)
    assert form_state(after) == state
    assert after["events"] == before["events"]

    # The next answer is taken as the answer to the pending question, then the questions
    # go on (a button answer each time) until the decision.
    buttons = [m for m in first if m.get("buttons")][-1]["buttons"]
    answers = [buttons[0]["payload"]]
    reply = say(BASE, SENDER, answers[-1])
    for _ in range(6):
        asked = [m for m in reply if m.get("buttons")]
        if not asked:
            break
        answers.append(asked[-1]["buttons"][0]["payload"])
        reply = say(BASE, SENDER, answers[-1])
    final = tracker(BASE, SENDER, token)
    assert user_texts(final) == ["j'ai la diarrhée", *answers]
    actions = [e.get("name") for e in final["events"] if e.get("event") == "action"]
    assert "action_triage_decide" in actions, actions
    assert "action_default_fallback" not in actions and "utter_default" not in actions
    assert final["slots"]["triage_level"] in ("emergency", "urgent", "advice")
    assert (final.get("active_loop") or {}).get("name") is None
    assert texts(reply).strip()
