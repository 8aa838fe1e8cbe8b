"""Fixtures of the production tests (run by scripts/prod_tests.sh).

Ports 56xx-57xx only. The two-replica stack runs on a private PostgreSQL cluster and a
private Redis (so that the fault tests may restart or stop them); the persistence test
uses the machine's shared PostgreSQL and Redis (its own database and Redis db).
"""

from __future__ import annotations

import os
import secrets
import sys
from pathlib import Path

import pytest

from immuno.paths import ROOT

sys.path.insert(0, str(Path(__file__).parent))

from deploy.stack import Stack, default_model  # noqa: E402
from services import (
    SHARED_PG,
    PrivatePostgres,
    PrivateRedis,
    drop_database,  # noqa: E402
    recreate_database,
)
from httpclient import (
    new_sender,
    post,
    say,
    sender,
    texts,
    tracker,  # noqa: E402,F401
    user_texts,
)

RUN_DIR = ROOT / "results" / "prod"
STACK_BASE_PORT = int(os.environ.get("PROD_STACK_PORT", "5600"))
PRIVATE_PG_PORT = STACK_BASE_PORT + 132  # 5732
PRIVATE_REDIS_PORT = STACK_BASE_PORT + 179  # 5779
CORS_ORIGIN = "https://chat.hopital.example"

# A name and a phone number that must never reach a log at INFO.
PII_NAME = "Marguerite Tartempion-Zyxw"
PII_PHONE = "06 87 65 43 21"


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
    s = Stack(
        run_dir,
        database_url,
        private_redis.url,
        token,
        base_port=STACK_BASE_PORT,
        replicas=2,
        model=model,
        cors_origins=CORS_ORIGIN,
        extra_env={"AUDIT_FILE": str(run_dir / "audit.jsonl")},
    )
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
