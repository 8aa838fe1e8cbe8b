"""Safety net that the intent classifier cannot override.

Runs on every message, after DIET and the FallbackClassifier. When the triage engine
finds a present, non-negated life-threatening sign, the intent becomes
`report_emergency` (the rule answering it uses a domain response, so it works without
the action server) and the entities `triage_level` and `symptom` fill the slots.
The classifier's own `report_emergency` becomes `report_symptom` only when the criteria
explain the whole message with lower-level signs or an ambiguous word ("malaise", asked
about with what to do if it is serious), or a red flag is explicitly negated.
A present symptom report that the classifier took for a social turn, an
out-of-scope message or a knowledge question becomes `report_symptom`; a question about
a possible side effect that it took for a report becomes `ask_side_effects`. The criteria come from knowledge/triage.yml through immuno.triage.
"""

from __future__ import annotations

import logging
from typing import Any, Dict, List, Text

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.nlu.classifiers.classifier import IntentClassifier
from rasa.shared.nlu.constants import ENTITIES, INTENT, INTENT_RANKING_KEY, TEXT
from rasa.shared.nlu.training_data.message import Message

from immuno import triage
from immuno import phrases
from immuno.understanding import REPLY_KIND_OF_INTENT, understand

logger = logging.getLogger(__name__)

EMERGENCY_INTENT = "report_emergency"
OUT_OF_SCOPE_INTENT = "out_of_scope"
SYMPTOM_INTENT = "report_symptom"
DRUG_INTENT = "ask_drug"
SIDE_EFFECT_QUESTION_INTENT = "ask_side_effects"
REPORT_INTENTS = {EMERGENCY_INTENT, SYMPTOM_INTENT}
# Intents a question about a possible side effect is mistaken for.
TAKEN_FOR_A_QUESTION = REPORT_INTENTS | {
    "ask_immunotherapy",
    "ask_indications",
    "nlu_fallback",
    "out_of_scope",
}
# Intents that answer a triage question or close an emergency: a symptom word in them
# is part of the answer, not a new report.
ANSWER_INTENTS = {"affirm", "deny", "dont_know", "stop"}
STOP_INTENT = "stop"
# The intent of each kind of reply the text rules read (immuno.triage.reply_kind).
REPLY_INTENTS = {kind: intent for intent, kind in REPLY_KIND_OF_INTENT.items()}
KEEP_INTENTS = ANSWER_INTENTS | {SYMPTOM_INTENT, "emergency_handled"}


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER, is_trainable=False)
class RedFlagDetector(GraphComponent, IntentClassifier):
    @staticmethod
    def get_default_config() -> Dict[Text, Any]:
        return {"criteria_path": None}

    def __init__(self, config: Dict[Text, Any]) -> None:
        self._criteria_path = config.get("criteria_path")
        phrases.warm_up(self.criteria)

    @property
    def criteria(self):
        # The content in use, as in the action server: an edit reaches both servers alike.
        return triage.load_criteria(self._criteria_path)

    @classmethod
    def create(
        cls,
        config: Dict[Text, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> "RedFlagDetector":
        return cls(config)

    def process(self, messages: List[Message]) -> List[Message]:
        for message in messages:
            self._check(message)
        return messages

    def process_training_data(self, training_data: Any) -> Any:
        return training_data

    def _check(self, message: Message) -> None:
        text = message.get(TEXT) or ""
        understanding = understand(text, self.criteria)
        assessment = triage.assess(understanding, self.criteria)
        predicted = (message.get(INTENT) or {}).get("name") or ""
        if predicted == STOP_INTENT:
            predicted = self._confirm_stop(message, text)
        if triage.speaks_of_someone_out_of_scope(understanding, assessment):
            # "mon chien vomit", or someone who is not the patient short of an emergency:
            # out of scope, never a triage.
            if predicted in REPORT_INTENTS | ANSWER_INTENTS:
                self._force_intent(message, OUT_OF_SCOPE_INTENT)
            return
        if (
            assessment.hypothetical
            and assessment.categories
            and (
                predicted in TAKEN_FOR_A_QUESTION
                or (predicted in ANSWER_INTENTS and triage.is_question(text, self.criteria))
            )
        ):
            # "est-ce que ça peut donner de la toux ?", "si jamais je tousse, que dois-je
            # faire ?" (taken for a "non"): a question, answered with what to do if it
            # happens. The engine's report cues ("j'ai", "depuis"...) rule this out.
            self._force_intent(message, SIDE_EFFECT_QUESTION_INTENT)
            return
        if not assessment.is_report:
            if predicted not in REPORT_INTENTS and triage.is_announcement(
                understanding, self.criteria
            ):
                # "j'ai un symptôme": the triage asks which one.
                self._force_intent(message, SYMPTOM_INTENT)
            return
        if assessment.is_emergency:
            self._force_intent(message, EMERGENCY_INTENT)
            self._add_entity(message, "triage_level", "emergency")
            decision = triage.decide(triage.start(text, self.criteria), self.criteria)
            if decision.category:
                self._add_entity(message, "symptom", decision.category)
            logger.info("Red flag: emergency")
        elif predicted == EMERGENCY_INTENT:
            # The classifier's emergency is lowered only when the criteria contradict it:
            # a red flag explicitly negated ("pas de douleur dans la poitrine, mais je
            # tousse"), or lower-level signs that explain every part of the message ("je
            # vois double"). Anything left unexplained stays an emergency.
            # An ambiguous word ("malaise") is asked about, with what to do if it is serious.
            if self._negates_a_red_flag(assessment) or (
                (assessment.signs or assessment.uncertain) and assessment.explained
            ):
                self._force_intent(message, SYMPTOM_INTENT)
        elif predicted in KEEP_INTENTS:
            # A symptom named with no yes, no, "je ne sais pas" or stop in it ("diarrée"
            # taken for `stop`) is a report, not an answer.
            if predicted in ANSWER_INTENTS and not triage.is_answer(text, self.criteria):
                self._force_intent(message, SYMPTOM_INTENT)
        elif self._present_report(assessment, text, predicted):
            self._force_intent(message, SYMPTOM_INTENT)

    def _present_report(self, assessment: "triage.Assessment", text: Text, predicted: Text) -> bool:
        """A message the classifier took for a question, a social turn or out of scope,
        that in fact reports a present symptom: worded as a report ("j'ai la diarrhée,
        c'est grave ?"), or a statement rather than a question ("c'est au niveau des
        reins"). A drug question needs a present sign ("keytruda pour le cancer du
        poumon" only names an organ; "comme une grippe après l'interféron" states one)."""
        present = assessment.reported or not triage.is_question(text, self.criteria)
        if predicted == DRUG_INTENT:
            # "comme une grippe après l'injection d'interféron": a sign, stated, not asked
            return bool(assessment.signs) and present
        return present

    def _confirm_stop(self, message: Message, text: Text) -> Text:
        """A `stop` ends the questions, so the classifier's alone is not enough: a reply the
        text rules read otherwise ("moins de 4" is an answer) takes that reading, or else
        the classifier's next intent; the form then asks again rather than stopping."""
        kind = triage.reply_kind(text, self.criteria)
        if kind == "stop":
            return STOP_INTENT
        ranking = [i.get("name") for i in message.get(INTENT_RANKING_KEY) or []]
        name = REPLY_INTENTS.get(kind) or next(
            (n for n in ranking if n and n != STOP_INTENT), "nlu_fallback"
        )
        self._force_intent(message, name)
        return name

    def _negates_a_red_flag(self, assessment: "triage.Assessment") -> bool:
        signs = self.criteria.signs
        return any(
            sign_id in signs and signs[sign_id].level == "emergency"
            for sign_id in assessment.negated
        )

    @staticmethod
    def _force_intent(message: Message, name: Text) -> None:
        intent = {"name": name, "confidence": 1.0}
        message.set(INTENT, intent, add_to_output=True)
        ranking = [i for i in message.get(INTENT_RANKING_KEY) or [] if i.get("name") != name]
        message.set(INTENT_RANKING_KEY, [intent] + ranking, add_to_output=True)

    @staticmethod
    def _add_entity(message: Message, entity: Text, value: Text) -> None:
        entities = [e for e in message.get(ENTITIES) or [] if e.get("entity") != entity]
        # The level and the organ are read from the whole message, so the span is the
        # whole message (Rasa's evaluation and channels expect `start`/`end`).
        entities.append(
            {
                "entity": entity,
                "value": value,
                "extractor": "RedFlagDetector",
                "start": 0,
                "end": len(message.get(TEXT) or ""),
            }
        )
        message.set(ENTITIES, entities, add_to_output=True)
