from actions.answer_knowledge import ActionAnswerKnowledge
from tests.actions.helpers import create_tracker, run_action, texts


async def test_drug_from_the_entity_gets_its_cancers_first():
    tracker = create_tracker(
        "keytruda c pour quel cancer",
        "ask_drug",
        entities=[{"entity": "drug", "value": "pembrolizumab"}],
    )
    messages, events = await run_action(ActionAnswerKnowledge(), tracker)
    assert events == []
    assert "poumon" in texts(messages).lower()


async def test_drug_found_in_the_text_when_nlu_missed_it():
    tracker = create_tracker("c quoi l'herceptine", "ask_drug")
    messages, _ = await run_action(ActionAnswerKnowledge(), tracker)
    assert "HER2" in texts(messages)


async def test_drug_question_without_a_drug_offers_buttons():
    tracker = create_tracker("c'est quoi ce medicament", "ask_drug")
    messages, _ = await run_action(ActionAnswerKnowledge(), tracker)
    assert messages[0]["buttons"], "the patient should be offered drugs to pick from"


async def test_side_effect_question_ends_with_the_invitation():
    tracker = create_tracker("est-ce que ça peut toucher la thyroïde ?", "ask_side_effects")
    messages, _ = await run_action(ActionAnswerKnowledge(), tracker)
    text = texts(messages)
    assert "lévothyrox" in text.lower() or "levothyrox" in text.lower()
    assert "décrivez" in text


async def test_unknown_intent_is_an_honest_no_answer():
    tracker = create_tracker("???", "ask_something_new")
    messages, _ = await run_action(ActionAnswerKnowledge(), tracker)
    assert len(messages) == 1 and messages[0]["text"]
