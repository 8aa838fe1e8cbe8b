"""Items 1 and 3 on every channel: one message-length limit with a French reply, NUL and
lone surrogates stripped, socket.io's Origin and sessions, Telegram's secret header."""

from __future__ import annotations

import asyncio
import json
import random

import pytest
import socketio

from rasa_addons.guard import settings
from httpclient import new_sender, post, texts, tracker, user_texts
from secstack import BASE, ROOT, Widget, telegram_update, var_secret

LIMIT = settings().max_message_chars
TOO_LONG = "Votre message est trop long"
TELEGRAM = f"{BASE}/webhooks/telegram/webhook"


def telegram_post(update: bytes, secret: str = None):
    headers = {"X-Telegram-Bot-Api-Secret-Token": secret} if secret else {}
    return post(TELEGRAM, body=update, headers=headers)


async def telegram_replies(api, chat_id, before, timeout=20):
    for _ in range(int(timeout / 0.1)):
        calls = api.calls("sendMessage", chat_id)[before:]
        if calls:
            await asyncio.sleep(0.5)
            return api.calls("sendMessage", chat_id)[before:]
        await asyncio.sleep(0.1)
    return []


def test_the_limit_is_the_widgets_own_maximum():
    widget = (ROOT / "web" / "widget" / "immuno-chat.js").read_text()
    assert f'maxlength: "{LIMIT}"' in widget and LIMIT == 1000


# -- REST --------------------------------------------------------------------------------
def test_rest_message_over_the_limit_gets_the_french_reply_and_skips_the_nlu(served, token):
    sender = new_sender(BASE)
    status, _, body = post(
        f"{BASE}/webhooks/rest/webhook", {"sender": sender, "message": "fatigue " * 126}
    )  # 1008 chars
    assert status == 200
    assert TOO_LONG in texts(json.loads(body)) and "15" in texts(json.loads(body))
    assert user_texts(tracker(BASE, sender, token)) == []
    status, _, body = post(
        f"{BASE}/webhooks/rest/webhook",
        {"sender": sender, "message": "a" * (LIMIT - 8) + " fatigue"},
    )
    assert status == 200 and TOO_LONG not in texts(json.loads(body))


def test_rest_nul_and_lone_surrogates_are_removed(served, token):
    sender = new_sender(BASE)
    body = json.dumps({"sender": sender, "message": "bon\x00jour \ud800 merci"}).encode()
    status, _, reply = post(f"{BASE}/webhooks/rest/webhook", body=body)
    assert status == 200, reply[:200]
    stored = user_texts(tracker(BASE, sender, token))
    assert stored and "\x00" not in stored[0] and "\ud800" not in stored[0]


# -- socket.io ---------------------------------------------------------------------------
async def _connect(origin):
    widget = Widget(origin)
    try:
        await widget.connect()
        return widget
    except (socketio.exceptions.ConnectionError, asyncio.TimeoutError):
        await widget.close()
        return None


def test_socketio_checks_the_origin(served):
    async def run():
        for origin in ("https://evil.example", "null", "https://chat.hopital.example.evil"):
            assert await _connect(origin) is None, origin
        widget = await _connect("https://chat.hopital.example")
        assert widget is not None
        await widget.close()

    asyncio.run(run())


def test_socketio_session_ids_are_the_servers(served, token):
    async def run():
        victim = await Widget().connect()
        await victim.say("bonjour")
        await victim.replies()
        # An attacker who names ids it did not get from the server gets a fresh one.
        for guess in ("victim", "1", victim.session_id + "x"):
            attacker = await Widget().connect(guess)
            assert attacker.session_id not in (guess, victim.session_id)
            # ... and a message "for" the victim's session goes to its own session.
            await attacker.say("j'ai de la fièvre", session_id=victim.session_id)
            await attacker.replies()
            await attacker.close()
        # The victim's reload (same tab, same signed id) keeps the conversation.
        reloaded = await Widget().connect(victim.session_id)
        assert reloaded.session_id == victim.session_id
        await reloaded.close()
        await victim.close()
        return victim.session_id

    victim_id = asyncio.run(run())
    assert user_texts(tracker(BASE, victim_id, token)) == ["bonjour"]


def test_socketio_long_messages(served, token):
    async def run():
        widget = await Widget().connect()
        await widget.say("fatigue " * 200)  # 1,600 characters: the French reply
        replies = await widget.replies()
        assert any(TOO_LONG in (m.get("text") or "") for m in replies), replies
        # 100,000 characters: engine.io refuses the packet undecoded (a websocket is
        # closed, a polling POST gets 413): no reply, nothing stored.
        before = len(widget.messages)
        await widget.say("douleur " * 12_500)
        await asyncio.sleep(3)
        late = widget.messages[before:]
        await widget.close()
        return late, widget.session_id

    late, session_id = asyncio.run(run())
    assert late == []
    assert not any(
        "douleur douleur" in (t or "") for t in user_texts(tracker(BASE, session_id, token))
    )
    status, _, _ = post(f"{BASE}/webhooks/rest/conversations", {})
    assert status == 201  # still up


# -- Telegram ----------------------------------------------------------------------------
def test_telegram_update_without_the_secret_header_is_refused(served, telegram_api):
    chat_id = random.randint(10**8, 10**9)
    for secret in (None, "wrong"):
        status, _, _ = telegram_post(telegram_update(chat_id, "bonjour"), secret)
        assert status == 401
    status, _, _ = post(f"{BASE}/webhooks/telegram/set_webhook", method="GET", content_type=None)
    assert status == 401
    assert asyncio.run(telegram_replies(telegram_api, chat_id, 0, timeout=3)) == []
    status, _, body = telegram_post(
        telegram_update(chat_id, "bonjour"), var_secret("telegram-secret-token")
    )
    assert status == 200 and body == b"success"
    assert asyncio.run(telegram_replies(telegram_api, chat_id, 0))


def test_telegram_long_message_gets_the_french_reply(served, telegram_api):
    chat_id = random.randint(10**8, 10**9)
    status, _, _ = telegram_post(
        telegram_update(chat_id, "fatigue " * 200), var_secret("telegram-secret-token")
    )
    assert status == 200
    replies = asyncio.run(telegram_replies(telegram_api, chat_id, 0))
    assert any(TOO_LONG in c.params.get("text", "") for c in replies), replies


@pytest.mark.parametrize("body", [b"not json", b"[1, 2]", b'"x"'])
def test_telegram_malformed_updates_get_a_4xx(served, body):
    status, _, _ = telegram_post(body, var_secret("telegram-secret-token"))
    assert status == 400
