"""Telegram end to end: real-format updates posted to the running Rasa server's
/webhooks/telegram/webhook, replies read from a fake Bot API on loopback.

The Rasa server must have been started with (scripts/render_credentials.py adds the
channel only when the first three are set):
  TELEGRAM_TOKEN=123456:TEST-TOKEN  TELEGRAM_VERIFY=immuno_test_bot
  TELEGRAM_WEBHOOK_URL=http://127.0.0.1:$RASA_PORT/webhooks/telegram/webhook
  TELEGRAM_API_URL=http://127.0.0.1:$TELEGRAM_FAKE_PORT
and the same TELEGRAM_* variables and TELEGRAM_FAKE_PORT must reach pytest.
"""

from __future__ import annotations

import os
import random
import re
import time
import urllib.error
import urllib.request

import pytest

from immuno.normalize import fold

from .conftest import BUTTONS_PROMPT, rasa_api, tracker_user_texts
from .fake_telegram import FakeTelegramApi

DEFAULT_FAKE_PORT = 8099


def _telegram_env() -> dict:
    names = (
        "TELEGRAM_TOKEN",
        "TELEGRAM_VERIFY",
        "TELEGRAM_WEBHOOK_URL",
        "TELEGRAM_API_URL",
        "TELEGRAM_SECRET_TOKEN",
    )
    env = {name: os.environ.get(name) for name in names}
    missing = [name for name, value in env.items() if not value]
    if missing:
        pytest.skip(
            f"Telegram end-to-end test off: {', '.join(missing)} not set (see the module docstring)"
        )
    return env


@pytest.fixture(scope="module")
def telegram(rasa_url):
    env = _telegram_env()
    port = int(os.environ.get("TELEGRAM_FAKE_PORT", DEFAULT_FAKE_PORT))
    assert env["TELEGRAM_API_URL"].rstrip("/").endswith(f":{port}"), (
        "TELEGRAM_API_URL must point at the fake API (127.0.0.1:$TELEGRAM_FAKE_PORT)"
    )
    try:
        health = urllib.request.urlopen(rasa_url + "/webhooks/telegram/", timeout=10)
    except urllib.error.HTTPError as error:
        pytest.fail(
            f"the Rasa server has no Telegram channel ({error.code}): it was not "
            "started with the TELEGRAM_* variables, or var/credentials.yml is stale"
        )
    assert health.status == 200
    with FakeTelegramApi(port=port, username=env["TELEGRAM_VERIFY"]) as api:
        yield api, env


def _secret_header() -> dict:
    return {"X-Telegram-Bot-Api-Secret-Token": os.environ["TELEGRAM_SECRET_TOKEN"]}


class Chat:
    def __init__(self, api: FakeTelegramApi, rasa_url: str):
        self.api, self.rasa_url = api, rasa_url
        self.chat_id = random.randint(10**8, 10**9)
        self.update_id = random.randint(10**6, 10**7)
        self.user = {
            "id": self.chat_id,
            "is_bot": False,
            "first_name": "Patient",
            "language_code": "fr",
        }
        self.chat = {"id": self.chat_id, "type": "private", "first_name": "Patient"}

    def _post(self, update: dict) -> str:
        self.update_id += 1
        update = {"update_id": self.update_id, **update}
        return rasa_api(
            self.rasa_url, "/webhooks/telegram/webhook", "POST", update, headers=_secret_header()
        )

    def _replies_after(self, before: int, quiet: float = 1.0, timeout: float = 20):
        """sendMessage calls to this chat after `before`, once none came for `quiet` s."""
        deadline, last_count, stable = time.monotonic() + timeout, -1, time.monotonic()
        while time.monotonic() < deadline:
            calls = self.api.calls("sendMessage", self.chat_id)[before:]
            if len(calls) != last_count:
                last_count, stable = len(calls), time.monotonic()
            elif calls and time.monotonic() - stable >= quiet:
                return calls
            time.sleep(0.1)
        return self.api.calls("sendMessage", self.chat_id)[before:]

    def say(self, text: str):
        before = len(self.api.calls("sendMessage", self.chat_id))
        answer = self._post(
            {
                "message": {
                    "message_id": random.randint(1, 10**6),
                    "date": int(time.time()),
                    "chat": self.chat,
                    "from": self.user,
                    "text": text,
                }
            }
        )
        assert answer == "success", answer
        return self._replies_after(before)

    def press(self, button: dict, message_text: str = ""):
        before = len(self.api.calls("sendMessage", self.chat_id))
        answer = self._post(
            {
                "callback_query": {
                    "id": str(random.randint(10**9, 10**10)),
                    "from": self.user,
                    "chat_instance": str(self.chat_id),
                    "data": button["callback_data"],
                    "message": {
                        "message_id": random.randint(1, 10**6),
                        "date": int(time.time()),
                        "chat": self.chat,
                        "text": message_text,
                    },
                }
            }
        )
        assert answer == "success", answer
        return self._replies_after(before)


def _text(calls) -> str:
    return "\n".join(c.params.get("text", "") for c in calls)


def test_set_webhook_route_registers_the_public_url(telegram, rasa_url):
    api, env = telegram
    api.clear()
    assert "successful" in rasa_api(
        rasa_url, "/webhooks/telegram/set_webhook", headers=_secret_header()
    )
    calls = api.calls("setWebhook")
    assert calls and calls[-1].params["url"] == env["TELEGRAM_WEBHOOK_URL"]
    assert calls[-1].token == env["TELEGRAM_TOKEN"]
    # Telegram will send this secret back with every update.
    assert calls[-1].params["secret_token"] == env["TELEGRAM_SECRET_TOKEN"]


def test_replies_arrive_as_text_and_quick_replies_as_inline_keyboard(telegram, rasa_url):
    api, env = telegram
    chat = Chat(api, rasa_url)
    replies = chat.say("bonjour")
    assert replies, "no sendMessage reached the fake Bot API"
    assert all(c.token == env["TELEGRAM_TOKEN"] for c in replies)
    assert "15" in _text(replies)
    replies = chat.say(BUTTONS_PROMPT)
    keyboards = [c for c in replies if c.buttons]
    assert keyboards, "quick replies did not arrive as a keyboard"
    for button in keyboards[-1].buttons:
        assert button["text"] and button["callback_data"]
    # the getMe check of the connector (verify = bot username) was exercised
    assert api.calls("getMe")


def test_pressing_a_quick_reply_sends_its_payload(telegram, rasa_url):
    api, _ = telegram
    chat = Chat(api, rasa_url)
    replies = chat.say(BUTTONS_PROMPT)
    message = [c for c in replies if c.buttons][-1]
    button = message.buttons[0]
    answers = chat.press(button, message.params.get("text", ""))
    assert answers, "no reply to the pressed button"
    assert button["callback_data"] in tracker_user_texts(rasa_url, str(chat.chat_id))


def test_drug_question_and_emergency(telegram, rasa_url):
    api, _ = telegram
    chat = Chat(api, rasa_url)
    reply = fold(_text(chat.say("c'est quoi le keytruda")))
    assert "pd-1" in reply or "poumon" in reply, reply
    reply = _text(chat.say("douleur dans la poitrine"))
    assert re.search(r"\b15\b", reply), reply
