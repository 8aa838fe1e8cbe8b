"""The NLU tokenizer's words are immuno.normalize.fold's, with the user's offsets."""

from rasa.shared.nlu.training_data.message import Message

from rasa_addons.components.french_tokenizer import FrenchTokenizer

TOKENIZER = FrenchTokenizer(FrenchTokenizer.get_default_config())


def tokens(text):
    return TOKENIZER.tokenize(Message({"text": text}), "text")


def test_spellings_of_one_word_give_the_same_tokens():
    assert [t.text for t in tokens("Mon cœur bat vite")] == [
        t.text for t in tokens("mon coeur bat vite")
    ]
    assert (
        [t.text for t in tokens("anti-PD1")]
        == [t.text for t in tokens("anti pd1")]
        == ["anti", "pd1"]
    )


def test_offsets_are_the_users_text():
    text = "J’ai mal au Cœur"
    assert [(t.text, text[t.start : t.end]) for t in tokens(text)] == [
        ("j", "J"),
        ("ai", "ai"),
        ("mal", "mal"),
        ("au", "au"),
        ("coeur", "Cœur"),
    ]
