"""Whitespace tokenizer whose tokens are the project's folded words (immuno.normalize.fold):
"fièvre", "FIEVRE" and "fievre" give the same features, and so do "cœur" and "coeur",
"anti-PD1" and "anti pd1". Offsets are the user's text, so entity values stay the user's."""

from __future__ import annotations

from typing import List, Text

from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.nlu.tokenizers.tokenizer import Token
from rasa.nlu.tokenizers.whitespace_tokenizer import WhitespaceTokenizer
from rasa.shared.nlu.training_data.message import Message

from immuno.normalize import WORD_BREAK, fold


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.MESSAGE_TOKENIZER, is_trainable=False)
class FrenchTokenizer(WhitespaceTokenizer):
    def tokenize(self, message: Message, attribute: Text) -> List[Token]:
        tokens = []
        for token in super().tokenize(message, attribute):
            start = token.start
            # A hyphen or an apostrophe inside a token is a word break, as for fold.
            for piece in WORD_BREAK.split(token.text):
                word = "".join(fold(piece).split())
                if word:
                    tokens.append(Token(word, start, start + len(piece), lemma=word))
                start += len(piece) + 1
        return tokens or super().tokenize(message, attribute)
