"""Constants and clients of the security tests' assistant (see conftest.py)."""

from __future__ import annotations

import asyncio
import json
import random
import time
from typing import Any, Dict, List, Optional

import socketio

from immuno.paths import ROOT

RUN_DIR = ROOT / "results" / "security"
RASA_PORT, ACTIONS_PORT, WEB_PORT, TELEGRAM_FAKE_PORT = 5710, 5760, 5790, 5795
BASE = f"http://127.0.0.1:{RASA_PORT}"
ACTIONS = f"http://127.0.0.1:{ACTIONS_PORT}"
WEB = f"http://127.0.0.1:{WEB_PORT}"
ORIGIN = "https://chat.hopital.example"
TELEGRAM_BOT = "immuno_security_bot"
# A name, a phone number and an e-mail address that must never reach a log.
PII_NAME = "Eulalie Quibbleworth"
PII_PHONE = "06 12 98 76 54"
PII_MAIL = "eulalie.q@example.org"


def stack_env() -> Dict[str, str]:
    return {
        "RASA_PORT": str(RASA_PORT),
        "ACTIONS_PORT": str(ACTIONS_PORT),
        "WEB_PORT": str(WEB_PORT),
        "CORS_ORIGINS": ORIGIN,
        "LOG_LEVEL": "DEBUG",
        "TRACKER_DB": str(RUN_DIR / "tracker.db"),
        "AUDIT_FILE": str(RUN_DIR / "audit.jsonl"),
        "TELEGRAM_TOKEN": "654321:SECURITY-TEST",
        "TELEGRAM_VERIFY": TELEGRAM_BOT,
        "TELEGRAM_WEBHOOK_URL": f"{BASE}/webhooks/telegram/webhook",
        "TELEGRAM_API_URL": f"http://127.0.0.1:{TELEGRAM_FAKE_PORT}",
    }


def var_secret(name: str) -> str:
    return (ROOT / "var" / name).read_text().strip()


def log_text() -> str:
    return (RUN_DIR / "serve.log").read_text(encoding="utf-8", errors="replace")


# -- socket.io ---------------------------------------------------------------------------
class Widget:
    """A socket.io client that speaks like web/widget/immuno-chat.js."""

    def __init__(self, origin: Optional[str] = ORIGIN) -> None:
        self.sio = socketio.AsyncClient(reconnection=False)
        self.origin = origin
        self.session_id: Optional[str] = None
        self.messages: List[Dict[str, Any]] = []
        self._confirmed = asyncio.Event()
        self.sio.on("session_confirm", self._on_confirm)
        self.sio.on("bot_uttered", self._on_bot)

    async def _on_confirm(self, session_id: str) -> None:
        self.session_id = session_id
        self._confirmed.set()

    async def _on_bot(self, message: Dict[str, Any]) -> None:
        message = dict(message, at=time.monotonic())
        self.messages.append(message)

    async def connect(self, session_id: Optional[str] = None) -> "Widget":
        headers = {"Origin": self.origin} if self.origin else {}
        # polling: the websocket transport of the python client needs a newer aiohttp
        await self.sio.connect(
            BASE,
            headers=headers,
            transports=["polling"],
            socketio_path="/socket.io",
            wait_timeout=10,
        )
        self._confirmed.clear()
        await self.sio.emit("session_request", {"session_id": session_id})
        await asyncio.wait_for(self._confirmed.wait(), 10)
        return self

    async def say(self, text: Any, session_id: Optional[str] = None) -> None:
        await self.sio.emit(
            "user_uttered", {"message": text, "session_id": session_id or self.session_id}
        )

    async def replies(
        self, after: int = 0, quiet: float = 1.5, timeout: float = 30
    ) -> List[Dict[str, Any]]:
        deadline, count, stable = time.monotonic() + timeout, -1, time.monotonic()
        while time.monotonic() < deadline:
            if len(self.messages) != count:
                count, stable = len(self.messages), time.monotonic()
            elif count > after and time.monotonic() - stable >= quiet:
                break
            await asyncio.sleep(0.05)
        return self.messages[after:]

    async def close(self) -> None:
        # The server is told (socket.io then engine.io close packets); the long-poll the
        # polling transport holds open is not awaited (it would end at the next ping, 25 s).
        if self.sio.connected:
            for namespace in list(self.sio.namespaces):
                await self.sio._send_packet(
                    self.sio.packet_class(socketio.packet.DISCONNECT, namespace=namespace)
                )
            await self.sio.eio.disconnect(abort=True)


# -- Telegram ----------------------------------------------------------------------------
def telegram_update(chat_id: int, text: Any) -> bytes:
    user = {"id": chat_id, "is_bot": False, "first_name": "Patient", "language_code": "fr"}
    chat = {"id": chat_id, "type": "private", "first_name": "Patient"}
    return json.dumps(
        {
            "update_id": random.randint(10**6, 10**7),
            "message": {
                "message_id": random.randint(1, 10**6),
                "date": int(time.time()),
                "chat": chat,
                "from": user,
                "text": text,
            },
        }
    ).encode()
