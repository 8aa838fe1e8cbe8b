"""Practical questions and drug aspects the deck does not cover (knowledge/practical.yml).

Plain Python, no Rasa import. A topic is found by its cues on normalised text; its answer is
the hospital's vetted text when set, else the honest "not covered" sentence, the facts the
clinical reference allows (with their sources), why the team is the one to ask, and how.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import yaml

from immuno.normalize import normalize


@dataclass(frozen=True)
class PracticalTopic:
    id: str
    title: str
    question: str
    subject: str
    cues: tuple[re.Pattern, ...]
    facts: tuple[dict, ...]
    hospital: dict | None
    covered: bool

    @property
    def answered(self) -> bool:
        """True when the patient gets an answer, not only "ask your team"."""
        return self.covered or bool(self.hospital)


class Practical:
    def __init__(self, data: dict):
        self.texts = data["texts"]
        self.topics: dict[str, PracticalTopic] = {}
        for raw in data["topics"]:
            hospital = raw.get("hospital") or None
            if hospital and not (
                str(hospital.get("text", "")).strip() and str(hospital.get("source", "")).strip()
            ):
                raise ValueError(
                    f"practical topic {raw['id']!r}: a hospital answer needs a text and a source"
                )
            for fact in raw.get("facts") or ():
                if not str(fact.get("source", "")).strip():
                    raise ValueError(f"practical topic {raw['id']!r}: a fact has no source")
            self.topics[raw["id"]] = PracticalTopic(
                id=raw["id"],
                title=raw["title"],
                question=raw["question"],
                subject=raw["subject"],
                cues=tuple(re.compile(c) for c in raw["cues"]),
                facts=tuple(raw.get("facts") or ()),
                hospital=hospital,
                covered=bool(raw.get("covered")),
            )

    @classmethod
    def from_file(cls, path: str | Path) -> "Practical":
        with open(path, encoding="utf-8") as handle:
            return cls(yaml.safe_load(handle))

    def find(self, text: str) -> list[str]:
        """Topic ids named in the text, in order of first mention."""
        norm = normalize(text)
        found = {}
        for topic in self.topics.values():
            starts = [m.start() for c in topic.cues for m in [c.search(norm)] if m]
            if starts:
                found[topic.id] = min(starts)
        return sorted(found, key=found.get)

    def answer_lines(self, topic_id: str) -> tuple[list[str], list[str]]:
        """(sentences, sources) for one topic."""
        topic = self.topics[topic_id]
        if topic.hospital:
            return [topic.hospital["text"].strip()], [topic.hospital["source"]]
        lines = [] if topic.covered else [self.texts["not_covered"].format(subject=topic.subject)]
        lines += [f["text"] for f in topic.facts]
        sources = [f["source"] for f in topic.facts] + [self.texts["source"]]
        if not topic.covered:
            lines.append(self.texts["why"])
        lines.append(self.texts["how"])
        return lines, sources
