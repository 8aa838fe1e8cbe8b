"""Rasa's socket.io channel, fixed for python-socketio 5.x.

Rasa 3.6.21 calls ``sio.enter_room(sid, session_id)`` without ``await`` in its
``session_request`` handler.  With python-socketio >= 5.8 ``AsyncServer.enter_room``
is a coroutine, so the socket never joins the room named after the session id, and
with ``session_persistence: true`` every bot reply (emitted to that room) is lost
(RasaHQ/rasa#13027).  This subclass registers the same handlers with the ``await``
restored.  Same channel name (``socketio``), same credentials keys, same events, so it
is a drop-in replacement. Hardening (issue 11):

* conversation ids are issued by the server (signed, rasa_addons/guard.py): a
  `session_request` with an id the server did not issue gets a fresh one, and a socket
  only ever sends and receives for the session it was confirmed (a second socket cannot
  join a session by naming its id unless it holds the signed id, which only the widget's
  sessionStorage has);
* the Origin of the connection must be one of CORS_ORIGINS (space-separated; unset: no
  web page may connect, "*": any);
* engine.io refuses packets above settings/security.yml's limit (max_message_chars,
  with room for JSON), before decoding them;
* per-conversation and per-socket rate limits; an expired conversation gets a new id and
  the French "conversation expirée" message.

::

    rasa_addons.channels.socketio.SocketIOInput:
      user_message_evt: user_uttered
      bot_message_evt: bot_uttered
      session_persistence: true
"""

from __future__ import annotations

import inspect
import json
import logging
import os
from typing import Any, Awaitable, Callable, Dict, List, Optional, Text

import rasa.core.channels.channel
from rasa.core.channels.channel import UserMessage
from rasa.core.channels.socketio import SocketBlueprint, SocketIOOutput
from rasa.core.channels.socketio import SocketIOInput as RasaSocketIOInput
from sanic import response
from sanic.request import Request
from sanic.response import HTTPResponse
from socketio import AsyncServer

from rasa_addons.channels import guarded
from rasa_addons import guard
from rasa_addons.guard import ConversationExpired, InvalidConversation

logger = logging.getLogger(__name__)


async def _maybe_await(value: Any) -> Any:
    """python-socketio < 5.8 returns None from enter_room, >= 5.8 a coroutine."""
    if inspect.isawaitable(value):
        return await value
    return value


def allowed_origins(env=os.environ) -> List[Text]:
    return env.get("CORS_ORIGINS", "").split()


def origin_allowed(origin: Optional[Text], allowed: List[Text]) -> bool:
    # No Origin header: not a browser page (curl, tests, a server); a browser always
    # sends one on a cross-site connection.
    return origin is None or "*" in allowed or origin in allowed


class SocketIOInput(RasaSocketIOInput):
    """socket.io input channel whose session persistence works on python-socketio 5."""

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> SocketBlueprint:
        # CORS headers are Sanic-CORS's (`rasa run --cors ...`): engine.io's own would be
        # sent twice. The Origin is checked in `connect` below instead.
        sio = AsyncServer(
            async_mode="sanic",
            cors_allowed_origins=[],
            max_http_buffer_size=guard.settings().socketio_buffer_bytes,
        )
        socketio_webhook = SocketBlueprint(sio, self.socketio_path, "socketio_webhook", __name__)
        self.sio = sio
        origins = allowed_origins()
        namespace = self.namespace

        @socketio_webhook.route("/", methods=["GET"])
        async def health(_: Request) -> HTTPResponse:
            return response.json({"status": "ok"})

        async def bot_says(sid: Text, key: Text) -> None:
            await sio.emit(
                self.bot_message_evt, {"text": guarded.refusal(key)}, room=sid, namespace=namespace
            )

        async def confirm(sid: Text, session_id: Text) -> None:
            session = await sio.get_session(sid, namespace=namespace)
            old = session.get("session_id")
            if old and old != session_id:
                await _maybe_await(sio.leave_room(sid, old, namespace=namespace))
            session["session_id"] = session_id
            await sio.save_session(sid, session, namespace=namespace)
            # The fix: this is a coroutine on python-socketio >= 5.8.
            await _maybe_await(sio.enter_room(sid, session_id, namespace=namespace))
            await sio.emit("session_confirm", session_id, room=sid, namespace=namespace)

        @sio.on("connect", namespace=namespace)
        async def connect(sid: Text, environ: Dict, auth: Optional[Dict]) -> bool:
            if not origin_allowed(environ.get("HTTP_ORIGIN"), origins):
                logger.info("socket.io connection refused: origin not allowed")
                return False
            if self.jwt_key:
                jwt_payload = None
                if auth and auth.get("token"):
                    jwt_payload = rasa.core.channels.channel.decode_bearer_token(
                        auth.get("token"), self.jwt_key, self.jwt_algorithm
                    )
                if not jwt_payload:
                    return False
            request = environ.get("sanic.request")
            client = (request and (request.remote_addr or request.ip)) or sid
            await sio.save_session(sid, {"client": client}, namespace=namespace)
            return True

        @sio.on("disconnect", namespace=namespace)
        async def disconnect(sid: Text) -> None:
            logger.debug("socket.io client disconnected")

        @sio.on("session_request", namespace=namespace)
        async def session_request(sid: Text, data: Optional[Dict]) -> None:
            requested = data.get("session_id") if isinstance(data, dict) else None
            if guarded.is_issued(requested):
                await confirm(sid, requested)
                return
            session = await sio.get_session(sid, namespace=namespace)
            new_id = guarded.new_conversation(session.get("client", sid))
            if new_id is None:
                await bot_says(sid, "too_fast")
                return
            await confirm(sid, new_id)

        @sio.on(self.user_message_evt, namespace=namespace)
        async def handle_message(sid: Text, data: Dict) -> None:
            if not isinstance(data, dict):
                return
            session = await sio.get_session(sid, namespace=namespace)
            sender_id = session.get("session_id")
            if not sender_id:
                logger.info("socket.io message without a confirmed session: ignored")
                return
            if guarded.too_fast(sender_id, session.get("client", sid)):
                await bot_says(sid, "too_fast")
                return
            metadata = data.get(self.metadata_key, {})
            if isinstance(metadata, str):
                try:
                    metadata = json.loads(metadata)
                except ValueError:
                    metadata = {}
            if not isinstance(metadata, dict):
                metadata = {}
            text = data.get("message")
            message = UserMessage(
                text if isinstance(text, str) else "",
                SocketIOOutput(sio, self.bot_message_evt),
                sender_id,
                input_channel=self.name(),
                metadata=metadata,
            )
            try:
                await on_new_message(message)
            except (ConversationExpired, InvalidConversation) as refused:
                new_id = guarded.new_conversation(session.get("client", sid))
                if new_id:
                    await confirm(sid, new_id)
                await sio.emit(
                    self.bot_message_evt, {"text": refused.text}, room=sid, namespace=namespace
                )

        return socketio_webhook
