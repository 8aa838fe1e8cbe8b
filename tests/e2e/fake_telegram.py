"""A fake Telegram Bot API on loopback, for the Telegram end-to-end test.

It answers the methods Rasa's Telegram connector uses (getMe, setWebhook, sendMessage,
answerCallbackQuery, ...) the way api.telegram.org does ({"ok": true, "result": ...})
and records every call, so a test can assert what the bot sent.

    with FakeTelegramApi(port=8099, username="immuno_test_bot") as api:
        ...  # Rasa started with TELEGRAM_API_URL=http://127.0.0.1:8099
        api.calls("sendMessage")
"""

from __future__ import annotations

import asyncio
import json
import threading
import time
from dataclasses import dataclass, field
from typing import Any, Dict, List, Optional

from aiohttp import web


@dataclass
class Call:
    method: str
    token: str
    params: Dict[str, Any]
    at: float = field(default_factory=time.monotonic)

    @property
    def reply_markup(self) -> Optional[dict]:
        markup = self.params.get("reply_markup")
        if isinstance(markup, str):
            markup = json.loads(markup)
        return markup

    @property
    def buttons(self) -> List[dict]:
        markup = self.reply_markup or {}
        rows = markup.get("inline_keyboard") or markup.get("keyboard") or []
        return [button for row in rows for button in row]


class FakeTelegramApi:
    def __init__(self, port: int, username: str, host: str = "127.0.0.1"):
        self.host, self.port, self.username = host, port, username
        self._calls: List[Call] = []
        self._lock = threading.Lock()
        self._next_message_id = 1000
        self._loop: Optional[asyncio.AbstractEventLoop] = None
        self._thread: Optional[threading.Thread] = None
        self._runner: Optional[web.AppRunner] = None
        self._ready = threading.Event()
        self._error: Optional[BaseException] = None

    # -- recording --------------------------------------------------------------
    def calls(self, method: Optional[str] = None, chat_id: Any = None) -> List[Call]:
        with self._lock:
            calls = list(self._calls)
        if method:
            calls = [c for c in calls if c.method.lower() == method.lower()]
        if chat_id is not None:
            calls = [c for c in calls if str(c.params.get("chat_id")) == str(chat_id)]
        return calls

    def clear(self) -> None:
        with self._lock:
            self._calls.clear()

    @property
    def url(self) -> str:
        return f"http://{self.host}:{self.port}"

    # -- the API ----------------------------------------------------------------
    async def _handle(self, request: web.Request) -> web.Response:
        token, method = request.match_info["token"], request.match_info["method"]
        params: Dict[str, Any] = dict(request.query)
        if request.can_read_body:
            if request.content_type == "application/json":
                params.update(await request.json())
            else:
                params.update(
                    {k: v for k, v in (await request.post()).items() if isinstance(v, str)}
                )
        with self._lock:
            self._calls.append(Call(method, token, params))
        return web.json_response({"ok": True, "result": self._result(method, params)})

    def _result(self, method: str, params: Dict[str, Any]) -> Any:
        name = method.lower()
        if name == "getme":
            return {
                "id": 4242,
                "is_bot": True,
                "first_name": "Immuno test",
                "username": self.username,
                "can_join_groups": False,
                "can_read_all_group_messages": False,
                "supports_inline_queries": False,
            }
        if name in ("sendmessage", "editmessagetext", "sendphoto"):
            self._next_message_id += 1
            chat_id = params.get("chat_id")
            return {
                "message_id": self._next_message_id,
                "date": int(time.time()),
                "chat": {
                    "id": int(chat_id) if str(chat_id).lstrip("-").isdigit() else chat_id,
                    "type": "private",
                },
                "from": {
                    "id": 4242,
                    "is_bot": True,
                    "first_name": "Immuno test",
                    "username": self.username,
                },
                "text": params.get("text", ""),
            }
        if name == "getwebhookinfo":
            return {"url": "", "has_custom_certificate": False, "pending_update_count": 0}
        return True  # setWebhook, deleteWebhook, answerCallbackQuery, sendChatAction ...

    # -- lifecycle --------------------------------------------------------------
    def _serve(self) -> None:
        self._loop = asyncio.new_event_loop()
        asyncio.set_event_loop(self._loop)
        app = web.Application()
        app.router.add_route("*", "/bot{token}/{method}", self._handle)
        self._runner = web.AppRunner(app, access_log=None)
        try:
            self._loop.run_until_complete(self._runner.setup())
            site = web.TCPSite(self._runner, self.host, self.port)
            self._loop.run_until_complete(site.start())
        except BaseException as error:  # port in use ...
            self._error = error
            self._ready.set()
            return
        self._ready.set()
        self._loop.run_forever()
        self._loop.run_until_complete(self._runner.cleanup())
        self._loop.close()

    def start(self) -> "FakeTelegramApi":
        self._thread = threading.Thread(target=self._serve, name="fake-telegram", daemon=True)
        self._thread.start()
        self._ready.wait(10)
        if self._error:
            raise RuntimeError(f"fake Telegram API cannot listen on {self.url}: {self._error}")
        return self

    def stop(self) -> None:
        if self._loop and self._loop.is_running():
            self._loop.call_soon_threadsafe(self._loop.stop)
        if self._thread:
            self._thread.join(10)

    def __enter__(self) -> "FakeTelegramApi":
        return self.start()

    def __exit__(self, *exc) -> None:
        self.stop()
