"""Audit trail of triage decisions for staff.

One JSON line per decision: time (UTC), level, symptom category, criteria matched.
Never the message text nor anything that identifies the patient.
"""
from __future__ import annotations

import csv
import json
import os
from datetime import datetime, timezone
from pathlib import Path
from typing import IO, Iterable, List, Optional

REPO = Path(__file__).resolve().parent.parent
DEFAULT_AUDIT_FILE = REPO / "var" / "audit" / "triage.jsonl"
FIELDS = ["time", "level", "symptom", "criteria", "channel"]


def audit_path() -> Path:
    return Path(os.environ.get("AUDIT_FILE") or DEFAULT_AUDIT_FILE)


def record(
    level: str,
    symptom: Optional[str],
    criteria: Iterable[str],
    channel: Optional[str] = None,
    path: Optional[Path] = None,
    now: Optional[datetime] = None,
) -> dict:
    entry = {
        "time": (now or datetime.now(timezone.utc)).isoformat(timespec="seconds"),
        "level": level,
        "symptom": symptom or "",
        "criteria": sorted(set(criteria)),
        "channel": channel or "",
    }
    path = path or audit_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("a", encoding="utf-8") as handle:
        handle.write(json.dumps(entry, ensure_ascii=False) + "\n")
    return entry


def read(path: Optional[Path] = None) -> List[dict]:
    path = path or audit_path()
    if not path.exists():
        return []
    entries = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            entries.append(json.loads(line))
    return entries


def export_csv(out: IO[str], path: Optional[Path] = None) -> int:
    writer = csv.DictWriter(out, fieldnames=FIELDS)
    writer.writeheader()
    entries = read(path)
    for entry in entries:
        writer.writerow({**entry, "criteria": ";".join(entry.get("criteria", []))})
    return len(entries)
