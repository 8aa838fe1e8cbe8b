"""Fixtures of the production tests (run by scripts/prod_tests.sh).

Ports 56xx-57xx only. The two-replica stack runs on a private PostgreSQL cluster and a
private Redis (so that the fault tests may restart or stop them); the persistence test
uses the machine's shared PostgreSQL and Redis (its own database and Redis db).
"""
from __future__ import annotations

import json
import os
import secrets
import sys
import urllib.error
import urllib.request
from pathlib import Path
from typing import Any, Dict, List, Optional, Tuple

import pytest

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).parent))

from deploy.stack import Stack, default_model  # noqa: E402
from services import (SHARED_PG, PrivatePostgres, PrivateRedis, drop_database,  # noqa: E402
                      recreate_database)

RUN_DIR = ROOT / "results" / "prod"
STACK_BASE_PORT = int(os.environ.get("PROD_STACK_PORT", "5600"))
PRIVATE_PG_PORT = STACK_BASE_PORT + 132   # 5732
PRIVATE_REDIS_PORT = STACK_BASE_PORT + 179  # 5779
CORS_ORIGIN = "https://chat.hopital.example"

# A name and a phone number that must never reach a log at INFO.
PII_NAME = "Marguerite Tartempion-Zyxw"
PII_PHONE = "06 87 65 43 21"


def post(url: str, payload: Any = None, body: Optional[bytes] = None,
         content_type: Optional[str] = "application/json",
         headers: Optional[Dict[str, str]] = None, method: str = "POST",
         timeout: float = 60) -> Tuple[int, Dict[str, str], bytes]:
    if body is None and payload is not None:
        body = json.dumps(payload).encode("utf-8")
    req = urllib.request.Request(url, data=body, method=method)
    if content_type:
        req.add_header("Content-Type", content_type)
    for key, value in (headers or {}).items():
        req.add_header(key, value)
    try:
        with urllib.request.urlopen(req, timeout=timeout) as resp:
            return resp.status, dict(resp.headers), resp.read()
    except urllib.error.HTTPError as err:
        return err.code, dict(err.headers), err.read()


def say(base: str, sender: str, text: str) -> List[Dict[str, Any]]:
    status, _, body = post(f"{base}/webhooks/rest/webhook", {"sender": sender, "message": text})
    assert status == 200, (status, body[:300])
    return json.loads(body)


def texts(messages: List[Dict[str, Any]]) -> str:
    return "\n".join(m.get("text", "") for m in messages)


def tracker(base: str, sender: str, token: str) -> Dict[str, Any]:
    status, _, body = post(f"{base}/conversations/{sender}/tracker?token={token}",
                           method="GET", content_type=None)
    assert status == 200, (status, body[:300])
    return json.loads(body)


def user_texts(track: Dict[str, Any]) -> List[str]:
    return [e.get("text") for e in track["events"] if e.get("event") == "user"]


@pytest.fixture(scope="session")
def model() -> str:
    return os.environ.get("MODEL") or default_model()


@pytest.fixture(scope="session")
def token() -> str:
    return secrets.token_urlsafe(24)


@pytest.fixture(scope="session")
def private_pg():
    if not PrivatePostgres.available():
        pytest.skip("initdb/pg_ctl not available: no private PostgreSQL for the fault tests")
    pg = PrivatePostgres(PRIVATE_PG_PORT).start()
    yield pg
    pg.destroy()


@pytest.fixture(scope="session")
def private_redis():
    server = PrivateRedis(PRIVATE_REDIS_PORT).start()
    yield server
    server.stop()


@pytest.fixture(scope="session")
def stack(model, token, private_pg, private_redis):
    database_url = recreate_database(private_pg.admin_url, "immuno_stack")
    run_dir = RUN_DIR / "stack"
    run_dir.mkdir(parents=True, exist_ok=True)
    for old in run_dir.glob("*.log"):
        old.unlink()
    s = Stack(run_dir, database_url, private_redis.url, token, base_port=STACK_BASE_PORT,
              replicas=2, model=model, cors_origins=CORS_ORIGIN,
              extra_env={"AUDIT_FILE": str(run_dir / "audit.jsonl")})
    s.database_admin_url = private_pg.admin_url  # type: ignore[attr-defined]
    try:
        s.up()
        yield s
    finally:
        s.down()


@pytest.fixture(scope="session")
def shared_database():
    name = "immuno_prod_tests"
    try:
        url = recreate_database(SHARED_PG, name)
    except Exception as error:  # noqa: BLE001
        pytest.fail(f"shared PostgreSQL ({SHARED_PG}) unreachable: {error}")
    yield url
    drop_database(SHARED_PG, name)
