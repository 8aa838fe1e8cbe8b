"""Item 5: nothing personal in logs or readable files; telemetry off; no `rasa:` channel;
"/intent" payloads only from the bot's buttons; the purge is scheduled."""

from __future__ import annotations

import json
import random
import re
import stat
import subprocess
import time

import yaml

from httpclient import new_sender, post, say, sender, texts, tracker
from secstack import (
    BASE,
    PII_MAIL,
    PII_NAME,
    PII_PHONE,
    ROOT,
    RUN_DIR,
    log_text,
    telegram_update,
    var_secret,
)
from test_channels import telegram_post, telegram_replies


def test_no_text_id_or_phone_in_any_log_line_at_debug(served, telegram_api):
    import asyncio

    texts_sent = [
        f"Je suis {PII_NAME}, mon numéro est le {PII_PHONE}, j'ai de la fièvre",
        f"/{PII_NAME} {PII_PHONE}",  # Rasa copies "/..." into a warning
        f'/report_emergency{{"symptom": "{PII_MAIL}"}}',
        f"écrivez-moi à {PII_MAIL} zorglubifié",
    ]
    ids = []
    for index, text in enumerate(texts_sent):
        say(BASE, f"pii-{index}", text)
        ids.append(sender(BASE, f"pii-{index}"))
    chat_id = random.randint(10**8, 10**9)
    telegram_post(
        telegram_update(chat_id, f"{PII_NAME} {PII_PHONE}"), var_secret("telegram-secret-token")
    )
    asyncio.run(telegram_replies(telegram_api, chat_id, 0))
    time.sleep(1)
    logs = log_text()
    assert re.search(r"\bDEBUG\b", logs)  # the check below means something
    needles = [
        PII_NAME,
        "Quibbleworth",
        PII_PHONE,
        PII_PHONE.replace(" ", ""),
        PII_MAIL,
        "zorglubifié",
        "mon numéro",
        str(chat_id),
        *ids,
    ]
    found = [n for n in needles if n in logs]
    assert found == []


def test_red_flag_log_line_lists_no_symptoms(served):
    say(BASE, "red-flag-1", "j'ai mal dans la poitrine")
    time.sleep(0.5)
    lines = [line for line in log_text().splitlines() if "Red flag" in line]
    assert lines and not any("[" in line.split("Red flag", 1)[1] for line in lines), lines


def test_files_under_var_are_private(served):
    say(BASE, "files-1", "j'ai 39 de fièvre")
    paths = [
        RUN_DIR / "tracker.db",
        ROOT / "var" / "api-token",
        ROOT / "var" / "action-server-token",
        ROOT / "var" / "conversation-id-secret",
        ROOT / "var" / "telegram-secret-token",
    ]
    audit = RUN_DIR / "audit.jsonl"
    if audit.exists():
        paths.append(audit)
    for path in paths:
        assert path.exists(), path
        assert stat.S_IMODE(path.stat().st_mode) & 0o077 == 0, (path, oct(path.stat().st_mode))


def test_telemetry_is_off_in_every_process(served):
    pids = subprocess.run(
        ["pgrep", "-f", "(rasa_addons.server|actions.server)"], capture_output=True, text=True
    ).stdout.split()
    ours = []
    for pid in pids:
        try:
            environ = open(f"/proc/{pid}/environ", "rb").read().split(b"\0")
            cmdline = open(f"/proc/{pid}/cmdline", "rb").read()
        except OSError:
            continue
        if b"5710" in cmdline or b"5760" in cmdline:
            ours.append(pid)
            assert b"RASA_TELEMETRY_ENABLED=false" in environ, pid
    assert len(ours) >= 2
    assert "RASA_TELEMETRY_ENABLED=false" in (ROOT / "scripts" / "serve.sh").read_text()


def test_the_unused_rasa_channel_is_gone(served):
    channels = yaml.safe_load((ROOT / "credentials.yml").read_text()) or {}
    assert "rasa" not in channels
    assert post(f"{BASE}/webhooks/rasa/", method="GET", content_type=None)[0] == 404


def test_intent_payloads_only_from_the_bots_buttons(served, token):
    # Typed by the client: not an intent, not a restart, no slot set.
    label = "slash-1"
    say(BASE, label, "bonjour")
    say(BASE, label, '/report_emergency{"triage_level": "emergency"}')
    track = tracker(BASE, label, token)
    # Rasa would have set intent and entities from the text itself, skipping the NLU.
    assert track["latest_message"]["text"].startswith("report_emergency")
    assert (
        track["latest_message"]["intent"].get("confidence", 1.0) < 1.0
        or track["latest_message"]["intent"]["name"] != "report_emergency"
    )
    say(BASE, label, "/restart")
    events = [e["event"] for e in tracker(BASE, label, token)["events"]]
    assert "restart" not in events
    # A button the bot sent (utter_emergency's "C'est pris en charge", a domain
    # response): taken as the intent it names.
    label = "slash-2"
    reply = say(BASE, label, "j'ai mal dans la poitrine")
    payloads = [
        b["payload"] for m in reply for b in m.get("buttons") or [] if b["payload"].startswith("/")
    ]
    assert payloads == ["/emergency_handled"], texts(reply)
    say(BASE, label, payloads[0])
    latest = tracker(BASE, label, token)["latest_message"]
    assert latest["intent"]["name"] == "emergency_handled" and latest["text"] == payloads[0]


def test_make_run_schedules_the_purge(served):
    assert re.search(r"purge: deleted \d+ conversation", log_text())
    makefile = (ROOT / "Makefile").read_text()
    assert "scripts/serve.sh" in makefile
    assert "purge_after_days" in (ROOT / "settings" / "security.yml").read_text()


def test_new_conversation_ids_are_not_logged(served):
    conversation = new_sender(BASE)
    post(f"{BASE}/webhooks/rest/webhook", {"sender": conversation, "message": "merci"})
    time.sleep(0.5)
    assert conversation not in log_text()
    assert json.dumps(conversation)[1:-1] not in log_text()
