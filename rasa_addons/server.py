"""`rasa run`, hardened: `python -m rasa_addons.server run ...` (same arguments).

Before Rasa starts:
* umask 077: every file the server writes (var/tracker.db, the audit trail) is 0600;
* telemetry off, whatever the user's ~/.config/rasa says;
* the log scrubber (immuno/log_scrub.py) is installed.

On the Sanic app (wrapping rasa.core.run.configure_app):
* the Host header must be in the allowlist (loopback names and ALLOWED_HOSTS): a web page
  that rebinds its DNS name to 127.0.0.1 cannot read the API;
* a request body on the HTTP API must be JSON (Rasa also reads text/plain and YAML, which
  any web page can post without a CORS preflight);
* bodies above REQUEST_MAX_BYTES (the REST channel's limit) get a JSON 413, requests that
  take more than REQUEST_TIMEOUT_S to arrive are dropped; behind a proxy
  (TRUSTED_PROXY_COUNT=1) the client address is the proxy's X-Forwarded-For.

On every message, whatever the channel (wrapping Rasa's MessageProcessor):
* NUL, control characters and lone surrogates removed; an empty message, or one longer
  than settings/security.yml's max_message_chars, gets its French reply without
  reaching the NLU;
* a message starting with "/" (Rasa reads it as an intent with entities, skipping NLU) is
  taken as such only when it is the payload of a button the bot has just sent; otherwise
  the "/" is dropped and the text goes through the NLU like any other;
* conversations of the REST and socket.io channels must carry an id the server issued,
  not idle for longer than conversation_idle_hours (ConversationExpired otherwise);
* long messages are parsed in a small pool of worker threads, so that they do not hold
  the event loop (and every other conversation) while they are parsed.
"""

from __future__ import annotations

import os
import sys

os.umask(0o077)
os.environ["RASA_TELEMETRY_ENABLED"] = "false"

from immuno import log_scrub  # noqa: E402

log_scrub.install()

import asyncio  # noqa: E402
import time  # noqa: E402
from concurrent.futures import ThreadPoolExecutor  # noqa: E402
from functools import partial  # noqa: E402
from typing import Any, Dict, Optional, Set, Text  # noqa: E402

import rasa.core.run  # noqa: E402
from rasa.core.channels.channel import UserMessage  # noqa: E402
from rasa.core.processor import MessageProcessor  # noqa: E402
from rasa.shared.core.events import BotUttered, UserUttered  # noqa: E402
from rasa.shared.core.trackers import DialogueStateTracker  # noqa: E402
from sanic import Sanic, response  # noqa: E402
from sanic.exceptions import PayloadTooLarge, RequestTimeout  # noqa: E402
from sanic.request import Request  # noqa: E402

from immuno import interface  # noqa: E402
from rasa_addons import guard  # noqa: E402
from rasa_addons.guard import (
    ConversationExpired,
    InvalidConversation,  # noqa: E402
    Refused,
)

REQUEST_MAX_BYTES = guard.REQUEST_MAX_BYTES
REQUEST_TIMEOUT_S = int(os.environ.get("REQUEST_TIMEOUT_S", "10"))
LOOPBACK_HOSTS = {"127.0.0.1", "localhost", "::1", "[::1]"}
CHANNEL_PREFIXES = ("/webhooks/", "/socket.io")
# Long messages are parsed by at most NLU_THREADS worker threads (queued beyond), short
# ones on the event loop as Rasa does: a flood of long messages then costs the others at
# most NLU_THREADS threads' share of the interpreter, never a queue behind the flood.
NLU_THREADS = int(os.environ.get("NLU_THREADS", "1"))
NLU_LONG_CHARS = int(os.environ.get("NLU_LONG_CHARS", "200"))
# The event loop gets the interpreter back within 1 ms of a worker's turn (default 5 ms).
GIL_SWITCH_S = float(os.environ.get("GIL_SWITCH_S", "0.001"))


# -- HTTP --------------------------------------------------------------------------------
def allowed_hosts(env=os.environ) -> Set[str]:
    hosts = set(LOOPBACK_HOSTS)
    hosts.update(h.strip().lower() for h in env.get("ALLOWED_HOSTS", "").split() if h.strip())
    return hosts


def host_name(header: str) -> str:
    header = header.strip().lower()
    if header.startswith("["):
        return header.split("]", 1)[0] + "]"
    return header.rsplit(":", 1)[0] if header.count(":") == 1 else header


def _json_error(status: int, code: str):
    """A refusal with knowledge/interface.yml's sentence for its code."""
    return response.json({"error": code, "message": interface.error(code)}, status=status)


def harden_app(app: Sanic) -> Sanic:
    hosts = allowed_hosts()
    app.config.REQUEST_MAX_SIZE = REQUEST_MAX_BYTES
    app.config.REQUEST_TIMEOUT = REQUEST_TIMEOUT_S
    # A websocket frame (socket.io) is cut at the same size as engine.io's packets.
    app.config.WEBSOCKET_MAX_SIZE = guard.settings().socketio_buffer_bytes
    if os.environ.get("TRUSTED_PROXY_COUNT"):
        app.config.PROXIES_COUNT = int(os.environ["TRUSTED_PROXY_COUNT"])

    async def check_request(request: Request):
        if host_name(request.headers.get("host", "")) not in hosts:
            return _json_error(421, "host_not_allowed")
        if request.path.startswith(CHANNEL_PREFIXES) or not request.body:
            return None
        content_type = (request.headers.get("content-type") or "").split(";")[0].strip()
        if content_type.lower() != "application/json":
            return _json_error(415, "unsupported_media_type")
        return None

    app.register_middleware(check_request, "request")

    async def too_large(request: Request, exception: Exception):
        return _json_error(413, "body_too_large")

    async def timeout(request: Request, exception: Exception):
        return _json_error(408, "request_timeout")

    app.error_handler.add(PayloadTooLarge, too_large)
    app.error_handler.add(RequestTimeout, timeout)
    return app


_configure_app = rasa.core.run.configure_app


def configure_app(*args: Any, **kwargs: Any) -> Sanic:
    return harden_app(_configure_app(*args, **kwargs))


# -- messages ----------------------------------------------------------------------------
def offered_payloads(tracker: DialogueStateTracker) -> Set[str]:
    """Payloads of the buttons the bot sent since the patient last wrote."""
    payloads: Set[str] = set()
    for event in reversed(tracker.events):
        if isinstance(event, UserUttered):
            break
        if isinstance(event, BotUttered):
            for button in (event.data or {}).get("buttons") or []:
                if isinstance(button, dict) and isinstance(button.get("payload"), str):
                    payloads.add(button["payload"].strip())
    return payloads


def last_activity(tracker: DialogueStateTracker) -> Optional[float]:
    for event in reversed(tracker.events):
        if isinstance(event, UserUttered):
            return event.timestamp
    return None


def check_message(
    message: UserMessage, tracker: DialogueStateTracker, now: Optional[float] = None
) -> None:
    """Cleans message.text in place, or raises Refused."""
    settings = guard.settings()
    if guard.is_signed_channel(message.input_channel):
        issued = guard.conversation_ids().issued_at(message.sender_id)
        if issued is None:
            raise InvalidConversation()
        last = last_activity(tracker) or issued
        if (now or time.time()) - last > settings.conversation_idle_seconds:
            raise ConversationExpired()
    text = message.text if isinstance(message.text, str) else ""
    if len(text) > settings.max_message_chars:
        raise Refused("too_long")
    text = guard.clean_text(text)
    if text.startswith("/") and text not in offered_payloads(tracker):
        text = text.lstrip("/").strip()
    if not text:
        raise Refused("empty")
    log_scrub.register(text)  # the text Rasa will quote from now on
    message.text = text


_handle_message = MessageProcessor.handle_message
_handle_with_tracker = MessageProcessor._handle_message_with_tracker


async def handle_message(self: MessageProcessor, message: UserMessage):
    log_scrub.register(message.text, message.sender_id)
    try:
        return await _handle_message(self, message)
    except (ConversationExpired, InvalidConversation):
        raise  # the channel tells its client to start a new conversation
    except Refused as refused:
        await message.output_channel.send_text_message(message.sender_id, refused.text)
        return None


async def handle_message_with_tracker(
    self: MessageProcessor, message: UserMessage, tracker: DialogueStateTracker
) -> None:
    if not message.parse_data:
        check_message(message, tracker)
    await _handle_with_tracker(self, message, tracker)


_nlu_pool = ThreadPoolExecutor(max_workers=NLU_THREADS, thread_name_prefix="nlu")


async def parse_message(
    self: MessageProcessor,
    message: UserMessage,
    tracker: Optional[DialogueStateTracker] = None,
    only_output_properties: bool = True,
) -> Dict[Text, Any]:
    """Rasa's parse_message with the graph run in a worker thread."""
    if self.http_interpreter:
        return await _parse_message(self, message, tracker, only_output_properties)
    if tracker is None:
        tracker = DialogueStateTracker.from_events(message.sender_id, [])
    parse = partial(self._parse_message_with_graph, message, tracker, only_output_properties)
    if len(message.text or "") < NLU_LONG_CHARS:
        parse_data = parse()
    else:
        # The tracker is this turn's own copy (retrieved under the conversation's lock):
        # nothing else changes it while the graph reads it.
        parse_data = await asyncio.get_running_loop().run_in_executor(_nlu_pool, parse)
    self._update_full_retrieval_intent(parse_data)
    self._check_for_unseen_features(parse_data)
    return parse_data


_parse_message = MessageProcessor.parse_message


def install() -> None:
    sys.setswitchinterval(GIL_SWITCH_S)
    rasa.core.run.configure_app = configure_app
    MessageProcessor.handle_message = handle_message
    MessageProcessor._handle_message_with_tracker = handle_message_with_tracker
    MessageProcessor.parse_message = parse_message


def main() -> None:
    install()
    from rasa.__main__ import main as rasa_main

    sys.argv[0] = "rasa"
    rasa_main()


if __name__ == "__main__":
    # Run as `python -m`: patch with this file imported as a module, not as __main__,
    # so that the channels and this code share one set of exception classes.
    from rasa_addons.server import main as module_main

    module_main()
