import csv
import io
from datetime import datetime, timezone

from immuno import audit


def test_a_decision_is_recorded_without_text_or_identity(tmp_path):
    path = tmp_path / "audit.jsonl"
    audit.record("urgent", "digestive", ["stools_4_plus", "blood"], channel="rest", path=path,
                 now=datetime(2026, 11, 29, 2, 0, tzinfo=timezone.utc))
    [entry] = audit.read(path)
    assert entry == {
        "time": "2026-11-29T02:00:00+00:00",
        "level": "urgent",
        "symptom": "digestive",
        "criteria": ["blood", "stools_4_plus"],
        "channel": "rest",
    }


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
