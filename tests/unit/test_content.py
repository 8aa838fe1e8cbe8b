"""immuno.content: every knowledge/settings file validated with errors a clinician can act
on, one version hash, and the last good version kept when an edit is broken."""

import logging
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from immuno import contacts, content

from immuno.paths import ROOT as REPO


@pytest.fixture
def copy(tmp_path, monkeypatch):
    """A copy of knowledge/ and settings/ that the test may break."""
    shutil.copytree(REPO / "knowledge", tmp_path / "knowledge")
    shutil.copytree(REPO / "settings", tmp_path / "settings")
    monkeypatch.setenv("KNOWLEDGE_DIR", str(tmp_path / "knowledge"))
    monkeypatch.setenv("SETTINGS_DIR", str(tmp_path / "settings"))
    monkeypatch.delenv("CONTACTS_FILE", raising=False)
    return tmp_path


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def line_of(path: Path, needle: str) -> int:
    lines = path.read_text(encoding="utf-8").splitlines()
    return next(number for number, line in enumerate(lines, 1) if needle in line)


def check_knowledge(*python_flags, env=None):
    return subprocess.run(
        [sys.executable, *python_flags, str(REPO / "scripts" / "check_knowledge.py")],
        capture_output=True,
        text=True,
        env={**os.environ, **(env or {}), "PYTHONPATH": str(REPO)},
    )


def test_the_repository_content_is_valid():
    result = check_knowledge(
        env={
            "KNOWLEDGE_DIR": str(REPO / "knowledge"),
            "SETTINGS_DIR": str(REPO / "settings"),
            "CONTACTS_FILE": "",
        }
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert f"content version {content.load_all().hash}" in result.stdout


def test_a_mistyped_level_names_the_file_the_line_and_the_entry_even_under_python_O(copy):
    triage = copy / "knowledge" / "triage.yml"
    edit(
        triage,
        "  - id: night_stools\n    category: digestive\n    level: urgent",
        "  - id: night_stools\n    category: digestive\n    level: urgnt",
    )
    line = line_of(triage, "level: urgnt")
    result = check_knowledge("-O")
    assert result.returncode == 1
    assert f"{triage}:{line}: signs[id=night_stools].level: 'urgnt' is not one of" in result.stdout


def test_a_sign_id_that_does_not_exist_is_an_error(copy):
    triage = copy / "knowledge" / "triage.yml"
    edit(triage, "all: [[black_stool], [dizziness,", "all: [[black_stoool], [dizziness,")
    with pytest.raises(content.ContentErrors) as failure:
        content.load_all()
    [error] = failure.value.errors
    assert error.path == triage and error.line == line_of(triage, "black_stoool")
    assert error.entry == "combinations[id=black_stool_with_faintness].all[0]"
    assert "unknown sign 'black_stoool'" in error.problem


def test_a_key_written_twice_is_an_error_not_a_silent_loss(copy):
    """YAML keeps the second `phrases:` of a sign and drops the first: a clinician's added
    words would vanish without a word."""
    lexicon = copy / "knowledge" / "lexicon" / "signs" / "common.yml"
    edit(
        lexicon,
        "  dry_mouth:\n    phrases:\n",
        "  dry_mouth:\n    phrases: [salive]\n    phrases:\n",
    )
    with pytest.raises(content.ContentErrors) as failure:
        content.load_all()
    [error] = failure.value.errors
    assert error.path == lexicon and "written twice" in error.problem


def test_a_half_saved_file_is_an_error_with_its_line(copy):
    topics = copy / "knowledge" / "topics.yml"
    text = topics.read_text(encoding="utf-8")
    topics.write_text(text[: len(text) // 2] + '\n  - id: "unterminated\n', encoding="utf-8")
    result = check_knowledge()
    assert result.returncode == 1
    assert f"{topics}:" in result.stdout and "not valid YAML" in result.stdout


def test_every_problem_of_every_file_is_listed(copy):
    edit(copy / "settings" / "contacts.yml", 'start: "08:30"', 'start: "8h30"')
    edit(copy / "knowledge" / "routing.yml", "{day_phone}", "{day_phon}")
    result = check_knowledge()
    assert result.returncode == 1
    assert (
        "contacts.yml:" in result.stdout
        and "opening_hours.start: '8h30' does not match" in result.stdout
    )
    assert "routing.yml:" in result.stdout and "unknown placeholder {day_phon}" in result.stdout


def test_a_broken_regex_is_named(copy):
    edit(copy / "knowledge" / "side_effects.yml", '- "perfusion"', '- "perfusion("')
    with pytest.raises(
        content.ContentErrors,
        match=r"organs\[id=infusion\]\.cues\[0\]: regex 'perfusion\(' does not compile",
    ):
        content.load_all()


def test_the_hash_covers_knowledge_and_settings(copy):
    first = content.load_all().hash
    assert content.load_all().hash == first
    edit(copy / "settings" / "contacts.yml", "01 00 00 00 01", "01 00 00 00 09")
    second = content.load_all().hash
    edit(copy / "knowledge" / "topics.yml", "L'immunothérapie regroupe", "L'immunothérapie réunit")
    assert len({first, second, content.load_all().hash}) == 3


def test_a_bad_edit_keeps_the_last_good_version_and_says_so(copy, caplog):
    good = content.current()
    contacts_file = copy / "settings" / "contacts.yml"
    edit(contacts_file, "day_phone:", "day_phone: [")
    with caplog.at_level(logging.ERROR, logger="immuno.content"):
        assert content.current() is good
    assert f"still using version {good.hash}" in caplog.text and f"{contacts_file}:" in caplog.text
    assert content.status()["content_hash"] == good.hash
    assert "contacts.yml" in content.status()["rejected_edit"]
    edit(contacts_file, "day_phone: [", "day_phone:")
    edit(contacts_file, "01 00 00 00 01", "01 00 00 00 77 (poste 2)")
    fixed = content.current()
    assert (
        fixed.hash != good.hash
        and fixed.data("contacts.yml")["day_phone"] == "01 00 00 00 77 (poste 2)"
    )
    assert content.status()["rejected_edit"] is None


def test_content_that_was_never_valid_is_refused_at_start(copy):
    edit(copy / "knowledge" / "routing.yml", "open_now:", "open_now: [")
    with pytest.raises(content.ContentErrors, match="routing.yml"):
        content.current()


def test_routing_sentences_come_from_the_knowledge_dir(copy):
    edit(
        copy / "knowledge" / "routing.yml",
        "(ligne de jour, ouverte maintenant)",
        "(ligne de jour de test)",
    )
    assert "(ligne de jour de test)" in contacts.routing_text("open_now")


def test_a_file_no_schema_knows_is_still_read_as_yaml(copy):
    (copy / "knowledge" / "extra.yml").write_text("a: [1, 2\n", encoding="utf-8")
    with pytest.raises(content.ContentErrors, match="extra.yml:"):
        content.load_all()
    (copy / "knowledge" / "extra.yml").write_text("a: [1, 2]\n", encoding="utf-8")
    assert "extra.yml" in content.load_all().documents


def test_the_language_lexicon_is_checked_against_the_criteria(copy):
    lexicon = copy / "knowledge" / "lexicon" / "signs" / "digestive.yml"
    edit(lexicon, "\n  diarrhea:\n", "\n  diarrhoea:\n")
    reading = copy / "knowledge" / "lexicon" / "reading.yml"
    edit(reading, "window_words: 5\n", "window_words: 5\n  extra: '(unclosed'\n")
    result = check_knowledge()
    assert result.returncode == 1
    assert f"{reading}:{line_of(reading, '(unclosed')}: negation.extra: regex" in result.stdout
    edit(reading, "  extra: '(unclosed'\n", "")
    result_after_fix = check_knowledge()
    assert (
        f"{lexicon}:{line_of(lexicon, 'diarrhoea:')}: signs.diarrhoea: "
        "'diarrhoea' is not a sign of triage.yml"
    ) in result_after_fix.stdout


def test_what_is_built_from_the_content_keeps_its_last_good_version(copy, caplog):
    def build(snapshot):
        phone = snapshot.data("contacts.yml")["day_phone"]
        if "x" in phone:
            raise ValueError(f"not a phone number: {phone}")
        return phone.replace(" ", "")

    derived = content.Derived("test index", build)
    assert derived.get() == "0100000001"
    contacts_file = copy / "settings" / "contacts.yml"
    edit(contacts_file, "01 00 00 00 01", "01 00 00 00 xx")
    with caplog.at_level(logging.ERROR, logger="immuno.content"):
        assert derived.get() == "0100000001"
        assert derived.get() == "0100000001"
    assert caplog.text.count("is not usable for the test index") == 1
    edit(contacts_file, "01 00 00 00 xx", "01 00 00 00 55 (poste 1)")
    assert derived.get() == "0100000055(poste1)"


def test_an_edit_of_the_criteria_reaches_the_triage_without_a_restart(copy, caplog):
    from immuno import triage

    before = triage.level_message("advice")
    edit(copy / "knowledge" / "triage.yml", before, before + " Message relu.")
    assert triage.level_message("advice") == before + " Message relu."
    # Valid YAML and schema, but two lexicon files describe the same sign: the criteria
    # loader refuses it and the last good criteria stay in use.
    signs = copy / "knowledge" / "lexicon" / "signs"
    (signs / "zz_duplicate.yml").write_text(
        "signs:\n  fever:\n    patterns: ['\\\\bfievre\\\\b']\n", encoding="utf-8"
    )
    with caplog.at_level(logging.ERROR, logger="immuno.content"):
        assert triage.level_message("advice") == before + " Message relu."
    assert "is not usable for the triage criteria" in caplog.text


def test_an_edit_of_an_answer_reaches_the_knowledge_without_a_restart(copy):
    from immuno.knowledge import load_knowledge

    topics = copy / "knowledge" / "topics.yml"
    edit(topics, "L'immunothérapie regroupe", "L'immunothérapie (texte relu) regroupe")
    assert "(texte relu)" in load_knowledge().topics["immunotherapy"].answer
