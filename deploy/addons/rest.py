"""REST channel for production: Rasa's `rest` channel with the input checked at the door.

Same URL (`/webhooks/rest/webhook`), same request (`{"sender": ..., "message": ...}`) and
same reply (a JSON list of bot messages) as Rasa's RestInput, but:

* a request Rasa would turn into a 500 or into silence gets a clear 4xx with a JSON body
  `{"error": <code>, "message": <French sentence>}`: body not JSON / not UTF-8 / not an
  object (400), wrong content type (415), body or message too long (413), sender missing,
  not a string or a number, too long or with control characters (400), message not a
  string (400), metadata not an object (400);
* control characters (NUL first: PostgreSQL refuses it in text) are removed from the
  message; a message with nothing left gets a polite reply, without reaching the model;
* `input_channel` can no longer be set by the client (it names the channel in trackers);
* a turn that produced no message at all (a custom action failed and nothing else
  answered, or `/restart`) gets a French sentence instead of `[]`;
* when the turn cannot be handled (tracker store, lock store or model failure) the client
  gets 503 with a French "service momentanément indisponible" message instead of Rasa's
  `200 []`, which looks like a bot with nothing to say; the turn is not half-saved
  (Rasa saves the tracker only at the end of a turn);
* the log line of a failure names the error type and the conversation id, never the
  message text (Rasa's own channel logs the text at ERROR level).

Limits are configurable: REST_MAX_BODY_BYTES (65536), REST_MAX_MESSAGE_CHARS (5000),
REST_MAX_SENDER_CHARS (128).
"""
from __future__ import annotations

import asyncio
import json
import logging
import os
import re
from typing import Any, Awaitable, Callable, Dict, Optional, Tuple

from rasa.core.channels.channel import CollectingOutputChannel, InputChannel, UserMessage
from deploy.addons.tracker_store import TrackerStoreUnavailable
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse

logger = logging.getLogger(__name__)

MAX_BODY_BYTES = int(os.environ.get("REST_MAX_BODY_BYTES", "65536"))
MAX_MESSAGE_CHARS = int(os.environ.get("REST_MAX_MESSAGE_CHARS", "5000"))
MAX_SENDER_CHARS = int(os.environ.get("REST_MAX_SENDER_CHARS", "128"))

# C0/C1 controls except tab and newline, DEL, lone surrogates, BOM / zero-width no-break.
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff\ufeff]")
_SENDER_OK = re.compile(r"^[^\x00-\x1f\x7f]+$")

UNAVAILABLE = ("Le service est momentanément indisponible. Réessayez dans quelques minutes. "
               "En cas d'urgence, appelez le 15.")
NO_REPLY = ("Je n'ai pas de réponse à ce message pour le moment. Reformulez-le, ou réessayez "
            "dans quelques minutes. En cas d'urgence, appelez le 15.")
EMPTY_REPLY = ("Je n'ai pas reçu de texte. Écrivez votre question ou décrivez votre symptôme. "
               "En cas d'urgence, appelez le 15.")


class BadRequest(Exception):
    def __init__(self, status: int, code: str, message: str) -> None:
        super().__init__(code)
        self.status, self.code, self.message = status, code, message


def _error(status: int, code: str, message: str) -> HTTPResponse:
    return response.json({"error": code, "message": message}, status=status)


def clean_text(text: str) -> str:
    return _CONTROL.sub(" ", text).strip()


def parse_request(request: Request) -> Tuple[str, str, Optional[Dict[str, Any]]]:
    """(sender, text, metadata) from a webhook request, or BadRequest."""
    content_type = (request.headers.get("content-type") or "").split(";")[0].strip().lower()
    if content_type != "application/json":
        raise BadRequest(415, "unsupported_media_type",
                         "Envoyez du JSON (Content-Type: application/json).")
    body = request.body or b""
    if len(body) > MAX_BODY_BYTES:
        raise BadRequest(413, "body_too_large", "Requête trop volumineuse.")
    try:
        payload = json.loads(body.decode("utf-8"))
    except UnicodeDecodeError:
        raise BadRequest(400, "invalid_utf8", "Le corps de la requête n'est pas en UTF-8.")
    except (ValueError, RecursionError):  # RecursionError: absurdly deep nesting
        raise BadRequest(400, "invalid_json", "Le corps de la requête n'est pas du JSON valide.")
    if not isinstance(payload, dict):
        raise BadRequest(400, "invalid_payload",
                         'Attendu : un objet JSON {"sender": ..., "message": ...}.')

    sender = payload.get("sender")
    if isinstance(sender, bool) or not isinstance(sender, (str, int)):
        raise BadRequest(400, "invalid_sender",
                         "Champ « sender » manquant ou invalide (texte attendu).")
    sender = str(sender).strip()
    if not sender or len(sender) > MAX_SENDER_CHARS or not _SENDER_OK.match(sender):
        raise BadRequest(400, "invalid_sender",
                         f"Champ « sender » invalide (1 à {MAX_SENDER_CHARS} caractères "
                         "imprimables).")

    text = payload.get("message")
    if not isinstance(text, str):
        raise BadRequest(400, "invalid_message",
                         "Champ « message » manquant ou invalide (texte attendu).")
    if len(text) > MAX_MESSAGE_CHARS:
        raise BadRequest(413, "message_too_long",
                         f"Votre message est trop long (plus de {MAX_MESSAGE_CHARS} "
                         "caractères). Pouvez-vous le raccourcir ?")

    metadata = payload.get("metadata")
    if metadata is not None and not isinstance(metadata, dict):
        raise BadRequest(400, "invalid_metadata", "Champ « metadata » : objet JSON attendu.")
    return sender, clean_text(text), metadata


class HardenedRestInput(InputChannel):
    """Drop-in replacement of Rasa's `rest` channel (same name, same URL)."""

    @classmethod
    def name(cls) -> str:
        return "rest"

    def blueprint(
        self, on_new_message: Callable[[UserMessage], Awaitable[Any]]
    ) -> Blueprint:
        webhook = Blueprint("hardened_rest_webhook", __name__)

        @webhook.route("/", methods=["GET"])
        async def health(_: Request) -> HTTPResponse:
            return response.json({"status": "ok"})

        @webhook.route("/webhook", methods=["POST"])
        async def receive(request: Request) -> HTTPResponse:
            try:
                sender, text, metadata = parse_request(request)
            except BadRequest as bad:
                logger.info("rest: request refused (%s %s)", bad.status, bad.code)
                return _error(bad.status, bad.code, bad.message)
            if not text:
                return response.json([{"recipient_id": sender, "text": EMPTY_REPLY}])
            agent = getattr(request.app.ctx, "agent", None)
            if agent is None or not agent.is_ready():
                # Rasa would answer 200 [] while the model loads.
                return _error(503, "unavailable", UNAVAILABLE)
            collector = CollectingOutputChannel()
            try:
                await on_new_message(UserMessage(text, collector, sender,
                                                 input_channel=self.name(),
                                                 metadata=metadata))
            except (asyncio.CancelledError, TrackerStoreUnavailable, Exception) as error:
                logger.error("rest: turn of conversation %s not handled (%s)",
                             sender[:64], type(error).__name__)
                return _error(503, "unavailable", UNAVAILABLE)
            if not collector.messages:
                # Rasa answers nothing when a custom action fails (action server down
                # without the gateway of docs/PRODUCTION.md) or after `/restart`: say so.
                return response.json([{"recipient_id": sender, "text": NO_REPLY}])
            return response.json(collector.messages)

        return webhook
