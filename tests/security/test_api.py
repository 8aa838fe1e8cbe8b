"""Item 2: the HTTP API is closed without a token, takes JSON only, checks the Host."""

from __future__ import annotations

import stat

from httpclient import new_sender, post
from secstack import BASE, ROOT


def test_make_run_creates_a_private_api_token(served):
    path = ROOT / "var" / "api-token"
    assert path.exists()
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert len(path.read_text().strip()) >= 32


def test_api_refuses_every_call_without_the_token(served, token):
    conversation = new_sender(BASE)
    calls = [
        ("GET", "/status"),
        ("GET", "/domain"),
        ("GET", f"/conversations/{conversation}/tracker"),
        ("POST", "/model/parse"),
        ("PUT", "/model"),
        ("DELETE", "/model"),
    ]
    for method, path in calls:
        status, _, _ = post(
            BASE + path, {"text": "bonjour"} if method != "GET" else None, method=method
        )
        assert status == 401, (method, path, status)
        status, _, _ = post(
            f"{BASE}{path}?token=wrong",
            method=method,
            payload={"text": "x"} if method != "GET" else None,
        )
        assert status == 401, (method, path, status)
    status, _, _ = post(f"{BASE}/status?token={token}", method="GET", content_type=None)
    assert status == 200


def test_api_refuses_bodies_that_are_not_json(served, token):
    """A web page can post text/plain to any URL without a preflight (CSRF)."""
    conversation = new_sender(BASE)
    event = b'[{"event": "slot", "name": "triage_level", "value": "advice"}]'
    for content_type in ("text/plain", "application/x-www-form-urlencoded", None):
        status, _, body = post(
            f"{BASE}/conversations/{conversation}/tracker/events?token={token}",
            body=event,
            content_type=content_type,
        )
        assert status == 415, (content_type, status, body[:200])
    status, _, body = post(
        f"{BASE}/conversations/{conversation}/tracker?token={token}",
        method="GET",
        content_type=None,
    )
    assert b'triage_level": "advice' not in body


def test_host_header_outside_the_allowlist_is_refused(served, token):
    """DNS rebinding: evil.example resolved to 127.0.0.1 reaches the port with its own
    name in the Host header."""
    for host in ("evil.example", "evil.example:5710", "127.0.0.1.evil.example"):
        status, _, _ = post(
            f"{BASE}/status?token={token}", method="GET", content_type=None, headers={"Host": host}
        )
        assert status == 421, host
        status, _, _ = post(f"{BASE}/webhooks/rest/conversations", {}, headers={"Host": host})
        assert status == 421, host
    for host in ("127.0.0.1:5710", "localhost:5710", "127.0.0.1"):
        status, _, _ = post(
            f"{BASE}/status?token={token}", method="GET", content_type=None, headers={"Host": host}
        )
        assert status == 200, host


def test_patient_channels_stay_open_without_a_token(served):
    conversation = new_sender(BASE)
    status, _, body = post(
        f"{BASE}/webhooks/rest/webhook", {"sender": conversation, "message": "bonjour"}
    )
    assert status == 200 and b"text" in body
