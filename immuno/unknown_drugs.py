"""Drug names the deck does not describe (knowledge/unknown_drugs.yml): listed names and
unlisted ones recognised by their INN stem. Plain Python, no Rasa import."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Callable

import yaml

from immuno.normalize import normalize

STEM_MIN_LENGTH = 6


class UnknownDrugs:
    def __init__(self, data: dict):
        self.texts = data["texts"]
        self._stems = tuple(normalize(s["suffix"]) for s in data["stems"])
        self._patterns: list[tuple[re.Pattern, str, str]] = []
        for entry in data["drugs"]:
            inn = str(entry["names"][0])
            for name in map(str, entry["names"]):
                said = (
                    name
                    if normalize(name) == normalize(inn) or " " in name.strip()
                    else f"{name} ({inn})"
                )
                pattern = re.compile(r"(?<!\w)" + re.escape(normalize(name)) + r"(?!\w)")
                self._patterns.append((pattern, said, inn))
        # Longest names first, so that "trastuzumab deruxtecan" wins over a shorter name.
        self._patterns.sort(key=lambda p: -len(p[0].pattern))

    @classmethod
    def from_file(cls, path: str | Path) -> "UnknownDrugs":
        with open(path, encoding="utf-8") as handle:
            return cls(yaml.safe_load(handle))

    def find(self, text: str, is_known: Callable[[str], bool]) -> tuple[list[tuple[str, str]], str]:
        """([(name said back to the patient, name counted for staff)], normalised text with
        those names blanked out).

        `is_known(word)` tells whether a word is a known drug (or one of its misspellings):
        such a word is never taken for an unknown drug by its stem."""
        norm = normalize(text)
        found: dict[tuple[str, str], int] = {}
        for pattern, said, inn in self._patterns:
            for match in pattern.finditer(norm):
                if not any(key[1] == inn for key in found):
                    found[(said, inn)] = match.start()
                norm = (
                    norm[: match.start()]
                    + " " * (match.end() - match.start())
                    + norm[match.end() :]
                )
        for match in re.finditer(r"[a-z]+", norm):
            word = match.group()
            if len(word) >= STEM_MIN_LENGTH and word.endswith(self._stems) and not is_known(word):
                found.setdefault((word, word), match.start())
                norm = norm[: match.start()] + " " * len(word) + norm[match.end() :]
        return sorted(found, key=found.get), norm

    def sentence(self, names: list[str]) -> str:
        if len(names) == 1:
            return self.texts["one"].format(name=names[0])
        return self.texts["several"].format(names=", ".join(names[:-1]) + " et " + names[-1])
