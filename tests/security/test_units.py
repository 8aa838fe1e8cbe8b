"""The plain-Python pieces (rasa_addons/guard.py, immuno/log_scrub.py)."""

from __future__ import annotations

import logging
import time

from immuno import log_scrub
from rasa_addons.guard import Bucket, ConversationIds, RateLimiter, clean_text, settings


def test_ids_verify_only_with_the_servers_key_and_carry_their_issue_time():
    ids, other = ConversationIds("k" * 32), ConversationIds("x" * 32)
    issued = ids.issue(now=1_700_000_000)
    assert ids.issued_at(issued) == 1_700_000_000
    assert other.issued_at(issued) is None
    body, signature = issued.rsplit(".", 1)
    older = body.rsplit(".", 1)[0] + f".{1_600_000_000:x}"
    assert ids.issued_at(f"{older}.{signature}") is None  # the time cannot be changed
    for bad in ("", "c1", "c1...", issued.upper(), issued + " ", None, 42, ["x"]):
        assert ids.issued_at(bad) is None


def test_rate_limiter_refuses_a_flood_and_refills():
    limiter = RateLimiter(Bucket(burst=3, per_second=1))
    assert [limiter.allow("a", now=0) for _ in range(4)] == [True, True, True, False]
    assert limiter.allow("b", now=0)  # per key
    assert limiter.allow("a", now=1.01) and not limiter.allow("a", now=1.02)


def test_clean_text_removes_nul_controls_and_lone_surrogates():
    cleaned = clean_text("bon\x00jour\x07 \ud800\udfff ok\ufeff")
    assert cleaned.split() == ["bon", "jour", "ok"]
    assert clean_text("ligne 1\nligne 2\tfin") == "ligne 1\nligne 2\tfin"


def test_every_refusal_is_french_and_gives_the_emergency_number():
    s = settings()
    for key in s.messages:
        text = s.message(key)
        assert "15" in text and "{" not in text, key
    assert str(s.max_message_chars) in s.message("too_long")


def test_scrubber_removes_registered_texts_ids_phones_and_mails(caplog):
    log_scrub.install()
    text = "Je m'appelle Zoé Plantagenêt-Lumière et j'ai mal"
    log_scrub.register(text)
    conversation = ConversationIds("k" * 32).issue()
    logger = logging.getLogger("rasa.core.processor")
    with caplog.at_level(logging.DEBUG):
        logger.debug("Received user message %r with intent", text)
        logger.debug("parse_data_text=%s", text)
        logger.warning(
            "conversation %s, phone 06 11 22 33 44 or +33611223344, a@b.fr", conversation
        )
        logging.getLogger("rasa_addons.components.red_flag_detector").info(
            "Red flag: emergency signs %s", ["chest_pain"]
        )
    joined = "\n".join(r.getMessage() for r in caplog.records)
    for secret in (
        "Plantagenêt",
        conversation,
        "06 11 22 33 44",
        "+33611223344",
        "a@b.fr",
        "chest_pain",
    ):
        assert secret not in joined, secret
    assert "[redacted]" in joined and time.time()


def test_processor_guard_expiry_length_and_button_payloads():
    import pytest
    from rasa.core.channels.channel import UserMessage
    from rasa.shared.core.events import BotUttered, UserUttered
    from rasa.shared.core.trackers import DialogueStateTracker

    from rasa_addons import guard
    from rasa_addons.server import check_message

    ids = guard.conversation_ids()
    now = time.time()
    sender = ids.issue(now=now - 30 * 3600)
    recent = UserUttered("bonjour", timestamp=now - 3600)
    buttons = BotUttered(
        "Avez-vous de la fièvre ?", data={"buttons": [{"title": "Oui", "payload": "/affirm"}]}
    )

    def checked(text, events, channel="rest", who=sender):
        message = UserMessage(text, sender_id=who, input_channel=channel)
        check_message(message, DialogueStateTracker.from_events(who, events), now=now)
        return message.text

    # issued 30 h ago but used an hour ago: still valid; unused since 25 h: expired
    assert checked("merci", [recent]) == "merci"
    with pytest.raises(guard.ConversationExpired):
        checked("merci", [UserUttered("bonjour", timestamp=now - 25 * 3600)])
    with pytest.raises(guard.InvalidConversation):
        checked("merci", [], who="made-up")
    assert checked("merci", [], channel="telegram", who="123456789") == "merci"
    # "/intent" only when the bot just offered it
    assert checked("/affirm", [recent, buttons]) == "/affirm"
    assert checked("/affirm", [recent]) == "affirm"
    assert checked("/deny", [recent, buttons]) == "deny"
    assert checked("/affirm", [recent, buttons, UserUttered("x", timestamp=now)]) == "affirm"
    # length and emptiness
    with pytest.raises(guard.Refused, match="too_long"):
        checked("a" * (guard.settings().max_message_chars + 1), [recent])
    with pytest.raises(guard.Refused, match="empty"):
        checked("\x00 \ud800 /", [recent])
