"""Rasa's Telegram channel with a configurable Bot API server.

Differences from ``rasa.core.channels.telegram.TelegramInput`` (same name ``telegram``,
same routes ``/webhooks/telegram/webhook`` and ``/webhooks/telegram/set_webhook``):

* ``api_url`` (optional): base URL of the Bot API, default ``https://api.telegram.org``.
  Tests point it at a fake Bot API on loopback; a hospital may point it at a local
  ``telegram-bot-api`` server.
* Registering the webhook at start-up (``setWebhook``) is attempted once; if Telegram
  cannot be reached the error is logged and the server still starts (the web widget
  must not go down because Telegram is unreachable).  ``/webhooks/telegram/set_webhook``
  retries it.
* The aiohttp session used for that start-up call is closed before Sanic's event loop
  starts, so later calls get a fresh session bound to the right loop.
* The webhook is registered with a ``secret_token`` (TELEGRAM_SECRET_TOKEN, else
  var/telegram-secret-token, created on first start): Telegram sends it back in the
  ``X-Telegram-Bot-Api-Secret-Token`` header of every update, and any call to
  ``/webhook`` or ``/set_webhook`` without it gets 401 (anyone who can reach the URL
  could otherwise post updates in the name of any chat id). A body that is not a JSON
  object gets 400 instead of Rasa's 500.

credentials.yml::

    rasa_addons.channels.telegram.TelegramInput:
      access_token: ${TELEGRAM_TOKEN}
      verify: ${TELEGRAM_VERIFY}            # the bot's username, without @
      webhook_url: ${TELEGRAM_WEBHOOK_URL}  # public https URL of /webhooks/telegram/webhook
      api_url: ${TELEGRAM_API_URL}          # optional
"""

from __future__ import annotations

import asyncio
import logging
from typing import Any, Awaitable, Callable, Dict, Optional, Text

import hmac
import json

from aiogram import Bot
from aiogram.bot.api import TELEGRAM_PRODUCTION, TelegramAPIServer
from rasa.core.channels.channel import InputChannel, UserMessage
from rasa.core.channels.telegram import TelegramInput as RasaTelegramInput
from rasa.core.channels.telegram import TelegramOutput as RasaTelegramOutput
from sanic import Blueprint, response
from sanic.request import Request

from rasa_addons import guard

logger = logging.getLogger(__name__)
SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"
PROTECTED_SUFFIXES = ("/webhook", "/set_webhook")


def webhook_secret() -> str:
    return guard.secret("TELEGRAM_SECRET_TOKEN", "telegram-secret-token")


def check_update_request(request: Request, secret: str) -> Optional[response.HTTPResponse]:
    """None when the request may reach Rasa's handler, else the refusal."""
    if not request.path.rstrip("/").endswith(PROTECTED_SUFFIXES):
        return None
    given = request.headers.get(SECRET_HEADER, "")
    if not hmac.compare_digest(given.encode(), secret.encode()):
        logger.info("telegram: call without the webhook secret refused")
        return response.json({"error": "unauthorized"}, status=401)
    if request.path.rstrip("/").endswith("/webhook"):
        if request.method != "POST":
            return response.json({"error": "method_not_allowed"}, status=405)
        try:
            update = json.loads(request.body or b"")
        except (ValueError, RecursionError):
            update = None
        if not isinstance(update, dict) or not _texts_are_strings(update):
            return response.json({"error": "invalid_update"}, status=400)
    return None


def _texts_are_strings(update: Dict[str, Any]) -> bool:
    """Rasa's handler calls str methods on these fields (500 on a number or a list)."""
    for key in ("message", "edited_message", "callback_query"):
        part = update.get(key)
        if part is None:
            continue
        if not isinstance(part, dict):
            return False
        for field in ("text", "data"):
            if field in part and not isinstance(part[field], str):
                return False
    return True


def _server(api_url: Optional[Text]) -> TelegramAPIServer:
    if api_url:
        return TelegramAPIServer.from_base(api_url.rstrip("/"))
    return TELEGRAM_PRODUCTION


class TelegramOutput(RasaTelegramOutput):
    """Telegram output channel talking to a configurable Bot API server."""

    def __init__(self, access_token: Optional[Text], api_url: Optional[Text] = None):
        Bot.__init__(self, access_token, server=_server(api_url))

    async def set_webhook(self, url: Text, **_: Any) -> bool:
        # aiogram 2 predates the Bot API's secret_token parameter.
        return bool(
            await self.request("setWebhook", {"url": url, "secret_token": webhook_secret()})
        )


class TelegramInput(RasaTelegramInput):
    """Telegram input channel with a configurable Bot API base URL."""

    @classmethod
    def from_credentials(cls, credentials: Optional[Dict[Text, Any]]) -> InputChannel:
        if not credentials:
            cls.raise_missing_credentials_exception()
        return cls(
            credentials.get("access_token"),
            credentials.get("verify"),
            credentials.get("webhook_url"),
            api_url=credentials.get("api_url") or None,
        )

    def __init__(
        self,
        access_token: Optional[Text],
        verify: Optional[Text],
        webhook_url: Optional[Text],
        debug_mode: bool = False,
        api_url: Optional[Text] = None,
    ) -> None:
        super().__init__(access_token, verify, webhook_url, debug_mode=debug_mode)
        self.api_url = api_url
        self._webhook_registered = False

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        # Rasa's blueprint calls self.get_output_channel() once, before the server's
        # event loop runs: that is where the webhook is registered (see below).
        self._register_at_startup = True
        try:
            blueprint = super().blueprint(on_new_message)
        finally:
            self._register_at_startup = False
        secret = webhook_secret()

        @blueprint.middleware("request")
        async def require_secret(request: Request):
            return check_update_request(request, secret)

        return blueprint

    def get_output_channel(self) -> TelegramOutput:
        channel = TelegramOutput(self.access_token, self.api_url)
        if getattr(self, "_register_at_startup", False) and self.webhook_url:
            self._webhook_registered = _register_webhook(channel, self.webhook_url)
        return channel


def _register_webhook(channel: TelegramOutput, webhook_url: Text) -> bool:
    async def register() -> bool:
        try:
            return bool(await channel.set_webhook(url=webhook_url))
        finally:
            # The session belongs to this temporary loop: close it so that the
            # server's loop opens its own.
            if channel._session is not None and not channel._session.closed:
                await channel._session.close()
            channel._session = None

    try:
        asyncio.get_running_loop()
    except RuntimeError:
        pass
    else:  # pragma: no cover - only when called from inside a running loop
        logger.warning("Telegram webhook not registered: call /set_webhook instead.")
        return False
    try:
        ok = asyncio.run(register())
    except Exception as error:  # network error, invalid token, Telegram down ...
        logger.error(
            "Telegram: could not register the webhook %s (%s). The channel stays "
            "up; retry with GET /webhooks/telegram/set_webhook.",
            webhook_url,
            type(error).__name__,
        )
        return False
    logger.info("Telegram webhook registered: %s", ok)
    return ok
