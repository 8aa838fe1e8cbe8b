"""No message text, conversation id or phone number in any log line, at any level.

Installed first thing in the Rasa server and the action server (rasa_addons/
server.py, actions/server.py). Every log record is built by the
record factory below, so the rule holds for Rasa's, Sanic's, structlog's (rendered
through the standard library) and this project's loggers alike; Python warnings (Rasa's
`raise_warning` copies a "/intent" message into one) are routed to logging so they are
scrubbed too.

What is removed from a record's final text:
* the text of the messages being handled (registered by the server for each turn, with
  its repr/JSON spellings, since structlog renders values with repr), and the secrets of
  the environment (tokens in access-log URLs);
* conversation ids the server issued (c1.<...>), long digit runs (phone numbers,
  Telegram chat ids) and e-mail addresses;
* the list of emergency signs of the red-flag component (a list of symptoms with a time
  stamp could be matched to a tracker; the audit trail has the decision, without id).
"""

from __future__ import annotations

import collections
import json
import logging
import os
import re
import threading
import warnings
from typing import Deque, Set

REDACTED = "[redacted]"
_PATTERNS = [
    re.compile(r"c1\.[A-Za-z0-9_-]{22}\.[0-9a-f]{1,12}\.[A-Za-z0-9_-]{32}"),
    re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+"),
    # 8+ digits, possibly separated by spaces, dots or dashes: phone numbers, chat ids.
    re.compile(r"\+?\d(?:[ .\-]?\d){7,}"),
]
_QUIET_LOGGERS = {"rasa_addons.components.red_flag_detector": "Red flag: emergency sign found"}
_MIN_REGISTERED = 4
# The messages being handled now are the ones a log line can quote: the last few hundred
# (each with up to four spellings) are enough, and keep every log line cheap.
_recent: Deque[str] = collections.deque(maxlen=1024)
_recent_set: Set[str] = set()
_lock = threading.Lock()


def register(*values: object) -> None:
    """Strings that must not appear in logs (a message's text, a sender id)."""
    with _lock:
        for value in values:
            if not isinstance(value, str):
                continue
            for variant in {
                value.strip(),
                repr(value)[1:-1],
                json.dumps(value)[1:-1],
                json.dumps(value, ensure_ascii=False)[1:-1],
            }:
                if len(variant) < _MIN_REGISTERED or variant in _recent_set:
                    continue
                if len(_recent) == _recent.maxlen:
                    _recent_set.discard(_recent[0])
                _recent.append(variant)
                _recent_set.add(variant)


def scrub(text: str) -> str:
    with _lock:
        known = list(_recent)
    for value in reversed(known):
        if value in text:
            text = text.replace(value, REDACTED)
    for pattern in _PATTERNS:
        text = pattern.sub(REDACTED, text)
    return text


_previous_factory = logging.getLogRecordFactory()


def _factory(*args, **kwargs) -> logging.LogRecord:
    record = _previous_factory(*args, **kwargs)
    quiet = _QUIET_LOGGERS.get(record.name)
    try:
        message = quiet or record.getMessage()
    except Exception:  # a malformed record: keep the template only
        message = str(record.msg)
    record.msg, record.args = scrub(message), None
    if record.exc_info and not record.exc_text:
        record.exc_text = scrub(logging.Formatter().formatException(record.exc_info))
    return record


SECRET_VARIABLES = (
    "RASA_TOKEN",
    "ACTION_SERVER_TOKEN",
    "CONVERSATION_ID_SECRET",
    "TELEGRAM_SECRET_TOKEN",
    "TELEGRAM_TOKEN",
    "REDIS_PASSWORD",
)


def install() -> None:
    # Secrets too (an access log line holds ?token=...).
    register(*(os.environ.get(name) for name in SECRET_VARIABLES))
    if logging.getLogRecordFactory() is not _factory:
        logging.setLogRecordFactory(_factory)
    logging.captureWarnings(True)
    warnings.formatwarning = lambda message, category, *_a, **_k: scrub(
        f"{category.__name__}: {message}"
    )
