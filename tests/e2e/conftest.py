"""Fixtures for the end-to-end tests against the running assistant.

`make test` starts the stack (scripts/with_stack.sh) and runs `pytest tests/e2e` with
RASA_URL and WEB_URL set. Browser tests use Debian's chromium through the Python
playwright package (no `playwright install`); scripts/install_browser.sh installs both
when they are missing. Every browser test saves a screenshot to results/screenshots/.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import time
import urllib.request
from pathlib import Path
from typing import Iterator, List

import pytest

from immuno.paths import ROOT

SCREENSHOTS = ROOT / "results" / "screenshots"
DOC_IMAGES = ROOT / "docs" / "img"
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
REPLY_TIMEOUT_MS = int(os.environ.get("E2E_REPLY_TIMEOUT_MS", "20000"))
# A message whose answer carries quick-reply buttons (the bot's capabilities).
BUTTONS_PROMPT = os.environ.get("E2E_BUTTONS_PROMPT", "que peux-tu faire ?")


def _env_url(name: str) -> str:
    url = os.environ.get(name)
    if not url:
        pytest.skip(f"{name} is not set: run through `make test` (it starts the stack)")
    return url.rstrip("/")


@pytest.fixture(scope="session")
def rasa_url() -> str:
    return _env_url("RASA_URL")


@pytest.fixture(scope="session")
def web_url() -> str:
    return _env_url("WEB_URL")


def rasa_api(
    rasa_url: str, path: str, method: str = "GET", body=None, timeout: float = 30, headers=None
):
    """Call the Rasa HTTP API (token from RASA_TOKEN when the server needs one)."""
    url = rasa_url + path
    token = os.environ.get("RASA_TOKEN")
    if token:
        url += ("&" if "?" in url else "?") + "token=" + token
    data = None if body is None else json.dumps(body).encode()
    request = urllib.request.Request(
        url,
        data=data,
        method=method,
        headers={"Content-Type": "application/json", **(headers or {})},
    )
    with urllib.request.urlopen(request, timeout=timeout) as response:
        raw = response.read()
        return json.loads(raw) if raw and raw[:1] in (b"{", b"[") else raw.decode()


def tracker_user_texts(rasa_url: str, sender_id: str) -> List[str]:
    tracker = rasa_api(rasa_url, f"/conversations/{sender_id}/tracker")
    return [e.get("text") for e in tracker.get("events", []) if e.get("event") == "user"]


# ---------------------------------------------------------------- browser ----
def _ensure_browser() -> None:
    try:
        import playwright  # noqa: F401

        ok = Path(CHROMIUM).exists()
    except ImportError:
        ok = False
    if not ok:
        subprocess.run(["bash", str(ROOT / "scripts" / "install_browser.sh")], check=True)


@pytest.fixture(scope="session")
def browser():
    _ensure_browser()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def context(browser, request):
    """A fresh browser profile per test (own storage), desktop size by default."""
    marker = request.node.get_closest_marker("viewport")
    options = {"viewport": {"width": 1280, "height": 800}, "locale": "fr-FR"}
    if marker:
        options.update(marker.kwargs)
    ctx = browser.new_context(**options)
    yield ctx
    ctx.close()


@pytest.fixture
def page(context, request) -> Iterator:
    page = context.new_page()
    page.set_default_timeout(REPLY_TIMEOUT_MS)
    page.external_requests = []  # type: ignore[attr-defined]
    page.dialogs = []  # type: ignore[attr-defined]
    page.console_errors = []  # type: ignore[attr-defined]

    def on_request(req):
        if not re.match(
            r"^(https?|wss?)://(127\.0\.0\.1|localhost|\[::1\])(:\d+)?/", req.url
        ) and not req.url.startswith(("data:", "about:", "blob:")):
            page.external_requests.append(req.url)

    def on_dialog(dialog):
        page.dialogs.append(dialog.message)
        dialog.dismiss()

    page.on("request", on_request)
    page.on("dialog", on_dialog)
    page.on("console", lambda m: m.type == "error" and page.console_errors.append(m.text))
    yield page
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    name = re.sub(r"[^A-Za-z0-9_.-]+", "_", request.node.name)
    try:
        page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=False)
    except Exception:  # the page may be gone after a failure
        pass


def pytest_configure(config):
    config.addinivalue_line("markers", "viewport(**kwargs): browser context options")


def save_doc_image(page, name: str) -> None:
    """docs/img/<name> is committed for the README: refreshed only on request."""
    if os.environ.get("UPDATE_DOC_SCREENSHOTS") == "1":
        DOC_IMAGES.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(DOC_IMAGES / name))


class Chat:
    """Drives the widget like a person would."""

    def __init__(self, page, web_url: str):
        self.page = page
        self.web_url = web_url

    def open_page(self):
        self.page.goto(self.web_url + "/")
        self.page.wait_for_selector(".ic-root", state="attached")
        return self

    def open_widget(self):
        launcher = self.page.locator(".ic-launcher")
        if launcher.is_visible():
            launcher.click()
        self.page.wait_for_selector(".ic-panel", state="visible")
        self.wait_connected()
        return self

    def wait_connected(self):
        self.page.wait_for_function(
            "() => { try { const s = JSON.parse(sessionStorage.getItem('immuno-chat.v1'));"
            " return !!(s && s.sessionId) && document.querySelector('.ic-status').textContent"
            " .startsWith('Connect'); } catch (e) { return false; } }"
        )

    @property
    def session_id(self) -> str:
        return self.page.evaluate(
            "() => JSON.parse(sessionStorage.getItem('immuno-chat.v1')).sessionId"
        )

    def bot_texts(self) -> List[str]:
        return [self._strip(t) for t in self.page.locator(".ic-msg-bot").all_inner_texts()]

    def user_texts(self) -> List[str]:
        return [self._strip(t) for t in self.page.locator(".ic-msg-user").all_inner_texts()]

    @staticmethod
    def _strip(text: str) -> str:
        return re.sub(r"^(L'assistant|Vous) :\s*", "", text.strip())

    def wait_replies(self, before: int, quiet_ms: int = 1200) -> str:
        """Wait for at least one new bot message, then until none comes for quiet_ms."""
        self.page.wait_for_function(
            f"() => document.querySelectorAll('.ic-msg-bot').length > {before}"
        )
        count, stable_since = -1, time.monotonic()
        while True:
            now = self.page.locator(".ic-msg-bot").count()
            if now != count:
                count, stable_since = now, time.monotonic()
            elif (time.monotonic() - stable_since) * 1000 >= quiet_ms:
                break
            time.sleep(0.1)
        return "\n".join(self.bot_texts()[before:])

    def say(self, text: str) -> str:
        before = self.page.locator(".ic-msg-bot").count()
        box = self.page.get_by_label("Votre message")
        box.fill(text)
        box.press("Enter")
        return self.wait_replies(before)


@pytest.fixture
def chat(page, web_url) -> Chat:
    return Chat(page, web_url)
