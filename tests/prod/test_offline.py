"""Production checks that need no running assistant: endpoints rendering, the API token
guard of scripts/serve.sh, the purge command on SQLite and PostgreSQL."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time

import pytest
import sqlalchemy as sa
import yaml
from rasa.core.tracker_store import SQLTrackerStore

from conftest import ROOT

sys.path.insert(0, str(ROOT / "deploy"))
import render_endpoints  # noqa: E402

BASE = yaml.safe_load((ROOT / "endpoints.yml").read_text(encoding="utf-8"))


def test_default_is_sqlite_without_setup():
    out = render_endpoints.render(BASE, {"TRACKER_DB": "var/x.db"})
    assert out["tracker_store"] == {"type": "SQL", "dialect": "sqlite", "db": "var/x.db"}
    assert "lock_store" not in out


def test_database_and_redis_urls_stay_in_the_environment():
    env = {
        "DATABASE_URL": "postgresql://rasa:s3cret@db:5432/rasa",
        "REDIS_URL": "redis://redis:6380/2",
        "REDIS_PASSWORD": "r3dis",
        "ACTION_SERVER_URL": "http://actions:5055/webhook",
    }
    out = render_endpoints.render(BASE, env)
    text = yaml.safe_dump(out)
    assert "s3cret" not in text and "r3dis" not in text
    assert out["tracker_store"]["url"] == "${DATABASE_URL}"
    assert out["tracker_store"]["type"].endswith("ResilientSQLTrackerStore")
    assert out["lock_store"] == {
        "type": "rasa_addons.stores.lock_store.AtomicRedisLockStore",
        "url": "redis",
        "port": 6380,
        "db": 2,
        "use_ssl": False,
        "socket_timeout": 2.0,
        "password": "${REDIS_PASSWORD}",
    }
    assert out["action_endpoint"]["url"] == "http://actions:5055/webhook"


@pytest.mark.parametrize(
    "env",
    [
        {"DATABASE_URL": "postgres://u@h/db"},
        {"DATABASE_URL": "mysql://u@h/db"},
        {"REDIS_URL": "redis://:pw@h:6379/1"},
        {"REDIS_URL": "http://h"},
    ],
)
def test_bad_urls_are_refused(env):
    with pytest.raises(render_endpoints.ConfigError):
        render_endpoints.render(BASE, env)


def test_committed_files_hold_no_secret():
    for name in ("endpoints.yml", "credentials.yml", "deploy/credentials.yml"):
        data = yaml.safe_load((ROOT / name).read_text(encoding="utf-8")) or {}
        flat = json.dumps(data).lower()
        for word in ("password", "token", "secret"):
            for line in flat.split(","):
                if word in line:
                    assert "${" in line or ": null" in line, (name, line)


def test_serve_refuses_an_open_api_without_token(tmp_path):
    env = {k: v for k, v in os.environ.items() if k != "RASA_TOKEN"}
    env.update(
        RASA_HOST="0.0.0.0",
        RASA_PORT="5698",
        ACTIONS_PORT="5699",
        WEB_PORT="5697",
        MODEL="unused",
        TRACKER_DB=str(tmp_path / "t.db"),
    )
    done = subprocess.run(
        [str(ROOT / "scripts" / "serve.sh")],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 2, done.stderr
    assert "without RASA_TOKEN" in done.stderr


def _seed(url: str) -> None:
    engine = sa.create_engine(url)
    SQLTrackerStore.Base.metadata.create_all(engine)
    events = SQLTrackerStore.SQLEvent.__table__
    now = time.time()
    day = 86400
    rows = []
    for sender, ages in {
        "old": [45, 44],
        "mixed": [60, 1],
        "new": [2, 0.1],
        "edge": [29.9],
    }.items():
        for age in ages:
            rows.append(
                {
                    "sender_id": sender,
                    "type_name": "user",
                    "timestamp": now - age * day,
                    "intent_name": "greet",
                    "action_name": None,
                    "data": "{}",
                }
            )
    with engine.begin() as conn:
        conn.execute(events.delete())
        conn.execute(events.insert(), rows)
    engine.dispose()


def _senders(url: str) -> list:
    engine = sa.create_engine(url)
    with engine.connect() as conn:
        out = sorted({r[0] for r in conn.execute(sa.text("SELECT sender_id FROM events"))})
    engine.dispose()
    return out


def _purge(*args: str) -> str:
    done = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "purge_conversations.py"), *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    return done.stdout


def _check_purge(url: str, source: list) -> None:
    _seed(url)
    out = _purge("--older-than-days", "30", "--dry-run", *source)
    assert "would delete 1 conversation(s), 2 event(s)" in out, out
    assert _senders(url) == ["edge", "mixed", "new", "old"]
    out = _purge("--older-than-days", "30", *source)
    assert "deleted 1 conversation(s), 2 event(s)" in out, out
    assert _senders(url) == ["edge", "mixed", "new"]
    _purge("--older-than-days", "1.5", *source)  # mixed: last message 1 day ago, kept
    assert _senders(url) == ["mixed", "new"]
    _purge("--older-than-days", "0", *source)
    assert _senders(url) == []


def test_purge_sqlite(tmp_path):
    path = tmp_path / "tracker.db"
    _check_purge(f"sqlite:///{path}", ["--sqlite", str(path)])


def test_purge_postgresql(shared_database):
    _check_purge(shared_database, ["--database-url", shared_database])


def test_purge_without_table_is_a_no_op(tmp_path):
    assert "deleted 0 conversation(s)" in _purge(
        "--older-than-days", "1", "--sqlite", str(tmp_path / "empty.db")
    )
