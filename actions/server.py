"""rasa-sdk's action server, authenticated: `python -m actions.server ...`
(same arguments as `python -m rasa_sdk`).

* Every call but /health must carry the shared secret in the `X-Action-Token` header
  (ACTION_SERVER_TOKEN, else var/action-server-token, created on first start); the Rasa
  server sends it from endpoints.yml (`action_endpoint.headers`). Without it: 401.
* /webhook takes JSON only (application/json, not compressed, an object): anything
  else gets 415 or 400, never the 500 of rasa-sdk.
* An error reply never holds the request (rasa-sdk's 500 echoes the whole tracker).
* The tracker's `latest_input_channel` (written into the audit trail) is kept only when
  it names a configured channel (ACTION_ALLOWED_CHANNELS, default rest socketio
  telegram); anything else becomes null.
* umask 077, log scrubber, telemetry off, as in the Rasa server.
"""

from __future__ import annotations

import os

os.umask(0o077)

from immuno import log_scrub  # noqa: E402

log_scrub.install()

import hmac  # noqa: E402
import json  # noqa: E402
import logging  # noqa: E402
from typing import Any, Optional  # noqa: E402

import rasa_sdk.endpoint  # noqa: E402
from sanic import Sanic, response  # noqa: E402
from sanic.request import Request  # noqa: E402

from immuno.secret_file import secret  # noqa: E402

logger = logging.getLogger(__name__)
TOKEN_HEADER = "X-Action-Token"
DEFAULT_CHANNELS = "rest socketio telegram"


def allowed_channels() -> set:
    return set(os.environ.get("ACTION_ALLOWED_CHANNELS", DEFAULT_CHANNELS).split())


def _refuse(status: int, code: str):
    return response.json({"error": code}, status=status)


def check_call(request: Request, token: str, channels: set) -> Optional[Any]:
    """None when the call may run (request.parsed_json then holds the checked body)."""
    if request.path == "/health":
        return None
    given = request.headers.get(TOKEN_HEADER, "")
    if not hmac.compare_digest(given.encode(), token.encode()):
        return _refuse(401, "unauthorized")
    if request.path != "/webhook" or request.method != "POST":
        return None
    content_type = (request.headers.get("content-type") or "").split(";")[0].strip()
    if content_type.lower() != "application/json" or request.headers.get("content-encoding"):
        return _refuse(415, "json_only")
    try:
        call = json.loads(request.body or b"")
    except (ValueError, RecursionError):
        return _refuse(400, "invalid_json")
    if not isinstance(call, dict) or not isinstance(call.get("tracker"), dict):
        return _refuse(400, "invalid_call")
    if call["tracker"].get("latest_input_channel") not in channels:
        call["tracker"]["latest_input_channel"] = None
    request.parsed_json = call
    return None


def harden(app: Sanic) -> Sanic:
    token = secret("ACTION_SERVER_TOKEN", "action-server-token")
    channels = allowed_channels()

    async def authenticate(request: Request):
        return check_call(request, token, channels)

    async def failed(request: Request, exception: Exception):
        logger.error("action server: call failed (%s)", type(exception).__name__)
        status = getattr(exception, "status_code", 500)
        return _refuse(
            status if isinstance(status, int) and status >= 400 else 500, "action_failed"
        )

    app.register_middleware(authenticate, "request")
    app.error_handler.add(Exception, failed)
    return app


_create_app = rasa_sdk.endpoint.create_app


def create_app(*args: Any, **kwargs: Any) -> Sanic:
    return harden(_create_app(*args, **kwargs))


def main() -> None:
    rasa_sdk.endpoint.create_app = create_app
    from rasa_sdk.__main__ import main as sdk_main

    sdk_main()


if __name__ == "__main__":
    from actions.server import main as module_main

    module_main()
