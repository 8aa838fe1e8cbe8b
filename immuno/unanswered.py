"""What patients asked that the material could not answer, for staff.

One JSON line per unanswered question: the day (UTC) and a key, "topic:<practical topic>"
or "drug:<name of a drug the material does not describe>". Never the message text nor
anything that identifies the patient. Staff read the counts on /faq/unanswered.html and as
CSV (/faq/unanswered.csv, or `python scripts/export_unanswered.py`).
"""

from __future__ import annotations

import csv
import io
import json
import logging
import os
from collections import Counter
from datetime import datetime, timezone
from pathlib import Path
from typing import Iterable, Optional

from immuno.paths import ROOT as REPO

DEFAULT_FILE = REPO / "var" / "unanswered" / "unanswered.jsonl"
FIELDS = ["kind", "name", "count", "last_day"]
logger = logging.getLogger(__name__)


def unanswered_path() -> Path:
    return Path(os.environ.get("UNANSWERED_FILE") or DEFAULT_FILE)


def record(keys: Iterable[str], path: Optional[Path] = None, now: Optional[datetime] = None) -> int:
    """Appends one line per key; a failed write is logged, never raised (a reply comes first)."""
    day = (now or datetime.now(timezone.utc)).date().isoformat()
    lines = [
        json.dumps({"day": day, "key": str(k)}, ensure_ascii=False) for k in keys if ":" in str(k)
    ]
    if not lines:
        return 0
    path = path or unanswered_path()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with open(path, "a", encoding="utf-8") as handle:
            handle.write("".join(line + "\n" for line in lines))
    except OSError as exc:
        logger.warning("unanswered questions not counted: %s", exc)
        return 0
    return len(lines)


def counts(path: Optional[Path] = None) -> list[dict]:
    """Rows (kind, name, count, last_day), most asked first."""
    path = path or unanswered_path()
    total, last = Counter(), {}
    if path.exists():
        for line in path.read_text(encoding="utf-8").splitlines():
            try:
                entry = json.loads(line)
                key, day = str(entry["key"]), str(entry["day"])
            except (ValueError, KeyError, TypeError):
                continue  # a half-written line
            total[key] += 1
            last[key] = max(last.get(key, ""), day)
    rows = []
    for key, count in total.most_common():
        kind, _, name = key.partition(":")
        rows.append({"kind": kind, "name": name, "count": count, "last_day": last[key]})
    return rows


def to_csv(rows: list[dict]) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=FIELDS, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue()
