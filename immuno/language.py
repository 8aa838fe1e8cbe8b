"""Language of a patient's message, offline (knowledge/languages.yml).

Marker words of a language (knowledge/languages.yml) are needed; the packaged langid model
(no download) confirms a single marker or overrules two when sure of French. Anything
short, unsure or mixed is French: the assistant's normal path. Plain Python, no Rasa import.
"""

from __future__ import annotations

import re
from datetime import datetime, timezone
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml

from immuno.normalize import normalize
from immuno.paths import ROOT

FRENCH = "fr"
_ARABIC = re.compile(r"[\u0600-\u06ff]")
# Letters that Unicode decomposition does not fold (Turkish dotless i, Romanian comma-s/t).
_FOLD = str.maketrans({"ı": "i", "ș": "s", "ț": "t", "ş": "s", "ţ": "t"})


@dataclass(frozen=True)
class LanguageData:
    detection: dict
    markers: dict[str, frozenset]
    english: dict
    other: dict

    def english_level(self, text: str) -> str | None:
        """emergency | urgent | advice from the English red-flag words, or None."""
        norm = normalize(str(text or "").translate(_FOLD))
        for level in ("emergency", "urgent", "advice"):
            if any(re.search(p, norm) for p in self.english[level]):
                return level
        return None


@lru_cache(maxsize=4)
def load_languages(path: str | None = None) -> LanguageData:
    path = Path(path) if path else ROOT / "knowledge" / "languages.yml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    markers = {lang: frozenset(words) for lang, words in data["markers"].items()}
    return LanguageData(data["detection"], markers, data["english"], data["other"])


@lru_cache(maxsize=1)
def _identifier(languages: tuple[str, ...]):
    from langid.langid import LanguageIdentifier, model  # ~0.2 s and ~30 MB, once

    identifier = LanguageIdentifier.from_modelstring(model, norm_probs=True)
    identifier.set_languages(list(languages))
    return identifier


def detect(text: str, data: LanguageData | None = None) -> str:
    """ISO code of a supported language other than French, else "fr"."""
    data = data or load_languages()
    raw = str(text or "")
    if len(_ARABIC.findall(raw)) >= 2:
        return "ar"
    words = normalize(raw.translate(_FOLD)).split()
    if not words:
        return FRENCH
    hits = {lang: sum(w in markers for w in words) for lang, markers in data.markers.items()}
    french = hits.pop(FRENCH, 0)
    best = max(hits, key=hits.get)
    settings = data.detection
    if hits[best] <= french or best not in settings["supported"]:
        return FRENCH
    if hits[best] >= 2:
        if len(words) >= settings["model_min_words"]:
            guess, probability = _identifier(tuple(settings["model_languages"])).classify(raw)
            if guess == FRENCH and probability >= settings["model_min_probability"]:
                return FRENCH
        return best
    guess, probability = _identifier(tuple(settings["model_languages"])).classify(raw)
    return best if guess == best and probability >= settings["model_agree_probability"] else FRENCH


def tells(text: str, data: LanguageData | None = None) -> bool:
    """True when the message has a word typical of some language (French included): "ok",
    "thanks" or "38,5" tell nothing, so they leave the conversation's language as it was."""
    data = data or load_languages()
    raw = str(text or "")
    if len(_ARABIC.findall(raw)) >= 2:
        return True
    words = normalize(raw.translate(_FOLD)).split()
    return any(w in markers for w in words for markers in data.markers.values())


def reply_lines(
    code: str | None, text: str, contacts, now=None, data: LanguageData | None = None
) -> list[str]:
    """What the action server adds after utter_other_language: for English, the urgent or
    advice message when the message names a symptom; for every language, the team's number
    that is right for this hour (the day line when open, else the 24/7 line)."""
    data = data or load_languages()
    entry = data.other.get(code or "")
    if not entry:
        return []
    phone = _phone_now(contacts, now)
    if code == "en":
        level = data.english_level(text)
        if level in ("urgent", "advice"):
            return [data.english["messages"][level].format(phone=phone)]
    return [entry["team"].format(phone=phone)]


def emergency_followup_lines(
    code: str | None, contacts, now=None, data: LanguageData | None = None
) -> list[str] | None:
    """For an English-writing patient, what follows the emergency message (which team to
    tell, with the number for this hour); None for every other language (the French lines)."""
    if code != "en":
        return None
    data = data or load_languages()
    return [data.english["messages"]["after_emergency"].format(phone=_phone_now(contacts, now))]


def _phone_now(contacts, now=None) -> str:
    """The day line when the team is open, else the 24/7 line."""
    return (
        contacts.day_phone
        if contacts.is_open(now or datetime.now(timezone.utc))
        else contacts.line_24_7
    )
