"""What every channel checks before a message reaches the assistant (plain Python, no Rasa).

* `Settings`: the limits and the French refusals of settings/security.yml (one file, one
  message-length limit for every channel).
* `clean_text`: NUL, other control characters and lone surrogates removed.
* `ConversationIds`: conversation ids issued by the server, signed with HMAC-SHA256; a
  client-made id does not verify. Idle expiry is checked against the tracker's last
  event (rasa_addons/server.py).
* `RateLimiter`: token buckets per key (conversation, client address).
* `secret()`: re-exported from immuno/secret_file.py.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import os
import re
import secrets
import threading
import time
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Dict, Mapping, Optional, Tuple

import yaml

from immuno.paths import ROOT
from immuno.secret_file import secret  # noqa: F401  (guard.secret for the channels)

DEFAULT_SETTINGS = ROOT / "settings" / "security.yml"

# Largest request body accepted by the Rasa server, its REST channel and nginx.
REQUEST_MAX_BYTES = int(os.environ.get("REQUEST_MAX_BYTES", "65536"))

# C0/C1 controls except tab and newline, DEL, lone surrogates, BOM / zero-width no-break.
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff\ufeff]")


def clean_text(text: str) -> str:
    return _CONTROL.sub(" ", text).strip()


@dataclass(frozen=True)
class Bucket:
    burst: float
    per_second: float


@dataclass(frozen=True)
class Settings:
    max_message_chars: int
    conversation_idle_seconds: float
    purge_after_days: float
    per_conversation: Bucket
    per_client: Bucket
    new_conversations: Bucket
    messages: Mapping[str, str]

    def message(self, key: str) -> str:
        return " ".join(self.messages[key].split()).format(max_chars=self.max_message_chars)

    @property
    def socketio_buffer_bytes(self) -> int:
        # The same body limit as REST and nginx: a larger socket.io packet is cut by
        # engine.io before it is decoded; a smaller one too long for the assistant gets
        # the French "trop long" reply, as on the other channels.
        return REQUEST_MAX_BYTES


def _bucket(raw: Mapping) -> Bucket:
    return Bucket(float(raw["burst"]), float(raw["per_second"]))


@lru_cache(maxsize=None)
def settings(path: Optional[str] = None) -> Settings:
    file = Path(path or os.environ.get("SECURITY_FILE") or DEFAULT_SETTINGS)
    raw = yaml.safe_load(file.read_text(encoding="utf-8"))
    limits = raw["rate_limits"]
    return Settings(
        max_message_chars=int(raw["max_message_chars"]),
        conversation_idle_seconds=float(raw["conversation_idle_hours"]) * 3600,
        purge_after_days=float(raw["purge_after_days"]),
        per_conversation=_bucket(limits["per_conversation"]),
        per_client=_bucket(limits["per_client_address"]),
        new_conversations=_bucket(limits["new_conversations_per_client_address"]),
        messages=dict(raw["messages"]),
    )


class ConversationIds:
    """Ids of the form c1.<random>.<issued, hex seconds>.<HMAC of the rest>."""

    PREFIX = "c1"
    PATTERN = re.compile(r"^c1\.[A-Za-z0-9_-]{22}\.[0-9a-f]{1,12}\.[A-Za-z0-9_-]{32}$")

    def __init__(self, key: str) -> None:
        self._key = key.encode("utf-8")

    def _sign(self, body: str) -> str:
        digest = hmac.new(self._key, body.encode("ascii"), hashlib.sha256).digest()
        return base64.urlsafe_b64encode(digest).decode("ascii")[:32]

    def issue(self, now: Optional[float] = None) -> str:
        body = f"{self.PREFIX}.{secrets.token_urlsafe(16)}.{int(now or time.time()):x}"
        return f"{body}.{self._sign(body)}"

    def issued_at(self, conversation_id: object) -> Optional[float]:
        """Issue time of a genuine id, None for anything the server did not issue."""
        if not isinstance(conversation_id, str) or not self.PATTERN.match(conversation_id):
            return None
        body, signature = conversation_id.rsplit(".", 1)
        if not hmac.compare_digest(self._sign(body), signature):
            return None
        return float(int(body.rsplit(".", 1)[1], 16))


@lru_cache(maxsize=None)
def conversation_ids() -> ConversationIds:
    return ConversationIds(secret("CONVERSATION_ID_SECRET", "conversation-id-secret"))


class Refused(Exception):
    """The message is answered with `text` without reaching the assistant."""

    def __init__(self, key: str) -> None:
        super().__init__(key)
        self.key = key
        self.text = settings().message(key)


class ConversationExpired(Refused):
    def __init__(self) -> None:
        super().__init__("expired")


class InvalidConversation(Refused):
    def __init__(self) -> None:
        super().__init__("invalid_conversation")


def is_signed_channel(input_channel: Optional[str]) -> bool:
    """Channels whose conversation ids the server issues (Telegram's come from Telegram)."""
    return input_channel in ("rest", "socketio")


class RateLimiter:
    """Token buckets per key; forgets keys idle long enough to be full again."""

    def __init__(self, bucket: Bucket, max_keys: int = 100_000) -> None:
        self.bucket, self.max_keys = bucket, max_keys
        self._state: Dict[str, Tuple[float, float]] = {}
        self._lock = threading.Lock()

    def allow(self, key: str, now: Optional[float] = None) -> bool:
        now = time.monotonic() if now is None else now
        with self._lock:
            tokens, last = self._state.get(key, (self.bucket.burst, now))
            tokens = min(self.bucket.burst, tokens + (now - last) * self.bucket.per_second)
            allowed = tokens >= 1
            self._state[key] = (tokens - 1 if allowed else tokens, now)
            if len(self._state) > self.max_keys:
                self._forget(now)
            return allowed

    def _forget(self, now: float) -> None:
        full_after = self.bucket.burst / max(self.bucket.per_second, 1e-6)
        self._state = {k: v for k, v in self._state.items() if now - v[1] < full_after}


@lru_cache(maxsize=None)
def limiters() -> Dict[str, RateLimiter]:
    s = settings()
    return {
        "conversation": RateLimiter(s.per_conversation),
        "client": RateLimiter(s.per_client),
        "new": RateLimiter(s.new_conversations),
    }


def allow_message(conversation_id: str, client: str) -> bool:
    # Both buckets are always charged: a flood from one address across many
    # conversations and a flood of one conversation are each stopped.
    per_conversation = limiters()["conversation"].allow(conversation_id)
    per_client = limiters()["client"].allow(client)
    return per_conversation and per_client


def allow_new_conversation(client: str) -> bool:
    return limiters()["new"].allow(client)
