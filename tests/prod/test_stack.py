"""Two Rasa replicas + the action server behind nginx, sharing PostgreSQL and Redis:
scale-out, security, bad input, faults. Tests run in file order; faults come last."""

from __future__ import annotations

import asyncio
import json
import re
import subprocess
import time

import aiohttp
import pytest
import redis

from conftest import CORS_ORIGIN, PII_NAME, PII_PHONE, post, say, sender, texts, tracker, user_texts
from hostile_inputs import cases

TURNS = [
    "bonjour",
    "c'est quoi l'immunothérapie",
    "keytruda c pour quel cancer",
    "quels sont les effets secondaires",
    "comment ça marche les anticorps",
    "merci",
    "tu es un robot ?",
    "au revoir",
]


# -- scale-out ----------------------------------------------------------------------------
async def _conversation(session, url, conversation, turns, replies):
    for text in turns:
        async with session.post(
            f"{url}/webhooks/rest/webhook", json={"sender": conversation, "message": text}
        ) as resp:
            body = await resp.json(content_type=None)
            replies.append((resp.status, body))


def test_concurrent_conversations_across_both_replicas(stack):
    access = stack.run_dir / "nginx-access.log"
    start = access.stat().st_size if access.exists() else 0
    conversations = {
        f"scale-{i}": TURNS[i % len(TURNS) :] + TURNS[: i % len(TURNS)] for i in range(24)
    }
    replies = {label: [] for label in conversations}
    ids = {label: sender(stack.url, label) for label in conversations}

    async def run():
        async with aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=120)) as session:
            await asyncio.gather(
                *(
                    _conversation(session, stack.url, ids[s], t, replies[s])
                    for s, t in conversations.items()
                )
            )

    asyncio.run(run())

    for label, sent in conversations.items():
        assert all(status == 200 and body for status, body in replies[label]), replies[label]
        for index in range(len(stack.replica_ports)):  # both replicas see the same tracker
            assert user_texts(tracker(stack.replica_url(index), label, stack.token)) == sent
    lines = access.read_text().splitlines()
    used = {line.split()[-1] for line in lines if "/webhooks/rest/webhook" in line}
    used = {u for u in used if u != "-"}
    assert len(used) == 2, f"nginx used {used}"


def test_same_conversation_hit_concurrently_is_serialised(stack):
    """Several messages of one conversation at once (double click, two tabs): the Redis
    lock store makes the replicas handle them one at a time, none is lost."""
    label = "scale-burst"
    conversation = sender(stack.url, label)
    sent = [f"bonjour {i}" for i in range(8)]
    results = []

    async def run():
        async with aiohttp.ClientSession() as session:

            async def one(text):
                async with session.post(
                    f"{stack.url}/webhooks/rest/webhook",
                    json={"sender": conversation, "message": text},
                ) as resp:
                    results.append(resp.status)

            await asyncio.gather(*(one(t) for t in sent))

    asyncio.run(run())
    assert results == [200] * len(sent)
    stored = user_texts(tracker(stack.replica_url(0), label, stack.token))
    assert sorted(stored) == sorted(sent)
    events = tracker(stack.replica_url(1), label, stack.token)["events"]
    # every user turn is followed by the bot's answer before the next user turn
    kinds = [e["event"] for e in events if e["event"] in ("user", "bot")]
    assert all(
        kinds[i] == "user" and kinds[i + 1] == "bot"
        for i in range(0, len(kinds) - 1)
        if kinds[i] == "user" and i + 1 < len(kinds)
    )


def test_long_conversation_still_reaches_the_actions(stack):
    """Rasa posts the whole tracker to the action endpoint: a long conversation must not
    hit the public body limit at the action gateway."""
    label = "scale-long"
    for turn in range(30):
        reply = texts(say(stack.url, label, TURNS[turn % len(TURNS)]))
        assert "indisponible" not in reply and "pas de réponse" not in reply, (turn, reply)
    events = tracker(stack.replica_url(0), label, stack.token)["events"]
    assert len(json.dumps(events)) > 64 * 1024


# -- security -----------------------------------------------------------------------------
def test_http_api_needs_the_token(stack):
    conversation = sender(stack.url, "scale-0")
    for index in range(2):
        base = stack.replica_url(index)
        status, _, _ = post(
            f"{base}/conversations/{conversation}/tracker", method="GET", content_type=None
        )
        assert status == 401
        status, _, _ = post(
            f"{base}/conversations/{conversation}/tracker?token=wrong",
            method="GET",
            content_type=None,
        )
        assert status == 401
    # nginx exposes the channels only, never the HTTP API
    for path in (
        f"/conversations/{conversation}/tracker?token={stack.token}",
        f"/status?token={stack.token}",
        "/model",
        "/webhook",
        "/actions",
    ):
        status, _, _ = post(stack.url + path, method="GET", content_type=None)
        assert status == 404, path


def test_cors_only_for_configured_origins(stack):
    preflight = {
        "Access-Control-Request-Method": "POST",
        "Access-Control-Request-Headers": "content-type",
    }
    _, headers, _ = post(
        f"{stack.url}/webhooks/rest/webhook",
        method="OPTIONS",
        content_type=None,
        headers={"Origin": CORS_ORIGIN, **preflight},
    )
    assert headers.get("Access-Control-Allow-Origin") == CORS_ORIGIN
    for origin in ("https://evil.example", "null", "https://chat.hopital.example.evil.com"):
        _, headers, _ = post(
            f"{stack.url}/webhooks/rest/webhook",
            method="OPTIONS",
            content_type=None,
            headers={"Origin": origin, **preflight},
        )
        assert "Access-Control-Allow-Origin" not in headers, origin
        status, headers, _ = post(
            f"{stack.url}/webhooks/rest/webhook",
            {"sender": sender(stack.url, "cors-1"), "message": "bonjour"},
            headers={"Origin": origin},
        )
        assert "Access-Control-Allow-Origin" not in headers, origin


def test_action_server_is_not_exposed(stack):
    listening = subprocess.run(["ss", "-Hltn"], capture_output=True, text=True).stdout
    for port in (stack.actions_port, stack.gateway_port, *stack.replica_ports):
        addresses = {
            line.split()[3].rsplit(":", 1)[0]
            for line in listening.splitlines()
            if line.split()[3].endswith(f":{port}")
        }
        assert addresses == {"127.0.0.1"}, (port, addresses)


def test_nginx_sends_hsts_and_cuts_a_flood_from_one_address(stack):
    _, headers, _ = post(f"{stack.url}/healthz", method="GET", content_type=None)
    assert "max-age=31536000" in headers.get("Strict-Transport-Security", "")
    statuses = []

    async def flood():
        async with aiohttp.ClientSession(connector=aiohttp.TCPConnector(limit=0)) as session:

            async def one():
                async with session.get(f"{stack.url}/socket.io/?EIO=4&transport=polling") as r:
                    statuses.append(r.status)

            await asyncio.gather(*(one() for _ in range(450)))

    asyncio.run(flood())
    assert 429 in statuses and 200 in statuses, sorted(set(statuses))
    time.sleep(11)  # the address's bucket refills before the next tests
    assert "Bonjour" in texts(say(stack.url, "after-flood", "bonjour"))


def test_no_message_text_name_or_phone_in_logs(stack):
    secret_text = f"Je m'appelle {PII_NAME}, mon numéro est le {PII_PHONE}, j'ai de la fièvre"
    say(stack.url, "pii-1", secret_text)
    say(stack.url, "pii-1", f"{PII_NAME} zorglub")
    say(stack.url, "pii-2", f"keytruda {PII_PHONE}")
    time.sleep(1)
    needles = [
        PII_NAME,
        "Tartempion",
        PII_PHONE,
        PII_PHONE.replace(" ", ""),
        "zorglub",
        "mon numéro",
    ]
    logs = sorted(stack.run_dir.glob("*.log")) + sorted(stack.run_dir.glob("*.jsonl"))
    assert any(p.name.startswith("rasa-") for p in logs)
    for path in logs:
        content = path.read_text(encoding="utf-8", errors="replace")
        for needle in needles:
            assert needle not in content, f"{needle!r} in {path.name}"
    # and the replicas do log at INFO (so the check above means something)
    assert re.search(r"\bINFO\b", (stack.run_dir / "rasa-1.log").read_text())


# -- bad input ----------------------------------------------------------------------------
@pytest.mark.parametrize("target", ["nginx", "replica"])
def test_hostile_inputs_get_a_polite_reply_or_a_clear_4xx(stack, target):
    base = stack.url if target == "nginx" else stack.replica_url(1)
    hostile = cases()
    assert len(hostile) >= 40
    failures = []
    for name, body, content_type in hostile:
        body = body.replace(b"__SENDER__", sender(base, f"hostile-{target}-{name}").encode())
        status, headers, reply = post(
            f"{base}/webhooks/rest/webhook", body=body, content_type=content_type
        )
        if status == 200:
            messages = json.loads(reply)
            if not (
                isinstance(messages, list)
                and messages
                and all(m.get("text") or m.get("buttons") for m in messages)
            ):
                failures.append((name, status, reply[:200]))
        elif 400 <= status < 500:
            if status != 413 or target == "replica":  # nginx's own 413 page is HTML
                error = json.loads(reply)
                if not error.get("message"):
                    failures.append((name, status, reply[:200]))
        else:
            failures.append((name, status, reply[:200]))
    assert not failures, failures
    for index in range(2):
        assert stack.replica_ready(index)
    assert "Bonjour" in texts(say(base, f"after-hostile-{target}", "bonjour"))


def test_hostile_inputs_leave_no_broken_tracker(stack):
    track = tracker(stack.replica_url(0), "hostile-nginx-text_control_chars", stack.token)
    assert "\x00" not in json.dumps(track) and user_texts(track)
    # the client cannot pick the channel name recorded in the tracker
    track = tracker(stack.replica_url(0), "hostile-nginx-input_channel_spoof", stack.token)
    assert track["latest_input_channel"] == "rest"


# -- faults (last: they stop and restart parts of the stack) -------------------------------
def test_action_server_down_then_back(stack):
    stack.stop("actions")
    emergency = texts(say(stack.url, "fault-actions-1", "douleur dans la poitrine"))
    assert "15" in emergency.split("\n")[0], emergency
    knowledge = texts(say(stack.url, "fault-actions-2", "keytruda c pour quel cancer"))
    assert "momentanément indisponible" in knowledge, knowledge
    stack.start_actions()
    stack.wait_actions()
    back = texts(say(stack.url, "fault-actions-3", "keytruda c pour quel cancer"))
    assert "indisponible" not in back and "poumon" in back.lower(), back


def test_postgresql_restart_loses_no_conversation(stack, private_pg):
    label = "fault-pg-1"
    say(stack.url, label, "bonjour")
    say(stack.url, label, "j'ai la diarrhée")
    before = tracker(stack.replica_url(0), label, stack.token)
    private_pg.restart()
    # the first turns after the restart, on both replicas (stale pooled connections)
    for index in range(2):
        reply = say(stack.replica_url(index), f"fault-pg-after-{index}", "bonjour")
        assert "Bonjour" in texts(reply)
    reply = say(stack.url, label, "moins de 4")
    assert texts(reply).strip()
    after = tracker(stack.replica_url(1), label, stack.token)
    assert after["events"][: len(before["events"])] == before["events"]
    assert user_texts(after) == ["bonjour", "j'ai la diarrhée", "moins de 4"]


def test_postgresql_down_is_a_clear_error(stack, private_pg):
    private_pg.stop()
    try:
        status, _, body = post(
            f"{stack.url}/webhooks/rest/webhook",
            {"sender": sender(stack.url, "fault-pgdown-1"), "message": "bonjour"},
        )
        assert status == 503, (status, body[:200])
        assert "indisponible" in json.loads(body)["message"]
    finally:
        private_pg.start()
    assert "Bonjour" in texts(say(stack.url, "fault-pgdown-1", "bonjour"))
    assert user_texts(tracker(stack.replica_url(0), "fault-pgdown-1", stack.token)) == ["bonjour"]


def test_redis_down_is_a_clear_error_without_corruption(stack, private_redis):
    label = "fault-redis-1"
    say(stack.url, label, "bonjour")
    before = tracker(stack.replica_url(0), label, stack.token)
    private_redis.stop()
    try:
        for _ in range(2):
            status, _, body = post(
                f"{stack.url}/webhooks/rest/webhook",
                {"sender": sender(stack.url, label), "message": "keytruda c pour quel cancer"},
            )
            assert status == 503, (status, body[:200])
            assert "indisponible" in json.loads(body)["message"]
        # nothing was written for the refused turns
        assert tracker(stack.replica_url(1), label, stack.token)["events"] == before["events"]
    finally:
        private_redis.start()
    reply = say(stack.url, label, "keytruda c pour quel cancer")
    assert "poumon" in texts(reply).lower()
    assert user_texts(tracker(stack.replica_url(0), label, stack.token)) == [
        "bonjour",
        "keytruda c pour quel cancer",
    ]
    assert redis.Redis(port=private_redis.port).ping()


def test_one_replica_down_nginx_keeps_serving(stack):
    stack.stop("rasa-1")
    for i in range(4):
        assert "Bonjour" in texts(say(stack.url, f"fault-replica-{i}", "bonjour"))
