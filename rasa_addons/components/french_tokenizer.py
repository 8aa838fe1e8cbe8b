"""Whitespace tokenizer that folds case and accents, so that "fièvre", "FIEVRE" and
"fievre" give the same features. Offsets are kept, so entity values stay the user's text."""
from __future__ import annotations

import unicodedata
from typing import List, Text

from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.nlu.tokenizers.tokenizer import Token
from rasa.nlu.tokenizers.whitespace_tokenizer import WhitespaceTokenizer
from rasa.shared.nlu.training_data.message import Message


def fold(word: Text) -> Text:
    """Lower-case and strip accents, one character for one character."""
    folded = []
    for char in word.lower():
        base = unicodedata.normalize("NFD", char)[0]
        folded.append(base if base.isascii() else char)
    return "".join(folded)


@DefaultV1Recipe.register(
    DefaultV1Recipe.ComponentType.MESSAGE_TOKENIZER, is_trainable=False
)
class FrenchTokenizer(WhitespaceTokenizer):
    def tokenize(self, message: Message, attribute: Text) -> List[Token]:
        tokens = super().tokenize(message, attribute)
        for token in tokens:
            token.text = fold(token.text)
            token.lemma = token.text
        return tokens
