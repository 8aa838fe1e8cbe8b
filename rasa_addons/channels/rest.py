"""REST channel for production: Rasa's `rest` channel with the input checked at the door.

Same URL (`/webhooks/rest/webhook`), same request (`{"sender": ..., "message": ...}`) and
same reply (a JSON list of bot messages) as Rasa's RestInput, but:

* the conversation id (`sender`) must have been issued by the server:
  `POST /webhooks/rest/conversations` returns `{"sender": "<signed id>", ...}`; any other
  sender gets 403 (invalid_sender), an id idle for longer than settings/security.yml's
  conversation_idle_hours gets 410 (conversation_expired), both with a French message;
* more messages than the rate limits of settings/security.yml (per conversation, per
  client address) get 429 with a French message;
* a request Rasa would turn into a 500 or into silence gets a clear 4xx with a JSON body
  `{"error": <code>, "message": <French sentence>}`: body not JSON / not UTF-8 / not an
  object (400), wrong content type (415), body too long (413), message not a string
  (400), metadata not an object (400); the message length, NUL and "/intent" checks are
  the processor's, shared with every channel (rasa_addons/server.py);
* `input_channel` can no longer be set by the client (it names the channel in trackers);
* a turn that produced no message at all (a custom action failed and nothing else
  answered, or `/restart`) gets a French sentence instead of `[]`;
* when the turn cannot be handled (tracker store, lock store or model failure) the client
  gets 503 with a French "service momentanément indisponible" message instead of Rasa's
  `200 []`, which looks like a bot with nothing to say; the turn is not half-saved
  (Rasa saves the tracker only at the end of a turn);
* the log line of a failure names the error type only, never the message text or the
  conversation id (Rasa's own channel logs the text at ERROR level).

Body limit: REQUEST_MAX_BYTES (65536), the same as the server's and nginx's. French
texts: settings/security.yml.
"""

from __future__ import annotations

import asyncio
import json
import logging
from typing import Any, Awaitable, Callable, Dict, Optional, Tuple

from rasa.core.channels.channel import CollectingOutputChannel, InputChannel, UserMessage

from rasa_addons.channels import guarded
from immuno import interface
from rasa_addons import guard
from rasa_addons.guard import ConversationExpired, InvalidConversation
from rasa_addons.stores.tracker_store import TrackerStoreUnavailable
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse

logger = logging.getLogger(__name__)

MAX_BODY_BYTES = guard.REQUEST_MAX_BYTES


class BadRequest(Exception):
    """A refused request; the message is knowledge/interface.yml's for its code."""

    def __init__(self, status: int, code: str, message: Optional[str] = None) -> None:
        super().__init__(code)
        self.status, self.code = status, code
        self.message = message or interface.error(code)


def _error(status: int, code: str, message: str) -> HTTPResponse:
    return response.json({"error": code, "message": message}, status=status)


def parse_request(request: Request) -> Tuple[str, str, Optional[Dict[str, Any]]]:
    """(sender, text, metadata) from a webhook request, or BadRequest."""
    content_type = (request.headers.get("content-type") or "").split(";")[0].strip().lower()
    if content_type != "application/json":
        raise BadRequest(415, "unsupported_media_type")
    body = request.body or b""
    if len(body) > MAX_BODY_BYTES:
        raise BadRequest(413, "body_too_large")
    try:
        payload = json.loads(body.decode("utf-8"))
    except UnicodeDecodeError:
        raise BadRequest(400, "invalid_utf8")
    except (ValueError, RecursionError):  # RecursionError: absurdly deep nesting
        raise BadRequest(400, "invalid_json")
    if not isinstance(payload, dict):
        raise BadRequest(400, "invalid_payload")

    sender = payload.get("sender")
    if not guarded.is_issued(sender):
        raise BadRequest(403, "invalid_sender", guarded.refusal("invalid_conversation"))

    text = payload.get("message")
    if not isinstance(text, str):
        raise BadRequest(400, "invalid_message")

    metadata = payload.get("metadata")
    if metadata is not None and not isinstance(metadata, dict):
        raise BadRequest(400, "invalid_metadata")
    return sender, text, metadata


def client_address(request: Request) -> str:
    return request.remote_addr or request.ip or "?"


class HardenedRestInput(InputChannel):
    """Drop-in replacement of Rasa's `rest` channel (same name, same URL)."""

    @classmethod
    def name(cls) -> str:
        return "rest"

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        webhook = Blueprint("hardened_rest_webhook", __name__)

        @webhook.route("/", methods=["GET"])
        async def health(_: Request) -> HTTPResponse:
            return response.json({"status": "ok"})

        @webhook.route("/conversations", methods=["POST"])
        async def new_conversation(request: Request) -> HTTPResponse:
            sender = guarded.new_conversation(client_address(request))
            if sender is None:
                return _error(429, "too_many_requests", guarded.refusal("too_fast"))
            hours = guard.settings().conversation_idle_seconds / 3600
            return response.json({"sender": sender, "idle_expiry_hours": hours}, status=201)

        @webhook.route("/webhook", methods=["POST"])
        async def receive(request: Request) -> HTTPResponse:
            try:
                sender, text, metadata = parse_request(request)
            except BadRequest as bad:
                logger.info("rest: request refused (%s %s)", bad.status, bad.code)
                return _error(bad.status, bad.code, bad.message)
            if guarded.too_fast(sender, client_address(request)):
                return _error(429, "too_many_requests", guarded.refusal("too_fast"))
            agent = getattr(request.app.ctx, "agent", None)
            if agent is None or not agent.is_ready():
                # Rasa would answer 200 [] while the model loads.
                return _error(503, "unavailable", guarded.refusal("unavailable"))
            collector = CollectingOutputChannel()
            try:
                await on_new_message(
                    UserMessage(
                        text, collector, sender, input_channel=self.name(), metadata=metadata
                    )
                )
            except ConversationExpired as expired:
                return _error(410, "conversation_expired", expired.text)
            except InvalidConversation as invalid:
                return _error(403, "invalid_sender", invalid.text)
            except (asyncio.CancelledError, TrackerStoreUnavailable, Exception) as error:
                logger.error("rest: turn not handled (%s)", type(error).__name__)
                return _error(503, "unavailable", guarded.refusal("unavailable"))
            if not collector.messages:
                # Rasa answers nothing when a custom action fails (action server down
                # without the gateway of docs/PRODUCTION.md) or after `/restart`: say so.
                return response.json(
                    [{"recipient_id": sender, "text": guarded.refusal("no_reply")}]
                )
            return response.json(collector.messages)

        return webhook
