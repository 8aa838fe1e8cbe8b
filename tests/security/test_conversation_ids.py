"""Item 3: conversation ids issued and signed by the server, expiring when idle."""

from __future__ import annotations

import json
import time

from rasa_addons.guard import ConversationIds
from httpclient import new_sender, post
from secstack import BASE, var_secret


def _say(sender, text="bonjour"):
    return post(f"{BASE}/webhooks/rest/webhook", {"sender": sender, "message": text})


def test_ids_are_issued_by_the_server_and_signed(served):
    first, second = new_sender(BASE), new_sender(BASE)
    assert first != second and len(first) >= 40
    status, _, body = _say(first)
    assert status == 200, body[:200]


def test_a_client_made_id_is_refused_with_a_french_message(served):
    genuine = new_sender(BASE)
    forged = genuine[:-4] + ("AAAA" if not genuine.endswith("AAAA") else "BBBB")
    for sender in ("victim-1", "default", "eval-123", forged, genuine + "x", 12345):
        status, _, body = _say(sender)
        assert status == 403, (sender, status)
        message = json.loads(body)["message"]
        assert "Conversation inconnue" in message and "15" in message


def test_an_id_idle_for_longer_than_the_setting_is_refused(served):
    ids = ConversationIds(var_secret("conversation-id-secret"))
    stale = ids.issue(now=time.time() - 25 * 3600)
    status, _, body = _say(stale)
    assert status == 410, body[:200]
    assert "expiré" in json.loads(body)["message"]
    fresh = ids.issue()
    assert _say(fresh)[0] == 200
