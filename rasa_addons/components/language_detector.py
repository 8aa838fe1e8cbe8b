"""Language of the message, for patients who do not write French.

Runs after RedFlagDetector. Adds the entity `language` (slot `language`) to every message
that has a word typical of a language (French included; "ok" or "thanks" keep the slot as it was); a message in a supported language other than French becomes
`report_emergency` when it holds an English red flag (the rule answers with utter_emergency,
whose `language: en` variation is in English: no action server needed), else
`other_language` (utter_other_language in that language, then the team's number).
A French emergency found by RedFlagDetector is never changed. A message with no word at
all (emoji, punctuation) or only keyboard mashes ("qsdfgh", "ttttt": immuno/gibberish.py)
becomes nlu_fallback. Data: knowledge/languages.yml.
"""

from __future__ import annotations

import re
from typing import Any, Dict, List, Text

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.nlu.classifiers.classifier import IntentClassifier
from rasa.shared.nlu.constants import ENTITIES, INTENT, TEXT
from rasa.shared.nlu.training_data.message import Message

from rasa_addons.components.red_flag_detector import RedFlagDetector
from immuno import gibberish, language

EMERGENCY_INTENT = "report_emergency"
OTHER_LANGUAGE_INTENT = "other_language"
UNREADABLE_INTENT = "nlu_fallback"


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER, is_trainable=False)
class LanguageDetector(GraphComponent, IntentClassifier):
    @staticmethod
    def get_default_config() -> Dict[Text, Any]:
        return {"languages_path": None}

    def __init__(self, config: Dict[Text, Any]) -> None:
        self.data = language.load_languages(config.get("languages_path"))
        language.detect("warm up the packaged model once", self.data)

    @classmethod
    def create(
        cls,
        config: Dict[Text, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> "LanguageDetector":
        return cls(config)

    def process_training_data(self, training_data: Any) -> Any:
        return training_data

    def process(self, messages: List[Message]) -> List[Message]:
        for message in messages:
            self._check(message)
        return messages

    def _check(self, message: Message) -> None:
        text = message.get(TEXT) or ""
        if (text and not re.search(r"\w", text)) or gibberish.is_mash(text):
            # Only emoji or punctuation ("🙂🙂", "???"), or keyboard mashes ("qsdfgh"): nothing
            # the classifier can read (it calls them goodbye, affirm or greet), so its guess is
            # not used; the patient is asked to rephrase. The mashes are not in the training data.
            RedFlagDetector._force_intent(message, UNREADABLE_INTENT)
            return
        code = language.detect(text, self.data)
        if code != language.FRENCH or language.tells(text, self.data):
            # A message that tells nothing ("ok", "thanks") keeps the conversation's
            # language: an English patient's reminders stay in English.
            self._add_entity(message, "language", code)
        if code == language.FRENCH:
            return
        predicted = (message.get(INTENT) or {}).get("name")
        if predicted == EMERGENCY_INTENT:
            return
        if code == "en" and self.data.english_level(text) == "emergency":
            RedFlagDetector._force_intent(message, EMERGENCY_INTENT)
            self._add_entity(message, "triage_level", "emergency")
        else:
            RedFlagDetector._force_intent(message, OTHER_LANGUAGE_INTENT)

    @staticmethod
    def _add_entity(message: Message, entity: Text, value: Text) -> None:
        kept = [e for e in message.get(ENTITIES) or [] if e.get("entity") != entity]
        span = {"start": 0, "end": len(message.get(TEXT) or "")}  # read from the whole message
        message.set(
            ENTITIES,
            kept + [{"entity": entity, "value": value, "extractor": "LanguageDetector", **span}],
            add_to_output=True,
        )
