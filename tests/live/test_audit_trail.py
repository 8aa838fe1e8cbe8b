"""Each triage decision of the running bot lands in the audit trail, without message text."""

import json
import os
import urllib.request
from pathlib import Path

from scripts.client import new_conversation


def say(rasa_url, sender, text):
    request = urllib.request.Request(
        f"{rasa_url}/webhooks/rest/webhook",
        json.dumps({"sender": sender, "message": text}).encode(),
        {"Content-Type": "application/json"},
    )
    with urllib.request.urlopen(request, timeout=30) as response:
        return json.loads(response.read())


def test_a_triage_is_audited_without_text_or_identity(rasa_url):
    path = Path(os.environ.get("AUDIT_FILE", "var/audit/triage.jsonl"))
    before = path.read_text().count("\n") if path.exists() else 0
    sender = new_conversation(rasa_url)
    say(rasa_url, sender, "Bonjour, je suis Jeanne Martin 06 12 34 56 78, j'ai 39 de fièvre")
    lines = path.read_text().splitlines()
    assert len(lines) == before + 1
    entry = json.loads(lines[-1])
    assert entry["level"] == "urgent" and entry["symptom"] == "fever"
    assert entry["criteria"]
    written = lines[-1].lower()
    for private in ("jeanne", "martin", "06 12", "fièvre", "fievre 39", sender):
        assert private not in written
