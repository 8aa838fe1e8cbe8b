"""Rasa's socket.io channel, fixed for python-socketio 5.x.

Rasa 3.6.21 calls ``sio.enter_room(sid, session_id)`` without ``await`` in its
``session_request`` handler.  With python-socketio >= 5.8 ``AsyncServer.enter_room``
is a coroutine, so the socket never joins the room named after the session id, and
with ``session_persistence: true`` every bot reply (emitted to that room) is lost
(RasaHQ/rasa#13027).  This subclass registers the same handlers with the ``await``
restored.  Same channel name (``socketio``), same credentials keys, same events, so it
is a drop-in replacement::

    channels.socketio.SocketIOInput:
      user_message_evt: user_uttered
      bot_message_evt: bot_uttered
      session_persistence: true
"""
from __future__ import annotations

import inspect
import json
import logging
import uuid
from typing import Any, Awaitable, Callable, Dict, Optional, Text

import rasa.core.channels.channel
import rasa.shared.utils.io
from rasa.core.channels.channel import UserMessage
from rasa.core.channels.socketio import SocketBlueprint, SocketIOOutput
from rasa.core.channels.socketio import SocketIOInput as RasaSocketIOInput
from sanic import response
from sanic.request import Request
from sanic.response import HTTPResponse
from socketio import AsyncServer

logger = logging.getLogger(__name__)

MAX_SESSION_ID_LENGTH = 128


async def _maybe_await(value: Any) -> Any:
    """python-socketio < 5.8 returns None from enter_room, >= 5.8 a coroutine."""
    if inspect.isawaitable(value):
        return await value
    return value


def _valid_session_id(value: Any) -> Optional[Text]:
    if isinstance(value, str) and 0 < len(value) <= MAX_SESSION_ID_LENGTH:
        return value
    return None


class SocketIOInput(RasaSocketIOInput):
    """socket.io input channel whose session persistence works on python-socketio 5."""

    def blueprint(
        self, on_new_message: Callable[[UserMessage], Awaitable[Any]]
    ) -> SocketBlueprint:
        # Rasa's own workaround for cross-origin clients: CORS is handled by Sanic-CORS
        # (`rasa run --cors ...`), engine.io's own check is off.
        sio = AsyncServer(async_mode="sanic", cors_allowed_origins=[])
        socketio_webhook = SocketBlueprint(
            sio, self.socketio_path, "socketio_webhook", __name__
        )
        self.sio = sio

        @socketio_webhook.route("/", methods=["GET"])
        async def health(_: Request) -> HTTPResponse:
            return response.json({"status": "ok"})

        @sio.on("connect", namespace=self.namespace)
        async def connect(sid: Text, environ: Dict, auth: Optional[Dict]) -> bool:
            if self.jwt_key:
                jwt_payload = None
                if auth and auth.get("token"):
                    jwt_payload = rasa.core.channels.channel.decode_bearer_token(
                        auth.get("token"), self.jwt_key, self.jwt_algorithm
                    )
                if not jwt_payload:
                    return False
            logger.debug(f"User {sid} connected to socketIO endpoint.")
            return True

        @sio.on("disconnect", namespace=self.namespace)
        async def disconnect(sid: Text) -> None:
            logger.debug(f"User {sid} disconnected from socketIO endpoint.")

        @sio.on("session_request", namespace=self.namespace)
        async def session_request(sid: Text, data: Optional[Dict]) -> None:
            if not isinstance(data, dict):
                data = {}
            session_id = _valid_session_id(data.get("session_id")) or uuid.uuid4().hex
            if self.session_persistence:
                # The fix: this is a coroutine on python-socketio >= 5.8.
                await _maybe_await(
                    sio.enter_room(sid, session_id, namespace=self.namespace)
                )
            await sio.emit(
                "session_confirm", session_id, room=sid, namespace=self.namespace
            )
            logger.debug(f"Socket {sid} joined session {session_id}.")

        @sio.on(self.user_message_evt, namespace=self.namespace)
        async def handle_message(sid: Text, data: Dict) -> None:
            if not isinstance(data, dict):
                return
            output_channel = SocketIOOutput(sio, self.bot_message_evt)
            if self.session_persistence:
                sender_id = _valid_session_id(data.get("session_id"))
                if not sender_id:
                    rasa.shared.utils.io.raise_warning(
                        "A message without a valid session_id was received. This "
                        "message will be ignored. Make sure to set a proper session "
                        "id using the `session_request` socketIO event."
                    )
                    return
                # A socket may send for a session it has not requested (e.g. after a
                # server restart lost the rooms): make sure it gets the replies.
                await _maybe_await(
                    sio.enter_room(sid, sender_id, namespace=self.namespace)
                )
            else:
                sender_id = sid

            metadata = data.get(self.metadata_key, {})
            if isinstance(metadata, str):
                try:
                    metadata = json.loads(metadata)
                except ValueError:
                    metadata = {}
            message = UserMessage(
                str(data.get("message", "")),
                output_channel,
                sender_id,
                input_channel=self.name(),
                metadata=metadata,
            )
            await on_new_message(message)

        return socketio_webhook
