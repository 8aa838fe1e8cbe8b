import csv
import io
import logging
import os
import uuid
from datetime import datetime, timezone

import pytest
import sqlalchemy as sa

from immuno import audit, content

# The machine's PostgreSQL (trust auth); the tests create and drop their own table.
TEST_DATABASE_URL = os.environ.get(
    "AUDIT_TEST_DATABASE_URL", "postgresql://postgres@127.0.0.1:5432/test"
)


@pytest.fixture(autouse=True)
def no_database(monkeypatch):
    monkeypatch.delenv("DATABASE_URL", raising=False)


def test_a_decision_is_recorded_without_text_or_identity(tmp_path):
    path = tmp_path / "audit.jsonl"
    audit.record(
        "urgent",
        "digestive",
        ["stools_4_plus", "blood"],
        channel="rest",
        path=path,
        now=datetime(2026, 11, 29, 2, 0, tzinfo=timezone.utc),
    )
    [entry] = audit.read(path)
    assert entry == {
        "time": "2026-11-29T02:00:00+00:00",
        "level": "urgent",
        "symptom": "digestive",
        "criteria": ["blood", "stools_4_plus"],
        "channel": "rest",
        "content": content.current().hash,
    }
    assert len(entry["content"]) == 12


def test_export_is_csv_with_one_row_per_decision(tmp_path):
    path = tmp_path / "audit.jsonl"
    audit.record("emergency", "heart", ["chest_pain"], path=path)
    audit.record("advice", None, [], path=path)
    out = io.StringIO()
    assert audit.export_csv(out, path) == 2
    rows = list(csv.DictReader(io.StringIO(out.getvalue())))
    assert [r["level"] for r in rows] == ["emergency", "advice"]
    assert rows[0]["criteria"] == "chest_pain" and rows[1]["symptom"] == ""


def test_export_of_an_empty_trail_is_just_the_header(tmp_path):
    out = io.StringIO()
    assert audit.export_csv(out, tmp_path / "none.jsonl") == 0
    assert out.getvalue().strip() == ",".join(audit.FIELDS)


def test_an_unwritable_trail_is_logged_and_counted_not_raised(tmp_path, monkeypatch, caplog):
    # A regular file where the audit directory should be: mkdir fails even for root.
    (tmp_path / "not-a-dir").write_text("")
    monkeypatch.setenv("AUDIT_FILE", str(tmp_path / "not-a-dir" / "triage.jsonl"))
    before = audit.failed_writes()
    with caplog.at_level(logging.ERROR, logger="immuno.audit"):
        entry = audit.record("emergency", "heart", ["chest_pain"])
    assert entry["level"] == "emergency"
    assert audit.failed_writes() == before + 1
    assert "could not record a emergency decision" in caplog.text
    assert "not-a-dir" in caplog.text


@pytest.fixture
def database_table(monkeypatch):
    engine = sa.create_engine(TEST_DATABASE_URL)
    try:
        engine.connect().close()
    except sa.exc.OperationalError as error:
        pytest.fail(f"the test PostgreSQL at {TEST_DATABASE_URL} does not answer: {error}")
    table = f"triage_audit_test_{uuid.uuid4().hex[:10]}"
    monkeypatch.setenv("DATABASE_URL", TEST_DATABASE_URL)
    monkeypatch.setenv("AUDIT_TABLE", table)
    yield table
    with engine.begin() as connection:
        connection.execute(sa.text(f'DROP TABLE IF EXISTS "{table}"'))
    engine.dispose()


def test_with_a_database_every_replica_writes_and_exports_the_same_table(
    database_table, tmp_path, monkeypatch
):
    monkeypatch.setenv("AUDIT_FILE", str(tmp_path / "audit.jsonl"))
    audit.record(
        "urgent",
        "digestive",
        ["stools_4_plus", "blood"],
        channel="rest",
        now=datetime(2026, 11, 29, 2, 0, tzinfo=timezone.utc),
    )
    # A second replica is a second process: a new connection to the same table.
    other_replica = audit.SqlTrail(TEST_DATABASE_URL, database_table)
    other_replica.append(
        {
            "time": "2026-11-29T03:00:00+00:00",
            "level": "emergency",
            "symptom": "heart",
            "criteria": ["chest_pain"],
            "channel": "socketio",
            "content": "0123456789ab",
        }
    )
    # The file is not used when the database is configured.
    assert not (tmp_path / "audit.jsonl").exists()
    out = io.StringIO()
    assert audit.export_csv(out) == 2
    rows = list(csv.DictReader(io.StringIO(out.getvalue())))
    assert [
        (r["level"], r["symptom"], r["criteria"], r["channel"], r["content"]) for r in rows
    ] == [
        ("urgent", "digestive", "blood;stools_4_plus", "rest", content.current().hash),
        ("emergency", "heart", "chest_pain", "socketio", "0123456789ab"),
    ]
    assert rows[0]["time"] == "2026-11-29T02:00:00+00:00"


def test_a_database_that_does_not_answer_is_logged_and_counted(monkeypatch, caplog):
    monkeypatch.setenv("DATABASE_URL", "postgresql://postgres@127.0.0.1:1/none")
    before = audit.failed_writes()
    with caplog.at_level(logging.ERROR, logger="immuno.audit"):
        audit.record("urgent", "fever", ["fever_38_5"])
    assert audit.failed_writes() == before + 1
    assert "127.0.0.1:1/none" in caplog.text
