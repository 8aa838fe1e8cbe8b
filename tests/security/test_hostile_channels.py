"""Item 7: the hostile texts of tests/prod/hostile_inputs.py (sent there over REST) sent
over socket.io and Telegram: each gets a polite reply, and the server keeps serving."""

from __future__ import annotations

import asyncio
import random

from hostile_inputs import TEXTS
from httpclient import post
from secstack import BASE, Widget, telegram_update, var_secret
from test_channels import telegram_post, telegram_replies

NON_TEXT = {
    "number": 42,
    "null": None,
    "object": {"text": "bonjour"},
    "list": ["bonjour"],
    "lone_surrogate": "a\ud800b",
}


def test_hostile_texts_over_socketio(served):
    async def run():
        failures = []
        widget = await Widget().connect()
        for name, text in {**TEXTS, **NON_TEXT}.items():
            if name == "lone_surrogate_escape":
                continue
            if not widget.sio.connected:
                widget = await Widget().connect()
            before = len(widget.messages)
            await widget.say(text)
            replies = await widget.replies(before, quiet=0.8, timeout=20)
            if not any(m.get("text") or m.get("quick_replies") for m in replies):
                failures.append(name)
        await widget.close()
        return failures

    assert asyncio.run(run()) == []
    assert post(f"{BASE}/webhooks/rest/conversations", {})[0] == 201


def test_hostile_texts_over_telegram(served, telegram_api):
    secret = var_secret("telegram-secret-token")
    failures = []
    for name, text in {**TEXTS, "lone_surrogate": "a\ud800b"}.items():
        if text is None:
            continue
        chat_id = random.randint(10**8, 10**9)
        status, _, _ = telegram_post(telegram_update(chat_id, text), secret)
        replies = asyncio.run(telegram_replies(telegram_api, chat_id, 0))
        if status != 200 or not replies:
            failures.append((name, status, len(replies)))
    assert failures == []
    for name, text in NON_TEXT.items():
        status, _, _ = telegram_post(telegram_update(random.randint(10**8, 10**9), text), secret)
        assert status < 500, (name, status)
