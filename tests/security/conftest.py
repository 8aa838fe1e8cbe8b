"""Fixtures of the security tests (docs/PRODUCTION.md, "Security"), run by `make prod-tests`.

One assistant started the way `make run` starts it (scripts/serve.sh: SQLite, secrets
created under var/ on first start) on ports 5710 (Rasa), 5760 (actions), 5790 (web),
at DEBUG level so that "nothing personal in any log line, at any level" is checked where
Rasa logs the most, with the Telegram channel talking to a fake Bot API on 5795.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "prod"))
sys.path.insert(0, str(HERE.parent / "e2e"))
sys.path.insert(0, str(HERE))

import secstack  # noqa: E402
from services import Served  # noqa: E402


@pytest.fixture(scope="session")
def served():
    server = Served({}, secstack.RUN_DIR / "serve.log", secstack.BASE, secstack.ACTIONS_PORT)
    if os.environ.get("SECURITY_REUSE_STACK"):  # a developer's stack started by hand
        yield server
        return
    secstack.RUN_DIR.mkdir(parents=True, exist_ok=True)
    for old in ("tracker.db", "audit.jsonl", "serve.log"):
        (secstack.RUN_DIR / old).unlink(missing_ok=True)
    env = {
        k: v
        for k, v in os.environ.items()
        if k
        not in (
            "RASA_TOKEN",
            "ACTION_SERVER_TOKEN",
            "CONVERSATION_ID_SECRET",
            "TELEGRAM_SECRET_TOKEN",
            "RASA_HOST",
            "DATABASE_URL",
            "REDIS_URL",
            "RASA_TELEMETRY_ENABLED",
        )
    }
    env.update(secstack.stack_env())
    server = Served(env, secstack.RUN_DIR / "serve.log", secstack.BASE, secstack.ACTIONS_PORT)
    server.start()
    yield server
    server.stop()


@pytest.fixture(scope="session")
def token(served) -> str:
    return served.token()


@pytest.fixture(scope="session")
def telegram_api(served):
    from fake_telegram import FakeTelegramApi

    with FakeTelegramApi(port=secstack.TELEGRAM_FAKE_PORT, username=secstack.TELEGRAM_BOT) as api:
        yield api
