"""How the project's own tools talk to a running assistant (standard library only):
the HTTP API token (RASA_TOKEN, else var/api-token written by `make run`) and a
conversation id issued by the server (POST /webhooks/rest/conversations)."""
from __future__ import annotations

import json
import os
import urllib.request
from pathlib import Path
from typing import Mapping, Optional

ROOT = Path(__file__).resolve().parents[2]


def api_token(env: Mapping[str, str] = os.environ) -> Optional[str]:
    if env.get("RASA_TOKEN"):
        return env["RASA_TOKEN"]
    path = Path(env.get("RASA_TOKEN_FILE") or ROOT / "var" / "api-token")
    try:
        return path.read_text(encoding="utf-8").strip() or None
    except OSError:
        return None


def new_conversation(url: str, timeout: float = 30) -> str:
    request = urllib.request.Request(url.rstrip("/") + "/webhooks/rest/conversations",
                                     data=b"{}", method="POST",
                                     headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(request, timeout=timeout) as response:
        return json.loads(response.read())["sender"]
