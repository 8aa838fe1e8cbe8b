"""Medical knowledge (knowledge/topics.yml, drugs.yml, side_effects.yml) and the answers built
from it. Plain Python, no Rasa import. Every matcher runs on `immuno.normalize.normalize`d text.
"""

from __future__ import annotations

import copy
import os
import re
from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import Path

import yaml

from immuno import content
from immuno.normalize import normalize
from immuno.practical import Practical
from immuno.unknown_drugs import UnknownDrugs

from immuno.paths import ROOT as REPO_DIR

FILES = ("topics.yml", "drugs.yml", "side_effects.yml")
OPTIONAL_FILES = ("practical.yml", "unknown_drugs.yml")
DRUG_INTENT = "ask_drug"
SIDE_EFFECTS_INTENT = "ask_side_effects"
MANAGEMENT_INTENT = "ask_management"
ASPECT_ORDER = ("cancers", "target", "action", "year", "side_effects", "management", "combination")
CARD_ORDER = ("action", "cancers", "year")  # order of a full card, after the family
CARD_ASPECTS = ("cancers", "target", "action", "year")  # answered from the drug's own card
PRACTICAL_INTENT = "ask_practical"
INDICATIONS_INTENT = "ask_indications"
# Intents answered by action_answer_knowledge (data/rules.yml; a test checks the two agree).
KNOWLEDGE_INTENTS = (
    "ask_immunotherapy",
    "ask_immune_system",
    "ask_cytokines",
    "ask_monoclonal_antibodies",
    "ask_checkpoint_inhibitors",
    "ask_drug",
    "ask_indications",
    "ask_side_effects",
    "ask_management",
    "ask_rcp_toxicite",
    "ask_further_reading",
    PRACTICAL_INTENT,
)
# General topics a question about one named drug is mistaken for.
FAMILY_INTENTS = (
    "ask_immunotherapy",
    "ask_cytokines",
    "ask_monoclonal_antibodies",
    "ask_checkpoint_inhibitors",
)


@dataclass(frozen=True)
class Topic:
    id: str
    title: str
    question: str
    answer: str
    source: str


@dataclass(frozen=True)
class Drug:
    id: str
    name: str
    label: str
    brands: tuple[str, ...]
    synonyms: tuple[str, ...]
    family: str
    family_label: str
    family_short: str
    target: str
    target_text: str
    action: str
    cancers: tuple[str, ...]
    cancers_text: str
    year: str | None
    history: str
    question: str
    source: str
    other_uses: str = ""

    @property
    def names(self) -> list[str]:
        """Generic name, brands and synonyms, without case-insensitive duplicates."""
        seen, names = set(), []
        for name in (self.name, *self.brands, *self.synonyms):
            if name.lower() not in seen:
                seen.add(name.lower())
                names.append(name)
        return names

    def aspect_sentences(self, aspect: str) -> list[str]:
        return {
            "cancers": [self.cancers_text, *filter(None, [self.other_uses])],
            "target": [self.target_text],
            "action": [self.target_text, self.action],
            "year": [self.history],
        }[aspect]


@dataclass(frozen=True)
class Organ:
    id: str
    title: str
    question: str
    cues: tuple[str, ...]
    answer: str
    management: str
    if_it_happens: str
    source: str


@dataclass
class Answer:
    text: str
    source: str
    buttons: list[dict[str, str]] = field(default_factory=list)
    topic: str = ""
    drugs: list[str] = field(default_factory=list)
    organs: list[str] = field(default_factory=list)
    # What the material could not answer, for the staff counts: "topic:<id>", "drug:<name>".
    unanswered: list[str] = field(default_factory=list)


@dataclass
class FaqEntry:
    question: str
    answer: str
    source: str
    id: str = ""


@dataclass
class FaqSection:
    title: str
    entries: list[FaqEntry]
    id: str = ""


def _capitalize(text: str) -> str:
    return text[:1].upper() + text[1:]


def _decapitalize(text: str) -> str:
    return text if text[1:2].isupper() else text[:1].lower() + text[1:]


def _edit_distance(a: str, b: str, limit: int) -> int:
    """Optimal string alignment distance (a swap counts as one edit); stops early past limit."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    prev2, prev = None, list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        row = [i] + [0] * len(b)
        for j, cb in enumerate(b, 1):
            row[j] = min(prev[j] + 1, row[j - 1] + 1, prev[j - 1] + (ca != cb))
            if prev2 is not None and i > 1 and j > 1 and ca == b[j - 2] and a[i - 2] == cb:
                row[j] = min(row[j], prev2[j - 2] + 1)
        if min(row) > limit:
            return limit + 1
        prev2, prev = prev, row
    return prev[-1]


def _typo_limit(name: str) -> int:
    """Edits tolerated for a misspelt drug name: none for short names (ipi, nivo, atezo)."""
    return 0 if len(name) < 6 else 1 if len(name) < 11 else 2


class Knowledge:
    def __init__(
        self,
        topics: dict,
        drugs: dict,
        organs: list,
        drug_data: dict,
        effects_data: dict,
        fallback: dict,
    ):
        self.topics: dict[str, Topic] = topics
        self.drugs: dict[str, Drug] = drugs
        self.organs: list[Organ] = organs
        self._aspect_cues = {
            a: [re.compile(c) for c in drug_data["aspects"][a]] for a in ASPECT_ORDER
        }
        self._drug_texts: dict[str, str] = drug_data["texts"]
        self._family_topics: dict[str, str] = drug_data["family_topics"]
        self._invitation = effects_data["invitation"]
        self._invitation_general = effects_data["invitation_general"]
        self._organ_cues = {o.id: [re.compile(c) for c in o.cues] for o in organs}
        self._fallback = fallback
        self._cancer_question = [re.compile(c) for c in drug_data.get("cancer_question") or ()]
        card_question = drug_data.get("card_question") or {}
        self._card_cues = [re.compile(c) for c in card_question.get("cues") or ()]
        self._card_unless = [re.compile(c) for c in card_question.get("unless") or ()]
        self._cancer_texts: dict = drug_data.get("cancer_texts") or {}
        self._cancer_types = [
            dict(c, cues=[re.compile(x) for x in c["cues"]])
            for c in drug_data.get("cancer_types") or ()
        ]
        self.practical: Practical | None = None
        self.unknown: UnknownDrugs | None = None
        self._figures: list[dict] = []
        self._name_index: dict[str, str] = {}
        for drug in drugs.values():
            for name in filter(None, map(normalize, drug.names)):
                if self._name_index.setdefault(name, drug.id) != drug.id:
                    raise ValueError(
                        f"drug name {name!r} is used by {self._name_index[name]} and {drug.id}"
                    )
        self._typo_cache: dict[str, str | None] = {}
        self._name_patterns = [
            (re.compile(r"(?<!\w)" + re.escape(n) + r"(?!\w)"), drug_id)
            for n, drug_id in self._name_index.items()
        ]

    # ---- loading -------------------------------------------------------------------------
    @classmethod
    def from_directory(cls, directory: str | Path) -> "Knowledge":
        directory = Path(directory)
        optional = {
            name: _read_yaml(directory / name)
            for name in OPTIONAL_FILES
            if (directory / name).exists()
        }
        return cls.from_data(*(_read_yaml(directory / name) for name in FILES), **optional)

    @classmethod
    def from_data(
        cls, topics_data: dict, drug_data: dict, effects_data: dict, **optional: dict
    ) -> "Knowledge":
        """From the parsed files; `optional` by file name (practical.yml, unknown_drugs.yml)."""
        topics = {t["id"]: Topic(**t) for t in topics_data["topics"]}
        drugs = {}
        for raw in drug_data["drugs"]:
            values = dict(raw, year=None if raw.get("year") is None else str(raw["year"]))
            for key in ("brands", "synonyms", "cancers"):
                values[key] = tuple(str(v) for v in raw.get(key) or ())
            drugs[raw["id"]] = Drug(**values)
        organs = [Organ(**dict(o, cues=tuple(o["cues"]))) for o in effects_data["organs"]]
        for item in [*topics.values(), *drugs.values(), *organs]:
            if not str(item.source).strip():
                raise ValueError(f"knowledge entry {item.id!r} has no source")
        knowledge = cls(topics, drugs, organs, drug_data, effects_data, topics_data["fallback"])
        knowledge._read_more = topics_data["read_more"]
        knowledge._figures = [
            dict(f, cues=[re.compile(c) for c in f["cues"]])
            for f in topics_data.get("figures") or ()
        ]
        if "practical.yml" in optional:
            knowledge.practical = Practical(optional["practical.yml"])
        if "unknown_drugs.yml" in optional:
            knowledge.unknown = UnknownDrugs(optional["unknown_drugs.yml"])
        return knowledge

    # ---- lookups -------------------------------------------------------------------------
    def drug(self, drug_id: str) -> Drug:
        resolved = self.resolve_drug(drug_id)
        if resolved is None:
            raise KeyError(drug_id)
        return self.drugs[resolved]

    def drug_synonyms(self) -> dict[str, list[str]]:
        return {d.id: d.names for d in self.drugs.values()}

    def resolve_drug(self, name: str) -> str | None:
        """Generic id for a drug id, brand, synonym or misspelling; None when unknown."""
        found = self.find_drugs(str(name).replace("_", " "))
        return found[0] if found else None

    def find_drugs(self, text: str) -> list[str]:
        """Generic ids of the drugs named in free text, in order of first mention."""
        norm = normalize(str(text or ""))
        positions: dict[str, int] = {}
        for pattern, drug_id in self._name_patterns:
            match = pattern.search(norm)
            if match and match.start() < positions.get(drug_id, len(norm) + 1):
                positions[drug_id] = match.start()
        for match in re.finditer(r"\w{5,}", norm):
            drug_id = self._closest_name(match.group())
            if drug_id and drug_id not in positions:
                positions[drug_id] = match.start()
        return sorted(positions, key=positions.get)

    def _closest_name(self, word: str) -> str | None:
        """Drug id whose name is one typo away from `word` (two for long names); memoised."""
        if word not in self._typo_cache:
            if len(self._typo_cache) > 10_000:
                self._typo_cache.clear()
            self._typo_cache[word] = self._closest_name_uncached(word)
        return self._typo_cache[word]

    def _closest_name_uncached(self, word: str) -> str | None:
        best, best_distance = set(), 99
        for name, drug_id in self._name_index.items():
            limit = _typo_limit(name)
            if " " in name or limit == 0:
                continue
            distance = _edit_distance(word, name, limit)
            if distance <= limit and distance <= best_distance:
                best = {drug_id} if distance < best_distance else best | {drug_id}
                best_distance = distance
        return next(iter(best)) if len(best) == 1 else None

    def find_organs(self, text: str) -> list[str]:
        norm = normalize(str(text or ""))
        return [o.id for o in self.organs if any(c.search(norm) for c in self._organ_cues[o.id])]

    def find_aspects(self, text: str) -> list[str]:
        """Aspects of a drug question (cancers, action, year) in the order they are asked."""
        norm = normalize(str(text or ""))
        found = {}
        for aspect, cues in self._aspect_cues.items():
            starts = [m.start() for c in cues for m in [c.search(norm)] if m]
            if starts:
                found[aspect] = min(starts)
        return sorted(found, key=found.get)

    def answered_as(self, intent: str, text: str) -> str:
        """The intent that names the answer `answer` gives to a knowledge question: one that
        names a practical topic (a vaccine, the sun, alcohol, a trip...) is answered from
        practical.yml whichever knowledge intent the classifier read, so it is
        `ask_practical`. A side-effect or management intent on a question about what a named
        drug is or treats, with no effect named ("c'est quoi le Tecentriq ?"), is `ask_drug`:
        the classifier mixes the two up on drug names; a side-effect question that asks how to
        treat them is `ask_management`; a drug question that names no drug but an association
        ("immuno + chimio") is `ask_indications`. Any other intent is returned as it is."""
        if intent not in KNOWLEDGE_INTENTS or intent == PRACTICAL_INTENT or not self.practical:
            return intent
        unknown, text = self._unknown_drugs(text if isinstance(text, str) else "")
        if self.practical.find(text):
            return PRACTICAL_INTENT
        if self._asks_management(intent, text) and not unknown:
            return MANAGEMENT_INTENT
        if intent in (SIDE_EFFECTS_INTENT, MANAGEMENT_INTENT) and not unknown:
            return DRUG_INTENT if self._asks_the_card(text) else intent
        if intent == DRUG_INTENT and not unknown:
            return self._drug_question_answered_as(text)
        return intent

    def _drug_question_answered_as(self, text: str) -> str:
        """A drug question is answered from the side effects or their management when that
        is all it asks ("effets indésirables du nivolumab": `_understood`), and from the
        associations of the indications topic when it names no drug ("immuno + chimio en même
        temps, c'est normal ?")."""
        aspects = self.find_aspects(text)
        if not self.find_drugs(text):
            return INDICATIONS_INTENT if "combination" in aspects else DRUG_INTENT
        return {"side_effects": SIDE_EFFECTS_INTENT, "management": MANAGEMENT_INTENT}.get(
            _beyond_the_card(aspects), DRUG_INTENT
        )

    def _asks_management(self, intent: str, text: str) -> bool:
        """A side-effect question that asks how to treat them ("quels médicaments contre la
        diarrhée de l'immuno"): the classifier mixes the two up, the management answer is the
        one asked for."""
        return intent == SIDE_EFFECTS_INTENT and "management" in self.find_aspects(text)

    def _asks_the_card(self, text: str) -> bool:
        """What a named drug is, targets, treats or since when, and nothing on its effects."""
        norm = normalize(text)
        if not self.find_drugs(text) or self.find_organs(text):
            return False
        aspects = set(self.find_aspects(text))
        if aspects & {"side_effects", "management"} or any(
            c.search(norm) for c in self._card_unless
        ):
            return False
        return bool(aspects & set(CARD_ASPECTS)) or any(c.search(norm) for c in self._card_cues)

    # ---- answers -------------------------------------------------------------------------
    def answer(
        self, intent: str, text: str, entities: dict[str, list[str]] | None = None
    ) -> Answer:
        """Answer ready to send; never raises (unknown intent or failure -> honest fallback)."""
        try:
            intent = str(intent or "").strip()
            text = text if isinstance(text, str) else ""
            unknown, text = self._unknown_drugs(text)
            # With an unknown name, the classifier's tags may sit inside it ("trastuzumab
            # deruxtecan"): only the names left in the text count.
            drug_ids = self._drugs_asked(text, None if unknown else entities)
            if self._asks_management(intent, text):
                intent = MANAGEMENT_INTENT
            understood = self._understood(intent, text, drug_ids, unknown)
            if understood:
                return understood
            if intent == DRUG_INTENT:
                return self._with_read_more(self._drug_answer(drug_ids, text))
            if intent == SIDE_EFFECTS_INTENT:
                return self._with_read_more(self._side_effects_answer(text, drug_ids))
            if intent == MANAGEMENT_INTENT:
                return self._with_read_more(self._management_answer(text))
            topic = self.topics.get(intent[len("ask_") :]) if intent.startswith("ask_") else None
            if topic:
                return self._with_read_more(Answer(topic.answer, topic.source, topic=topic.id))
        except Exception:  # noqa: BLE001 - a patient must always get a reply
            pass
        return self._fallback_answer()

    def _with_read_more(self, answer: Answer) -> Answer:
        """Where to read more: the OncOccitanie sheets for side effects, else the deck."""
        if answer.buttons or answer.topic == "further_reading":
            return answer  # a question back to the patient, or already the reading list
        key = "side_effects" if answer.topic in ("side_effects", "management") else "deck"
        body, last = answer.text, ""
        for invitation in (self._invitation, self._invitation_general):
            if body.endswith(invitation):  # the invitation to describe symptoms stays last
                body, last = body[: -len(invitation)].rstrip("\n"), "\n" + invitation
        return replace(answer, text=f"{body}\n{self._read_more[key]}{last}")

    def _fallback_answer(self) -> Answer:
        fb = self._fallback
        return Answer(
            fb["answer"],
            fb["source"],
            [dict(b) for b in fb["buttons"]],
            topic="unknown",
            unanswered=["topic:unknown"],
        )

    # ---- question understanding: what is asked, beyond the intent --------------------------
    def _unknown_drugs(self, text: str) -> tuple[list[tuple[str, str]], str]:
        """Drugs the material does not describe, and the text without them."""
        if not self.unknown:
            return [], text
        return self.unknown.find(
            text, lambda word: word in self._name_index or bool(self._closest_name(word))
        )

    def _understood(
        self, intent: str, text: str, drug_ids: list[str], unknown: list[str]
    ) -> Answer | None:
        """The answer to what is asked when the intent alone would miss it: a drug the material
        does not describe, a practical question, a figure, the drugs named for a cancer, or
        one aspect of a known drug. None: the intent's own answer is the right one."""
        practical = self.practical.find(text) if self.practical else []
        if unknown:
            return self._unknown_answer(unknown, drug_ids, practical)
        if practical or intent == PRACTICAL_INTENT:
            return self._practical_answer(practical)
        norm = normalize(text)
        for figure in self._figures:
            if all(c.search(norm) for c in figure["cues"]):
                return self._with_read_more(
                    Answer(figure["answer"], figure["source"], topic=f"figure:{figure['id']}")
                )
        if not drug_ids:
            return self._cancer_answer(norm)
        aspects = self.find_aspects(text)
        if intent in FAMILY_INTENTS and set(aspects) & set(CARD_ASPECTS):
            # "quel est le mécanisme d'action du nivolumab" read as a general question: the
            # named drug's card answers it.
            return self._with_read_more(self._drug_answer(drug_ids, text))
        asked = _beyond_the_card(aspects)
        if asked is None or intent in (SIDE_EFFECTS_INTENT, MANAGEMENT_INTENT):
            return None
        if asked == "side_effects":
            return self._with_read_more(self._side_effects_answer(text, drug_ids))
        if asked == "management":
            return self._with_read_more(self._management_answer(text))
        topic = self.topics["indications"]
        labels = _labels_of([self.drugs[i] for i in drug_ids])
        body = self._drug_texts["combination_intro"].format(labels=labels) + " " + topic.answer
        return self._with_read_more(Answer(body, topic.source, topic="combination", drugs=drug_ids))

    def _unknown_answer(
        self, names: list[tuple[str, str]], drug_ids: list[str], practical: list[str]
    ) -> Answer:
        texts = self.unknown.texts
        lines = [self.unknown.sentence([said for said, _ in names])]
        sources = [texts["source"]]
        if practical:
            topic_lines, topic_sources = self.practical.answer_lines(practical[0])
            lines += topic_lines
            sources += topic_sources
        else:
            lines.append(texts["team"])
        if drug_ids:
            lines.append(
                texts["also_known"].format(labels=_labels_of([self.drugs[i] for i in drug_ids]))
            )
        unanswered = [f"drug:{inn.lower()}" for _, inn in names] + [
            f"topic:{t}" for t in practical[:1] if not self.practical.topics[t].answered
        ]
        return Answer(
            "\n".join(lines),
            _join_sources(sources),
            topic="unknown_drug",
            drugs=drug_ids,
            unanswered=unanswered,
        )

    def _practical_answer(self, topic_ids: list[str]) -> Answer:
        if not topic_ids:
            texts = self.practical.texts
            lines = [
                texts["not_covered"].format(subject=texts["generic_subject"]),
                texts["why"],
                texts["how"],
            ]
            return Answer(
                "\n".join(lines),
                texts["source"],
                topic="practical",
                unanswered=["topic:practical_other"],
            )
        lines, sources = [], []
        for topic_id in topic_ids[:2]:
            topic_lines, topic_sources = self.practical.answer_lines(topic_id)
            lines += [line for line in topic_lines if line not in lines]
            sources += topic_sources
        unanswered = [f"topic:{t}" for t in topic_ids[:2] if not self.practical.topics[t].answered]
        return Answer(
            "\n".join(lines),
            _join_sources(sources),
            topic=f"practical:{topic_ids[0]}",
            unanswered=unanswered,
        )

    def cancers_named(self, text: str) -> list[dict]:
        norm = normalize(text)
        return [c for c in self._cancer_types if any(cue.search(norm) for cue in c["cues"])]

    def _cancer_answer(self, norm: str) -> Answer | None:
        """ "Quelle immunothérapie pour le cancer du rein ?": the drugs the deck names for it."""
        if not any(c.search(norm) for c in self._cancer_question):
            return None
        if not re.search(
            r"\b(cancers?|tumeurs?|melanome|lymphome|leucemie|myelome|glioblastome|sarcome|cbnpc|llc)\b",
            norm,
        ):
            return None
        cancers = self.cancers_named(norm)
        if not cancers:
            return None
        texts, lines = self._cancer_texts, []
        for cancer in cancers[:2]:
            drugs = [self.drugs[d] for d in cancer["drugs"]]
            if drugs:
                lines.append(texts["some"].format(label=cancer["label"]))
                lines += [f"• {_capitalize(d.label)} : {d.family_short}" for d in drugs]
            else:
                lines.append(texts["none"].format(label=cancer["label"]))
        if len(lines) > len(cancers[:2]):
            lines.append(texts["note"])
        drug_ids = [d for c in cancers[:2] for d in c["drugs"]]
        return self._with_read_more(
            Answer("\n".join(lines), texts["source"], topic="cancer", drugs=drug_ids)
        )

    def _drugs_asked(self, text: str, entities: dict | None) -> list[str]:
        values = entities.get("drug") if isinstance(entities, dict) else None
        values = (
            [values]
            if isinstance(values, str)
            else values
            if isinstance(values, (list, tuple))
            else []
        )
        ids = [self.resolve_drug(v) for v in values if isinstance(v, str)]
        ids = [i for i in ids if i]
        return list(dict.fromkeys(ids + self.find_drugs(text)))

    def drug_card(self, drug: Drug, aspects: list[str] | tuple[str, ...] = ()) -> str:
        """Short card; the aspects asked come first, then the rest of the card."""
        aspects = [a for a in aspects if a in CARD_ASPECTS]
        first = list(dict.fromkeys(s for a in aspects for s in drug.aspect_sentences(a)))
        rest = [
            s
            for a in CARD_ORDER
            if a not in aspects
            for s in drug.aspect_sentences(a)
            if s not in first
        ]
        if not first:
            return " ".join([f"{_capitalize(drug.label)} est {drug.family_label}.", *rest])
        lead = f"{_capitalize(drug.label)} : {_decapitalize(first[0])}"
        return " ".join([lead, *first[1:], f"C'est {drug.family_label}.", *rest])

    def drug_brief(self, drug: Drug, aspects: list[str]) -> str:
        aspects = [a for a in aspects if a in CARD_ASPECTS]
        if aspects:
            sentences = list(
                dict.fromkeys(
                    s for a in aspects for s in drug.aspect_sentences(a) if s != drug.other_uses
                )
            )
            return f"• {_capitalize(drug.label)} : " + _decapitalize(" ".join(sentences))
        year = (
            f" ; depuis {'' if drug.year[:1].isdigit() else 'le '}{drug.year}" if drug.year else ""
        )
        return (
            f"• {_capitalize(drug.label)} : {drug.family_short} ; {', '.join(drug.cancers)}{year}."
        )

    def _drug_answer(self, drug_ids: list[str], text: str) -> Answer:
        if not drug_ids:
            buttons = [
                {"title": _drug_button_title(d), "payload": d.question} for d in self.drugs.values()
            ]
            return Answer(
                self._drug_texts["which_drug"],
                self._drug_texts["which_drug_source"],
                buttons,
                "drug",
            )
        aspects = self.find_aspects(text)
        if not set(aspects) & set(CARD_ASPECTS) and self.cancers_named(text):
            aspects = ["cancers"]  # "j'ai un mélanome et je suis sous Keytruda"
        drugs = [self.drugs[i] for i in drug_ids]
        if len(drugs) == 1:
            body = self.drug_card(drugs[0], aspects)
        else:
            lines = [
                self._drug_texts["several_intro"],
                *(self.drug_brief(d, aspects) for d in drugs),
            ]
            if "cancers" in aspects and any(d.other_uses for d in drugs):
                lines.append(self._drug_texts["several_other_uses"])
            body = "\n".join(lines)
        return Answer(body, _join_sources(d.source for d in drugs), topic="drug", drugs=drug_ids)

    def organ_text(self, organ: Organ) -> str:
        return " ".join(p for p in (organ.answer, organ.management, organ.if_it_happens) if p)

    def _side_effects_answer(self, text: str, drug_ids: list[str]) -> Answer:
        organs = [o for o in self.organs if o.id in self.find_organs(text)]
        lines = [self._drug_side_effects_note(self.drugs[i]) for i in drug_ids]
        if organs:
            lines += [self.organ_text(o) for o in organs]
            invitation = self._invitation if len(organs) == 1 else self._invitation_general
            sources = [o.source for o in organs]
        else:
            lines.append(self.topics["side_effects"].answer)
            invitation, sources = self._invitation_general, [self.topics["side_effects"].source]
        text_out = "\n".join([*lines, invitation])
        return Answer(
            text_out,
            _join_sources(sources),
            topic="side_effects",
            drugs=drug_ids,
            organs=[o.id for o in organs],
        )

    def _drug_side_effects_note(self, drug: Drug) -> str:
        key = (
            "side_effects_checkpoint"
            if drug.family == "checkpoint_inhibitor"
            else "side_effects_other"
        )
        return self._drug_texts[key].format(Label=_capitalize(drug.label), label=drug.label)

    def _management_answer(self, text: str) -> Answer:
        topic = self.topics["management"]
        named = self.find_organs(text)
        organs = [o for o in self.organs if o.id in named and o.management]
        if not organs and named:
            # "que faire si j'ai de la fièvre ?": no treatment in the material for it, but
            # what to do if it happens is the answer the patient needs.
            return self._side_effects_answer(text, [])
        if not organs:
            return Answer(topic.answer, topic.source, topic=topic.id)
        lines = [f"{o.title} : {_decapitalize(o.management)} {o.if_it_happens}" for o in organs]
        invitation = self._invitation if len(organs) == 1 else self._invitation_general
        return Answer(
            "\n".join([*lines, invitation]),
            _join_sources(o.source for o in organs),
            topic=topic.id,
            organs=[o.id for o in organs],
        )

    # ---- FAQ -----------------------------------------------------------------------------
    def faq(self) -> list[FaqSection]:
        """Every answer the bot gives, grouped by topic (drugs under their family's topic)."""
        sections = []
        for topic in self.topics.values():
            main = self.answer(f"ask_{topic.id}", "")
            entries = [FaqEntry(topic.question, main.text, main.source, topic.id)]
            for drug in self.drugs.values():
                if self._family_topics.get(drug.family) == topic.id:
                    card = self._with_read_more(
                        Answer(self.drug_card(drug), drug.source, topic="drug")
                    )
                    entries.append(FaqEntry(drug.question, card.text, drug.source, drug.id))
            if topic.id == "side_effects":
                for organ in self.organs:
                    text = "\n".join([self.organ_text(organ), self._invitation])
                    text = self._with_read_more(Answer(text, organ.source, topic=topic.id)).text
                    entries.append(FaqEntry(organ.question, text, organ.source, organ.id))
            sections.append(FaqSection(topic.title, entries, topic.id))
        if self.practical:
            entries = []
            for topic in self.practical.topics.values():
                answer = self._practical_answer([topic.id])
                entries.append(
                    FaqEntry(topic.question, answer.text, answer.source, f"practical_{topic.id}")
                )
            sections.append(FaqSection(self.practical.texts["faq_title"], entries, "practical"))
        return sections


def _beyond_the_card(aspects: list[str]) -> str | None:
    """What a drug question asks when its card answers none of it ("effets indésirables du
    nivolumab": side_effects; management, combination), else None."""
    extra = [a for a in aspects if a not in CARD_ASPECTS]
    return extra[0] if extra and len(extra) == len(aspects) else None


def _of(label: str) -> str:
    """French "de" before a label: "du pembrolizumab", "de l'IL-2"."""
    return (
        "du " + label[3:]
        if label.startswith("le ")
        else "des " + label[4:]
        if label.startswith("les ")
        else "de " + label
    )


def _labels_of(drugs: list[Drug]) -> str:
    return " et ".join(_of(d.label) for d in drugs)


def _drug_button_title(drug: Drug) -> str:
    return f"{drug.brands[0]} ({drug.name})" if drug.brands else drug.name


def _join_sources(sources) -> str:
    return " ; ".join(dict.fromkeys(s for s in sources if s))


def _read_yaml(path: Path) -> dict:
    with open(path, encoding="utf-8") as handle:
        return yaml.safe_load(handle)


def knowledge_dir(directory: str | None = None) -> Path:
    return Path(directory or os.environ.get("KNOWLEDGE_DIR") or REPO_DIR / "knowledge").resolve()


@lru_cache(maxsize=8)
def _load_cached(directory: Path) -> Knowledge:
    return Knowledge.from_directory(directory)


# The content in use (immuno.content): rebuilt when an edit is valid, else the last good one.
def _from_content(snapshot: content.Snapshot) -> Knowledge:
    data = {
        name: copy.deepcopy(snapshot.data(name))
        for name in FILES + OPTIONAL_FILES
        if name in snapshot.documents
    }
    return Knowledge.from_data(*(data.pop(name) for name in FILES), **data)


_in_use = content.Derived("knowledge", _from_content)


def load_knowledge(directory: str | None = None) -> Knowledge:
    """Knowledge of the content in use (KNOWLEDGE_DIR, else <repo>/knowledge), or of `directory`."""
    if directory is None or knowledge_dir(directory) == content.knowledge_dir():
        return _in_use.get()
    return _load_cached(knowledge_dir(directory))
