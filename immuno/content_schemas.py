"""What every content file must hold (JSON Schema), and the checks a schema cannot express
(ids that refer to other entries, regexes that compile, placeholders that exist).

Each problem is `(path inside the file, message)`; immuno.content turns the path into a
line number and an entry name. Schemas require what the code reads and allow more keys.
"""

from __future__ import annotations

import functools
import re
import string
from typing import Any, Dict, Iterator, List, Optional, Tuple
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import jsonschema

Problem = Tuple[List[Any], str]

DAYS = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]
LEVELS = ["emergency", "urgent", "advice"]
CONTACT_FIELDS = ["team_name", "day_phone", "line_24_7", "emergency_department"]
REQUIRED = [
    "contacts.yml",
    "routing.yml",
    "topics.yml",
    "drugs.yml",
    "side_effects.yml",
    "triage.yml",
    "lexicon/reading.yml",
    "interface.yml",
]
SIGNS_LEXICON = "lexicon/signs/"  # one file per category of triage.yml


def schema_kind(kind: str) -> str:
    """The schema a file follows: every file of lexicon/signs/ follows the same one."""
    return "lexicon/signs/*.yml" if kind.startswith(SIGNS_LEXICON) else kind


# Keys whose values are regexes on normalised text, in any file.
REGEX_KEYS = {
    "patterns",
    "cues",
    "context",
    "report_cues",
    "referring_report_cues",
    "past_tense",
    "subject_cue",
}

TEXT = {"type": "string", "minLength": 1, "pattern": r"\S"}
TEXTS = {"type": "array", "items": TEXT}
HOUR = {"type": "string", "pattern": r"^([01][0-9]|2[0-3]):[0-5][0-9]$"}


def _entries(required: List[str], **properties) -> dict:
    """A list of entries, each a mapping with an id and the required keys."""
    return {
        "type": "array",
        "minItems": 1,
        "items": {
            "type": "object",
            "required": ["id", *required],
            "properties": {
                "id": {"type": "string", "pattern": r"^[a-z0-9_]+$"},
                **{key: TEXT for key in required},
                **properties,
            },
        },
    }


SCHEMAS: Dict[str, dict] = {
    "contacts.yml": {
        "type": "object",
        "required": [*CONTACT_FIELDS, "opening_hours"],
        "properties": {
            **{key: TEXT for key in CONTACT_FIELDS},
            "time_zone": TEXT,
            "opening_hours": {
                "type": "object",
                "required": ["days", "start", "end"],
                "properties": {
                    "days": {"type": "array", "minItems": 1, "items": {"enum": DAYS}},
                    "start": HOUR,
                    "end": HOUR,
                },
            },
        },
    },
    "routing.yml": {
        "type": "object",
        "required": [
            "source",
            "open_now",
            "closed_now",
            "handoff",
            "out_of_hours_advice",
            "after_emergency",
        ],
        "additionalProperties": TEXT,
    },
    "topics.yml": {
        "type": "object",
        "required": ["topics", "fallback", "read_more"],
        "properties": {"topics": _entries(["title", "question", "answer", "source"])},
    },
    "drugs.yml": {
        "type": "object",
        "required": ["drugs"],
        "properties": {
            "aspects": {"type": "object", "additionalProperties": TEXTS},
            "family_topics": {"type": "object", "additionalProperties": TEXT},
            "drugs": _entries(["name", "source"], brands=TEXTS, synonyms=TEXTS, cancers=TEXTS),
        },
    },
    "side_effects.yml": {
        "type": "object",
        "required": ["organs"],
        "properties": {"organs": _entries(["title", "answer", "source"], cues=TEXTS)},
    },
    "triage.yml": {
        "type": "object",
        "required": ["levels", "categories", "signs", "questions"],
        "properties": {
            "levels": {
                "type": "object",
                "required": LEVELS,
                "additionalProperties": {
                    "type": "object",
                    "required": ["message"],
                    "properties": {"message": TEXT},
                },
            },
            "categories": {
                "type": "object",
                "minProperties": 1,
                "additionalProperties": {
                    "type": "object",
                    "required": ["label", "source"],
                    "properties": {
                        "label": TEXT,
                        "source": TEXT,
                        "min_level": {"enum": LEVELS},
                        "questions": {"type": "array", "items": {"type": "string"}},
                    },
                },
            },
            "signs": _entries(
                ["category", "label", "source"],
                level={"enum": LEVELS},
                patterns={"type": "array", "items": {"type": "string"}},
            ),
            "combinations": _entries(
                ["category", "label", "source"],
                level={"enum": LEVELS},
                all={"type": "array", "minItems": 1, "items": TEXTS},
            ),
            "questions": {
                "type": "object",
                "additionalProperties": {
                    "type": "object",
                    "required": ["sign", "text", "source"],
                    "properties": {
                        "sign": TEXT,
                        "text": TEXT,
                        "source": TEXT,
                        "answered_by": TEXTS,
                        "ask_if": TEXTS,
                        "clarifies": TEXTS,
                        "safety": TEXT,
                        "safety_other": TEXT,
                        "remainder": {
                            "type": "array",
                            "items": {
                                "type": "object",
                                "required": ["open", "text"],
                                "properties": {"open": TEXTS, "text": TEXT, "text_other": TEXT},
                            },
                        },
                    },
                },
            },
        },
    },
    "lexicon/signs/*.yml": {
        "type": "object",
        "required": ["signs"],
        "properties": {
            "categories": {"type": "object", "additionalProperties": {"type": "object"}},
            "signs": {
                "type": "object",
                "additionalProperties": {
                    "type": "object",
                    "properties": {
                        "patterns": {"type": "array", "items": {"type": "string"}},
                        "phrases": TEXTS,
                        "context": {"type": "string"},
                        "uncertain": {
                            "type": "object",
                            "additionalProperties": False,
                            "properties": {
                                "at_least": TEXT,
                                "phrases": TEXTS,
                                "patterns": {"type": "array", "items": {"type": "string"}},
                            },
                        },
                        "denied": {
                            "type": "object",
                            "additionalProperties": False,
                            "properties": {
                                "phrases": TEXTS,
                                "patterns": {"type": "array", "items": {"type": "string"}},
                                "context": {"type": "string"},
                            },
                        },
                    },
                },
            },
        },
    },
    "lexicon/reading.yml": {
        "type": "object",
        "required": ["negation", "hypothetical", "explained", "answers"],
    },
}
for _kind in ("signs", "combinations"):
    SCHEMAS["triage.yml"]["properties"][_kind]["items"]["required"].append("level")
SCHEMAS["triage.yml"]["properties"]["signs"]["minItems"] = 1

# Practical topics, drugs the deck does not describe, other languages.
_SOURCED = {
    "type": "object",
    "required": ["text", "source"],
    "properties": {"text": TEXT, "source": TEXT},
}
SCHEMAS["practical.yml"] = {
    "type": "object",
    "required": ["texts", "topics"],
    "properties": {
        "topics": _entries(
            ["title", "question", "subject"],
            cues=TEXTS,
            facts={"type": "array", "items": _SOURCED},
            hospital={"anyOf": [{"type": "null"}, _SOURCED]},
        )
    },
}
SCHEMAS["unknown_drugs.yml"] = {
    "type": "object",
    "required": ["texts", "stems", "drugs"],
    "properties": {
        "drugs": {
            "type": "array",
            "minItems": 1,
            "items": {
                "type": "object",
                "required": ["names"],
                "properties": {"names": {"type": "array", "minItems": 1, "items": TEXT}},
            },
        }
    },
}
SCHEMAS["languages.yml"] = {
    "type": "object",
    "required": ["detection", "markers", "english", "other"],
    "properties": {
        "english": {
            "type": "object",
            "required": ["messages"],
            "properties": {
                "messages": {
                    "type": "object",
                    "required": [
                        "emergency",
                        "urgent",
                        "advice",
                        "french_only",
                        "after_emergency",
                        "emergency_handled",
                    ],
                    "additionalProperties": TEXT,
                }
            },
        },
        "other": {
            "type": "object",
            "additionalProperties": {
                "type": "object",
                "required": ["message", "team"],
                "properties": {"message": TEXT, "team": TEXT},
            },
        },
    },
}


# The words of the widget, the staff FAQ page and the servers' refusals (issue 12 item 4).
_STRINGS = {"type": "object", "additionalProperties": TEXT, "minProperties": 1}
SCHEMAS["interface.yml"] = {
    "type": "object",
    "required": ["widget", "faq", "errors"],
    "properties": {
        "widget": {**_STRINGS, "required": ["title", "offline", "unavailable"]},
        "faq": {
            "type": "object",
            "required": ["title", "level_names", "emergency"],
            "properties": {"level_names": {**_STRINGS, "required": LEVELS}},
            "additionalProperties": {"anyOf": [TEXT, _STRINGS]},
        },
        "errors": _STRINGS,
    },
}


def problems(kind: str, data: Any) -> List[Problem]:
    """Every problem of one file; a file with no schema only has to be YAML."""
    kind = schema_kind(kind)
    schema = SCHEMAS.get(kind)
    if schema is None:
        return (
            []
            if data is None or isinstance(data, (dict, list))
            else [([], "expected a mapping or a list at the top")]
        )
    found = [
        (list(error.absolute_path), error.message)
        for error in jsonschema.Draft7Validator(schema).iter_errors(data)
    ]
    if found:
        return found
    return list(_regexes(data, [])) + list(CHECKS.get(kind, lambda _: [])(data))


def _regexes(value: Any, path: List[Any], is_regex: bool = False) -> Iterator[Problem]:
    if isinstance(value, dict):
        for key, child in value.items():
            yield from _regexes(child, path + [key], is_regex or key in REGEX_KEYS)
    elif isinstance(value, list):
        for index, child in enumerate(value):
            yield from _regexes(child, path + [index], is_regex)
    elif is_regex and isinstance(value, str):
        error = _regex_error(value)
        if error:
            yield path, f"regex {value!r} does not compile: {error}"


@functools.lru_cache(maxsize=None)
def _regex_error(pattern: str) -> Optional[str]:
    """Why a pattern does not compile, or None. Cached: the criteria hold more patterns than
    re's own cache, and every reload checks them all again."""
    try:
        re.compile(pattern)
    except re.error as error:
        return str(error)
    return None


def _unique_ids(entries: List[dict], key: str) -> Iterator[Problem]:
    seen = set()
    for index, entry in enumerate(entries):
        if entry["id"] in seen:
            yield [key, index, "id"], f"id {entry['id']!r} is used twice"
        seen.add(entry["id"])


def _check_contacts(data: dict) -> Iterator[Problem]:
    hours = data["opening_hours"]
    if hours["start"] >= hours["end"]:
        yield (
            ["opening_hours", "end"],
            f"closes ({hours['end']}) before it opens ({hours['start']})",
        )
    try:
        ZoneInfo(data.get("time_zone", "Europe/Paris"))
    except (ZoneInfoNotFoundError, ValueError):
        yield ["time_zone"], f"unknown time zone {data['time_zone']!r} (e.g. Europe/Paris)"


def _check_routing(data: dict) -> Iterator[Problem]:
    for key, text in data.items():
        for _, name, _, _ in string.Formatter().parse(text):
            if name is not None and name not in CONTACT_FIELDS:
                yield [key], f"unknown placeholder {{{name}}} (known: {', '.join(CONTACT_FIELDS)})"


def _check_triage(data: dict) -> Iterator[Problem]:
    categories, questions = data["categories"], data["questions"]
    yield from _unique_ids(data["signs"], "signs")
    signs = {s["id"] for s in data["signs"]} | {c["id"] for c in data.get("combinations") or []}
    for key in ("signs", "combinations"):
        for index, entry in enumerate(data.get(key) or []):
            if entry["category"] not in categories:
                yield [key, index, "category"], f"unknown category {entry['category']!r}"
    for index, combo in enumerate(data.get("combinations") or []):
        for group_index, group in enumerate(combo["all"]):
            for sign in group:
                if sign not in signs:
                    yield ["combinations", index, "all", group_index], f"unknown sign {sign!r}"
    for qid, question in questions.items():
        for key in ("sign", "answered_by", "ask_if"):
            value = question.get(key) or []
            for sign in [value] if isinstance(value, str) else value:
                if sign not in signs:
                    yield ["questions", qid, key], f"unknown sign {sign!r}"
        answered_by = set(question.get("answered_by") or [question.get("sign")])
        for index, part in enumerate(question.get("remainder") or []):
            for sign in part.get("open") or []:
                if sign not in answered_by:
                    yield ["questions", qid, "remainder", index], f"{sign!r} not in answered_by"
    for cid, category in categories.items():
        for qid in category.get("questions") or []:
            if qid not in questions:
                yield ["categories", cid, "questions"], f"unknown question {qid!r}"


def _check_reading(data: dict) -> Iterator[Problem]:
    """Every text of the reading rules is a regex (numbers are settings), except the plain
    phrases of the figures of speech."""

    def walk(value, path):
        if isinstance(value, dict):
            for key, child in value.items():
                yield from walk(child, path + [key])
        elif isinstance(value, list):
            for index, child in enumerate(value):
                yield from walk(child, path + [index])
        elif isinstance(value, str):
            yield from _regexes(value, path, is_regex=True)

    figures = data.get("figures_of_speech") or {}
    yield from walk({k: v for k, v in data.items() if k != "figures_of_speech"}, [])
    yield from walk(figures.get("patterns") or [], ["figures_of_speech", "patterns"])


CHECKS = {
    "contacts.yml": _check_contacts,
    "routing.yml": _check_routing,
    "triage.yml": _check_triage,
    "topics.yml": lambda data: _unique_ids(data["topics"], "topics"),
    "drugs.yml": lambda data: _unique_ids(data["drugs"], "drugs"),
    "side_effects.yml": lambda data: _unique_ids(data["organs"], "organs"),
    "lexicon/reading.yml": _check_reading,
}


def cross_file_problems(data: Dict[str, Any]) -> Iterator[Tuple[str, List[Any], str]]:
    """Problems between files: `(kind, path, message)`."""
    triage = data["triage.yml"]
    signs = {s["id"] for s in triage["signs"]} | {c["id"] for c in triage.get("combinations") or []}
    lexicons = {kind: lexicon for kind, lexicon in data.items() if kind.startswith(SIGNS_LEXICON)}
    if not lexicons:
        yield "triage.yml", [], f"no lexicon file in knowledge/{SIGNS_LEXICON}"
    for kind, lexicon in lexicons.items():
        for sign in lexicon["signs"]:
            if sign not in signs:
                yield kind, ["signs", sign], f"{sign!r} is not a sign of triage.yml"
        for category in lexicon.get("categories") or {}:
            if category not in triage["categories"]:
                yield (
                    kind,
                    ["categories", category],
                    f"{category!r} is not a category of triage.yml",
                )
    topics = {t["id"] for t in data["topics.yml"]["topics"]}
    for family, topic in (data["drugs.yml"].get("family_topics") or {}).items():
        if topic not in topics:
            yield "drugs.yml", ["family_topics", family], f"unknown topic {topic!r}"
