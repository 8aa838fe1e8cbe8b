"""Audit trail of triage decisions for staff.

One entry per decision: time (UTC), level, symptom category, criteria matched, channel,
and the version (content hash) of knowledge/ and settings/ that decided it.
Never the message text nor anything that identifies the patient.

Where it goes: with DATABASE_URL (PostgreSQL, the tracker store's database) a table
(AUDIT_TABLE, default `triage_audit`) that every action-server replica shares; otherwise
one JSON line per decision in AUDIT_FILE (default var/audit/triage.jsonl).

Writing the audit must never cost the patient the reply: a failed write is logged and
counted (`failed_writes()`), never raised.
"""

from __future__ import annotations

import csv
import json
import logging
import os
import threading
from datetime import datetime, timezone
from pathlib import Path
from typing import IO, Dict, Iterable, List, Optional, Tuple

from immuno import content
from immuno.paths import ROOT as REPO

log = logging.getLogger(__name__)

DEFAULT_AUDIT_FILE = REPO / "var" / "audit" / "triage.jsonl"
DEFAULT_TABLE = "triage_audit"
FIELDS = ["time", "level", "symptom", "criteria", "channel", "content"]

_failures = 0
_failures_lock = threading.Lock()


def audit_path() -> Path:
    return Path(os.environ.get("AUDIT_FILE") or DEFAULT_AUDIT_FILE)


class FileTrail:
    def __init__(self, path: Path):
        self.path = path

    def __str__(self) -> str:
        return str(self.path)

    def append(self, entry: dict) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        with self.path.open("a", encoding="utf-8") as handle:
            handle.write(json.dumps(entry, ensure_ascii=False) + "\n")

    def read(self) -> List[dict]:
        if not self.path.exists():
            return []
        lines = self.path.read_text(encoding="utf-8").splitlines()
        return [json.loads(line) for line in lines if line.strip()]


class SqlTrail:
    """One row per decision in a table of the tracker store's database."""

    def __init__(self, url: str, table: str = DEFAULT_TABLE):
        import sqlalchemy as sa

        self._sa = sa
        # A database that does not answer must not hold the reply for long.
        connect_args = {"connect_timeout": 3} if url.startswith("postgresql") else {}
        self.engine = sa.create_engine(url, pool_pre_ping=True, connect_args=connect_args)
        self.url_label = f"{self.engine.url.render_as_string(hide_password=True)} table {table}"
        metadata = sa.MetaData()
        self.table = sa.Table(
            table,
            metadata,
            sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
            sa.Column("time", sa.String(40), nullable=False),
            sa.Column("level", sa.String(20), nullable=False),
            sa.Column("symptom", sa.String(80), nullable=False),
            sa.Column("criteria", sa.Text, nullable=False),
            sa.Column("channel", sa.String(80), nullable=False),
            sa.Column("content", sa.String(40), nullable=False),
        )
        self._metadata = metadata
        self._created = False

    def __str__(self) -> str:
        return self.url_label

    def _ensure_table(self, connection) -> None:
        if not self._created:
            self._metadata.create_all(connection, checkfirst=True)
            self._created = True

    def append(self, entry: dict) -> None:
        row = {**entry, "criteria": json.dumps(entry["criteria"], ensure_ascii=False)}
        with self.engine.begin() as connection:
            self._ensure_table(connection)
            connection.execute(self.table.insert(), row)

    def read(self) -> List[dict]:
        if not self._sa.inspect(self.engine).has_table(self.table.name):
            return []
        with self.engine.connect() as connection:
            rows = connection.execute(self.table.select().order_by(self.table.c.id))
            return [
                {
                    field: (json.loads(row.criteria) if field == "criteria" else row[field])
                    for field in FIELDS
                }
                for row in rows.mappings()
            ]


_sql_trails: Dict[Tuple[str, str], SqlTrail] = {}


def trail(path: Optional[Path] = None):
    """The configured trail: an explicit path, else DATABASE_URL's table, else AUDIT_FILE."""
    if path is not None:
        return FileTrail(Path(path))
    url = os.environ.get("DATABASE_URL", "").strip()
    if url:
        key = (url, os.environ.get("AUDIT_TABLE") or DEFAULT_TABLE)
        if key not in _sql_trails:
            _sql_trails[key] = SqlTrail(*key)
        return _sql_trails[key]
    return FileTrail(audit_path())


def _content_version() -> str:
    try:
        return content.current().hash
    except Exception:  # the audit must still be written when the content cannot be read
        log.exception("audit: no content version for this entry")
        return ""


def failed_writes() -> int:
    """How many decisions could not be written since the process started."""
    return _failures


def record(
    level: str,
    symptom: Optional[str],
    criteria: Iterable[str],
    channel: Optional[str] = None,
    path: Optional[Path] = None,
    now: Optional[datetime] = None,
) -> dict:
    """Writes one entry and returns it; on failure logs, counts and returns it unwritten."""
    global _failures
    entry = {
        "time": (now or datetime.now(timezone.utc)).isoformat(timespec="seconds"),
        "level": level,
        "symptom": symptom or "",
        "criteria": sorted(set(criteria)),
        "channel": channel or "",
        "content": _content_version(),
    }
    destination = None
    try:
        destination = trail(path)
        destination.append(entry)
    except Exception:  # an audit outage (disk, permissions, database) of any kind
        with _failures_lock:
            _failures += 1
            count = _failures
        log.exception(
            "audit: could not record a %s decision in %s (%d failed writes so far)",
            level,
            destination or "the configured trail",
            count,
        )
    return entry


def read(path: Optional[Path] = None) -> List[dict]:
    return trail(path).read()


def export_csv(out: IO[str], path: Optional[Path] = None) -> int:
    writer = csv.DictWriter(out, fieldnames=FIELDS)
    writer.writeheader()
    entries = read(path)
    for entry in entries:
        writer.writerow({**entry, "criteria": ";".join(entry.get("criteria", []))})
    return len(entries)
