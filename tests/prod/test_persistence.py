"""Persistence: scripts/serve.sh with DATABASE_URL (the machine's PostgreSQL) and REDIS_URL;
the Rasa server is restarted in the middle of a triage form and the conversation carries
on with its slots and form state."""
from __future__ import annotations

import os
import signal
import subprocess
import time

import pytest
import sqlalchemy as sa

from conftest import RUN_DIR, ROOT, say, texts, tracker, user_texts
from deploy.stack import http_ok

RASA_PORT, ACTIONS_PORT, WEB_PORT = 5705, 5755, 5781
BASE = f"http://127.0.0.1:{RASA_PORT}"
SENDER = "persist-patient-1"


class Served:
    def __init__(self, env):
        self.env, self.proc = env, None
        self.log = RUN_DIR / "persistence" / "serve.log"
        self.log.parent.mkdir(parents=True, exist_ok=True)

    def start(self):
        with open(self.log, "ab") as log:
            self.proc = subprocess.Popen([str(ROOT / "scripts" / "serve.sh")], cwd=ROOT,
                                         env=self.env, stdout=log, stderr=subprocess.STDOUT,
                                         start_new_session=True)
        deadline = time.monotonic() + 300
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                pytest.fail(f"serve.sh stopped (exit {self.proc.returncode}); see {self.log}")
            if http_ok(f"{BASE}/status") and http_ok(f"http://127.0.0.1:{ACTIONS_PORT}/health"):
                return
            time.sleep(0.5)
        pytest.fail(f"serve.sh not ready after 300 s; see {self.log}")

    def stop(self):
        if self.proc and self.proc.poll() is None:
            os.killpg(self.proc.pid, signal.SIGTERM)
            try:
                self.proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(self.proc.pid, signal.SIGKILL)
                self.proc.wait()
        self.proc = None


@pytest.fixture(scope="module")
def served(model, shared_database):
    env = {k: v for k, v in os.environ.items() if k not in ("RASA_TOKEN", "RASA_HOST")}
    env.update(RASA_PORT=str(RASA_PORT), ACTIONS_PORT=str(ACTIONS_PORT),
               WEB_PORT=str(WEB_PORT), MODEL=model, DATABASE_URL=shared_database,
               REDIS_URL=os.environ.get("PROD_REDIS_URL", "redis://127.0.0.1:6379/7"),
               REDIS_KEY_PREFIX="immunoprodtests", RASA_TELEMETRY_ENABLED="false",
               AUDIT_FILE=str(RUN_DIR / "persistence" / "audit.jsonl"))
    server = Served(env)
    server.start()
    yield server
    server.stop()


def form_state(track):
    slots = track["slots"]
    return {"active_loop": (track.get("active_loop") or {}).get("name"),
            "requested_slot": slots.get("requested_slot"),
            "symptom": slots.get("symptom"),
            "triage_state": slots.get("triage_state"),
            "triage_followup": slots.get("triage_followup")}


def test_restart_in_the_middle_of_a_triage_form(served, shared_database):
    first = say(BASE, SENDER, "j'ai la diarrhée")
    assert any(m.get("buttons") for m in first), first
    before = tracker(BASE, SENDER, "")
    state = form_state(before)
    assert state["active_loop"] == "triage_form" and state["requested_slot"] == "triage_answer"
    assert state["symptom"] == "digestive" and state["triage_state"], state

    # The conversation is in PostgreSQL, not in the server's memory.
    engine = sa.create_engine(shared_database)
    with engine.connect() as conn:
        stored = conn.execute(sa.text("SELECT count(*) FROM events WHERE sender_id = :s"),
                              {"s": SENDER}).scalar()
    engine.dispose()
    assert stored == len(before["events"]) > 0

    served.stop()
    served.start()

    after = tracker(BASE, SENDER, "")
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
    final = tracker(BASE, SENDER, "")
    assert user_texts(final) == ["j'ai la diarrhée", *answers]
    actions = [e.get("name") for e in final["events"] if e.get("event") == "action"]
    assert "action_triage_decide" in actions, actions
    assert "action_default_fallback" not in actions and "utter_default" not in actions
    assert final["slots"]["triage_level"] in ("emergency", "urgent", "advice")
    assert (final.get("active_loop") or {}).get("name") is None
    assert texts(reply).strip()
