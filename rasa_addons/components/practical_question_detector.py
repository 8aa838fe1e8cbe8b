"""A knowledge question that names a practical topic is `ask_practical`.

Runs after the red-flag safety net. The knowledge layer answers a question that names a
vaccine, the sun, alcohol, a trip, a pregnancy... from knowledge/practical.yml whichever
knowledge intent the classifier read (immuno.knowledge.Knowledge.answered_as): the intent
is set to the answer's, so that the tracker, the audit and `make eval-nlu` name what the
patient was told. Nothing the patient reads changes; a report, a social turn, an
out-of-scope message or a question for a human is left alone.
In the same way, a side-effect or management intent on a question about what a named drug
is, targets or treats ("c'est quoi le Tecentriq ?", knowledge/drugs.yml `card_question`)
becomes `ask_drug`, and the drug's card answers it.
"""

from __future__ import annotations

from typing import Any, Dict, List, Text

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.nlu.classifiers.classifier import IntentClassifier
from rasa.shared.nlu.constants import INTENT, TEXT
from rasa.shared.nlu.training_data.message import Message

from immuno.knowledge import load_knowledge
from rasa_addons.components.red_flag_detector import RedFlagDetector


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER, is_trainable=False)
class PracticalQuestionDetector(GraphComponent, IntentClassifier):
    @classmethod
    def create(
        cls,
        config: Dict[Text, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> "PracticalQuestionDetector":
        return cls()

    def process(self, messages: List[Message]) -> List[Message]:
        knowledge = load_knowledge()  # the content in use, as in the action server
        for message in messages:
            predicted = (message.get(INTENT) or {}).get("name") or ""
            answered_as = knowledge.answered_as(predicted, message.get(TEXT) or "")
            if answered_as != predicted:
                RedFlagDetector._force_intent(message, answered_as)
        return messages

    def process_training_data(self, training_data: Any) -> Any:
        return training_data
