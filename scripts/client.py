"""How the project's own tools talk to a running assistant (standard library only):
the HTTP API token (RASA_TOKEN, else var/api-token written by `make run`) and a
conversation id issued by the server (POST /webhooks/rest/conversations)."""

from __future__ import annotations

import json
import os
import time
import urllib.error
import urllib.request
from pathlib import Path
from typing import Mapping, Optional

from immuno.paths import ROOT


def api_token(env: Mapping[str, str] = os.environ) -> Optional[str]:
    if env.get("RASA_TOKEN"):
        return env["RASA_TOKEN"]
    path = Path(env.get("RASA_TOKEN_FILE") or ROOT / "var" / "api-token")
    try:
        return path.read_text(encoding="utf-8").strip() or None
    except OSError:
        return None


def open_json(request: urllib.request.Request, timeout: float = 30, retries: int = 120):
    """The JSON reply to `request`. A 429 (the server's rate limits, settings/security.yml)
    is waited out as a polite client does, so that the tools' bursts of conversations (648
    cases in a row from one address) are slowed down instead of failing."""
    for attempt in range(retries):
        try:
            with urllib.request.urlopen(request, timeout=timeout) as response:
                return json.loads(response.read() or b"null")
        except urllib.error.HTTPError as error:
            if error.code != 429 or attempt == retries - 1:
                raise
            time.sleep(min(float(error.headers.get("Retry-After") or 0.5), 5.0))
    raise AssertionError("unreachable")


def new_conversation(url: str, timeout: float = 30) -> str:
    request = urllib.request.Request(
        url.rstrip("/") + "/webhooks/rest/conversations",
        data=b"{}",
        method="POST",
        headers={"Content-Type": "application/json"},
    )
    return open_json(request, timeout)["sender"]
