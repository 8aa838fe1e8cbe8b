"""scripts/render_credentials.py: Telegram only when configured, secrets never on disk,
socket.io swapped for the fixed connector. Needs no running stack."""

from __future__ import annotations

import importlib.util
import subprocess
import sys

import yaml

from .conftest import ROOT

_spec = importlib.util.spec_from_file_location(
    "render_credentials", ROOT / "scripts" / "render_credentials.py"
)
render_credentials = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(render_credentials)

BASE = {"rest": None, "socketio": {"session_persistence": True}, "telegram": {"x": 1}}
TELEGRAM = {
    "TELEGRAM_TOKEN": "123:SECRET",
    "TELEGRAM_VERIFY": "bot",
    "TELEGRAM_WEBHOOK_URL": "https://h/webhooks/telegram/webhook",
}


def test_telegram_off_without_all_variables():
    for missing in TELEGRAM:
        env = {k: v for k, v in TELEGRAM.items() if k != missing}
        out = render_credentials.render(BASE, env)
        assert not any("telegram" in name for name in out), missing


def test_telegram_on_with_placeholders_only():
    out = render_credentials.render(BASE, {**TELEGRAM, "TELEGRAM_API_URL": "http://127.0.0.1:1"})
    telegram = out["rasa_addons.channels.telegram.TelegramInput"]
    assert telegram == {
        "access_token": "${TELEGRAM_TOKEN}",
        "verify": "${TELEGRAM_VERIFY}",
        "webhook_url": "${TELEGRAM_WEBHOOK_URL}",
        "api_url": "${TELEGRAM_API_URL}",
    }
    assert "socketio" not in out
    assert out["rasa_addons.channels.socketio.SocketIOInput"] == {"session_persistence": True}
    assert "rest" not in out and "rasa_addons.channels.rest.HardenedRestInput" in out


def test_written_file_holds_no_secret(tmp_path):
    dst = tmp_path / "credentials.yml"
    env = {"PATH": "/usr/bin:/bin", **TELEGRAM}
    # As the tools are run outside make: a module of the repository, no PYTHONPATH.
    subprocess.run(
        [sys.executable, "-m", "scripts.render_credentials", "--output", str(dst)],
        check=True,
        env=env,
        cwd=ROOT,
    )
    text = dst.read_text()
    assert "SECRET" not in text
    assert "rasa_addons.channels.telegram.TelegramInput" in yaml.safe_load(text)
