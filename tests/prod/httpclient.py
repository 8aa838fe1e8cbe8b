"""HTTP helpers of the production and security tests (standard library only).

Conversation ids are issued by the server: a test names its conversations with labels
("scale-0", "pii-1") and `sender(base, label)` asks the server for a real id the first
time a label is used, then reuses it (every replica of one stack shares the signing
secret, so an id issued through nginx is valid on each replica)."""

from __future__ import annotations

import json
import urllib.error
import urllib.request
from typing import Any, Dict, List, Optional, Tuple

_ids: Dict[str, str] = {}


def post(
    url: str,
    payload: Any = None,
    body: Optional[bytes] = None,
    content_type: Optional[str] = "application/json",
    headers: Optional[Dict[str, str]] = None,
    method: str = "POST",
    timeout: float = 60,
) -> Tuple[int, Dict[str, str], bytes]:
    if body is None and payload is not None:
        body = json.dumps(payload).encode("utf-8")
    req = urllib.request.Request(url, data=body, method=method)
    if content_type:
        req.add_header("Content-Type", content_type)
    for key, value in (headers or {}).items():
        req.add_header(key, value)
    try:
        with urllib.request.urlopen(req, timeout=timeout) as resp:
            return resp.status, dict(resp.headers), resp.read()
    except urllib.error.HTTPError as err:
        return err.code, dict(err.headers), err.read()


def new_sender(base: str) -> str:
    status, _, body = post(f"{base}/webhooks/rest/conversations", {})
    assert status == 201, (status, body[:300])
    return json.loads(body)["sender"]


def sender(base: str, label: str) -> str:
    if label not in _ids:
        _ids[label] = new_sender(base)
    return _ids[label]


def say(base: str, label: str, text: str) -> List[Dict[str, Any]]:
    status, _, body = post(
        f"{base}/webhooks/rest/webhook", {"sender": sender(base, label), "message": text}
    )
    assert status == 200, (status, body[:300])
    return json.loads(body)


def texts(messages: List[Dict[str, Any]]) -> str:
    return "\n".join(m.get("text", "") for m in messages)


def tracker(base: str, label: str, token: str) -> Dict[str, Any]:
    conversation = _ids.get(label, label)
    status, _, body = post(
        f"{base}/conversations/{conversation}/tracker?token={token}",
        method="GET",
        content_type=None,
    )
    assert status == 200, (status, body[:300])
    return json.loads(body)


def user_texts(track: Dict[str, Any]) -> List[str]:
    return [e.get("text") for e in track["events"] if e.get("event") == "user"]
