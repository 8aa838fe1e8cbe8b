"""Item 4: the action server runs only calls from the Rasa server."""

from __future__ import annotations

import json
from types import SimpleNamespace

from actions.server import check_call
from httpclient import post
from secstack import ACTIONS, var_secret

CALL = {
    "next_action": "action_triage_decide",
    "sender_id": "x",
    "version": "3.6.21",
    "domain": {},
    "tracker": {
        "sender_id": "x",
        "slots": {},
        "events": [],
        "latest_message": {},
        "latest_input_channel": "Jean Dupont",
        "active_loop": {},
        "latest_action_name": None,
    },
}


def _headers():
    return {"X-Action-Token": var_secret("action-server-token")}


def test_calls_without_the_shared_secret_are_refused(served):
    for headers in ({}, {"X-Action-Token": "wrong"}):
        status, _, body = post(f"{ACTIONS}/webhook", CALL, headers=headers)
        assert status == 401, body[:200]
        status, _, _ = post(f"{ACTIONS}/actions", method="GET", content_type=None, headers=headers)
        assert status == 401
    assert post(f"{ACTIONS}/health", method="GET", content_type=None)[0] == 200


def test_json_only_and_errors_never_echo_the_request(served):
    body = json.dumps(CALL).encode()
    status, _, _ = post(
        f"{ACTIONS}/webhook", body=body, content_type="text/plain", headers=_headers()
    )
    assert status == 415
    marker = b"Marguerite-06-87-65"
    for broken in (
        b'{"tracker": ' + marker,
        b"[" + marker + b"]",
        json.dumps(
            {"next_action": "action_triage_decide", "tracker": {"events": "x" + marker.decode()}}
        ).encode(),
    ):
        status, _, reply = post(f"{ACTIONS}/webhook", body=broken, headers=_headers())
        assert 400 <= status < 600, status
        assert marker not in reply and b"request_body" not in reply, reply[:300]


def test_the_audit_channel_comes_only_from_configured_channels():
    def checked(channel):
        call = json.loads(json.dumps(CALL))
        call["tracker"]["latest_input_channel"] = channel
        request = SimpleNamespace(
            path="/webhook",
            method="POST",
            body=json.dumps(call).encode(),
            headers={"X-Action-Token": "t", "content-type": "application/json"},
            parsed_json=None,
        )
        assert check_call(request, "t", {"rest", "socketio", "telegram"}) is None
        return request.parsed_json["tracker"]["latest_input_channel"]

    assert checked("rest") == "rest" and checked("telegram") == "telegram"
    assert checked("Jean Dupont 06 12 34 56 78") is None and checked(None) is None
