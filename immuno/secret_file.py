"""A secret from the environment, else from a 0600 file under var/ created on first use.

Plain Python, used by both servers: the action server's token (actions/server.py), the
conversation-id and Telegram secrets of the Rasa server (rasa_addons/guard.py).
"""

from __future__ import annotations

import os
import secrets
from pathlib import Path
from typing import Mapping

from immuno.paths import VAR


def secret(env_name: str, file_name: str, env: Mapping[str, str] = os.environ) -> str:
    """The secret in $env_name, else the content of var/<file_name> (created, 0600)."""
    value = (env.get(env_name) or "").strip()
    if value:
        return value
    path = Path(env.get(f"{env_name}_FILE") or VAR / file_name)
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        return path.read_text(encoding="utf-8").strip()
    with os.fdopen(fd, "w", encoding="utf-8") as out:
        out.write(secrets.token_urlsafe(32) + "\n")
    return path.read_text(encoding="utf-8").strip()
