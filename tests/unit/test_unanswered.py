"""Counts of what the material could not answer: by topic and unknown drug, never the text."""

from datetime import datetime, timezone

from immuno import unanswered
from immuno.knowledge import load_knowledge


def test_counts_by_topic_and_drug_without_text(tmp_path):
    path = tmp_path / "u.jsonl"
    kb = load_knowledge()
    day = datetime(2026, 12, 1, tzinfo=timezone.utc)
    for text in [
        "je peux boire une bière ?",
        "et du vin ?",
        "c'est quoi l'imfinzi ?",
        "le durvalumab ?",
        "c'est quoi le keytruda ?",
    ]:
        unanswered.record(kb.answer("ask_drug", text).unanswered, path, day)
    content = path.read_text(encoding="utf-8")
    assert "bière" not in content and "imfinzi" not in content.lower()
    rows = unanswered.counts(path)
    assert rows == [
        {"kind": "topic", "name": "alcohol", "count": 2, "last_day": "2026-12-01"},
        {"kind": "drug", "name": "durvalumab", "count": 2, "last_day": "2026-12-01"},
    ]
    assert unanswered.to_csv(rows).splitlines() == [
        "kind,name,count,last_day",
        "topic,alcohol,2,2026-12-01",
        "drug,durvalumab,2,2026-12-01",
    ]


def test_a_broken_line_or_a_missing_file_does_not_break_the_page(tmp_path):
    path = tmp_path / "u.jsonl"
    assert unanswered.counts(path) == []
    path.write_text(
        '{"day": "2026-12-01", "key": "topic:sun"}\n{"day": "2026-12-0', encoding="utf-8"
    )
    assert unanswered.counts(path) == [
        {"kind": "topic", "name": "sun", "count": 1, "last_day": "2026-12-01"}
    ]


def test_a_failed_write_is_not_raised(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    assert unanswered.record(["topic:sun"], blocker / "sub" / "u.jsonl") == 0
