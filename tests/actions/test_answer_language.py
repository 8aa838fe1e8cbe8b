from actions.answer_knowledge import ActionAnswerKnowledge
from actions.answer_language import ActionAnswerLanguage
from immuno import unanswered
from tests.actions.helpers import create_tracker, run_action, texts


async def test_english_fever_gets_the_urgent_message_in_english():
    tracker = create_tracker("I have a fever", "other_language", slots={"language": "en"})
    messages, events = await run_action(ActionAnswerLanguage(), tracker)
    assert events == [] and "Call your oncology team now" in texts(messages)


async def test_spanish_gets_the_team_number_in_spanish():
    tracker = create_tracker("tengo fiebre", "other_language", slots={"language": "es"})
    messages, _ = await run_action(ActionAnswerLanguage(), tracker)
    assert texts(messages).startswith("Su equipo de oncología: 01 00 00 00")


async def test_unanswered_question_is_counted_without_its_text(tmp_path, monkeypatch):
    path = tmp_path / "u.jsonl"
    monkeypatch.setenv("UNANSWERED_FILE", str(path))
    tracker = create_tracker(
        "je peux boire une bière avec opdivo ?",
        "ask_drug",
        entities=[{"entity": "drug", "value": "nivolumab"}],
    )
    messages, _ = await run_action(ActionAnswerKnowledge(), tracker)
    assert "ne traite pas" in texts(messages)
    assert [r["name"] for r in unanswered.counts(path)] == ["alcohol"]
    assert "bière" not in path.read_text(encoding="utf-8")
