"""What the REST and socket.io channels share: issuing conversation ids and rate limits.

The checks themselves are plain Python (rasa_addons/guard.py); the message-level checks
(length, NUL, "/intent" payloads, idle expiry) run for every channel in the processor
(rasa_addons/server.py).
"""

from __future__ import annotations

import logging
from typing import Optional

from rasa_addons import guard

logger = logging.getLogger(__name__)


def new_conversation(client: str) -> Optional[str]:
    """A fresh signed id, or None when this client asks for too many."""
    if not guard.allow_new_conversation(client):
        logger.info("conversation id refused: too many requests from one client")
        return None
    return guard.conversation_ids().issue()


def is_issued(conversation_id: object) -> bool:
    return guard.conversation_ids().issued_at(conversation_id) is not None


def too_fast(conversation_id: str, client: str) -> bool:
    if guard.allow_message(conversation_id, client):
        return False
    logger.info("message refused: rate limit")
    return True


def refusal(key: str) -> str:
    return guard.settings().message(key)
