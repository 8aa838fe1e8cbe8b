"""The chat widget in headless Chromium against the live bot: what a patient sees (the
disclaimer, 15, quick replies, answers), reload, keyboard, phone screen, accessibility,
HTML shown as text, local assets."""

from __future__ import annotations

import re

import pytest

from immuno.normalize import fold

from .conftest import BUTTONS_PROMPT, save_doc_image, tracker_user_texts

XSS = "<img src=x onerror=alert(1)>"


def test_greeting_shows_disclaimer_15_and_quick_replies(chat):
    chat.open_page().open_widget()
    disclaimer = chat.page.locator(".ic-disclaimer")
    assert disclaimer.is_visible()
    assert "15" in disclaimer.inner_text()
    # one line on a desktop-sized window
    box = disclaimer.bounding_box()
    line = float(
        chat.page.evaluate(
            "() => parseFloat(getComputedStyle(document.querySelector('.ic-disclaimer')).lineHeight)"
        )
    )
    assert box["height"] <= line * 1.5 + 14, "the disclaimer wraps"

    reply = chat.say("bonjour")
    assert "15" in reply
    chat.say(BUTTONS_PROMPT)
    assert chat.page.locator(".ic-quick-replies button").count() >= 1
    save_doc_image(chat.page, "widget.png")
    assert chat.page.external_requests == []


def test_drug_question_gives_the_key_fact(chat):
    chat.open_page().open_widget()
    reply = fold(chat.say("c'est quoi le keytruda"))
    assert "pd-1" in reply or "poumon" in reply, reply


def test_emergency_shows_15(chat):
    chat.open_page().open_widget()
    reply = chat.say("douleur dans la poitrine")
    assert re.search(r"\b15\b", reply), reply


def test_quick_reply_click_sends_its_payload(chat, rasa_url):
    chat.open_page().open_widget()
    chat.say(BUTTONS_PROMPT)
    button = chat.page.locator(".ic-quick-replies button").first
    title, payload = button.inner_text(), button.get_attribute("data-payload")
    before = chat.page.locator(".ic-msg-bot").count()
    button.click()
    assert chat.user_texts()[-1] == title
    chat.wait_replies(before)
    # the buttons of an answered message are gone
    assert chat.page.locator(".ic-quick-replies button", has_text=title).count() <= 1
    assert payload in tracker_user_texts(rasa_url, chat.session_id)


def test_reload_keeps_the_conversation(chat, rasa_url):
    chat.open_page().open_widget()
    first = chat.say("bonjour")
    session = chat.session_id
    before_users, before_bots = chat.user_texts(), chat.bot_texts()

    chat.page.reload()
    chat.page.wait_for_selector(".ic-panel", state="visible")  # stays open
    chat.wait_connected()
    assert chat.session_id == session
    assert chat.user_texts() == before_users
    assert chat.bot_texts() == before_bots
    assert first in "\n".join(chat.bot_texts())

    # the same Rasa conversation goes on after the reload
    chat.say("c'est quoi le keytruda")
    texts = tracker_user_texts(rasa_url, session)
    assert "bonjour" in texts and "c'est quoi le keytruda" in texts


def test_html_is_shown_as_text_and_never_runs(chat):
    chat.open_page().open_widget()
    chat.say(XSS)
    assert XSS in chat.user_texts()
    assert chat.page.locator(".ic-root img").count() == 0
    chat.page.wait_for_timeout(500)
    assert chat.page.dialogs == []
    # and again after a reload (history re-rendered from storage)
    chat.page.reload()
    chat.wait_connected()
    assert XSS in chat.user_texts()
    assert chat.page.locator(".ic-root img").count() == 0
    assert chat.page.dialogs == []


def test_keyboard_only(chat):
    page = chat.open_page().page
    for _ in range(15):  # Tab to the launcher
        page.keyboard.press("Tab")
        if page.evaluate("() => document.activeElement.classList.contains('ic-launcher')"):
            break
    else:
        pytest.fail("the launcher cannot be reached with Tab")
    page.keyboard.press("Enter")
    page.wait_for_selector(".ic-panel", state="visible")
    assert page.evaluate("() => document.activeElement.id") == page.get_by_label(
        "Votre message"
    ).get_attribute("id")
    chat.wait_connected()

    before = page.locator(".ic-msg-bot").count()
    page.keyboard.type(BUTTONS_PROMPT)
    page.keyboard.press("Enter")
    chat.wait_replies(before)
    assert chat.user_texts()[-1] == BUTTONS_PROMPT

    # Shift+Tab back from the input into the quick replies, then Enter on one
    for _ in range(10):
        page.keyboard.press("Shift+Tab")
        if page.evaluate("() => !!document.activeElement.closest('.ic-quick-replies')"):
            break
    else:
        pytest.fail("quick replies cannot be reached with the keyboard")
    title = page.evaluate("() => document.activeElement.textContent")
    outline = page.evaluate("() => getComputedStyle(document.activeElement).outlineStyle")
    assert outline != "none", "no visible focus indicator"
    before = page.locator(".ic-msg-bot").count()
    page.keyboard.press("Enter")
    chat.wait_replies(before)
    assert chat.user_texts()[-1] == title

    page.keyboard.press("Escape")
    page.wait_for_selector(".ic-panel", state="hidden")
    assert page.evaluate("() => document.activeElement.classList.contains('ic-launcher')")


@pytest.mark.viewport(
    viewport={"width": 375, "height": 667}, is_mobile=True, has_touch=True, device_scale_factor=2
)
def test_phone_screen(chat):
    page = chat.open_page().page
    page.locator(".ic-launcher").tap()
    chat.wait_connected()
    box = page.locator(".ic-panel").bounding_box()
    assert box["x"] >= 0 and box["y"] >= 0
    assert box["x"] + box["width"] <= 375 and box["y"] + box["height"] <= 667
    assert page.evaluate("() => document.documentElement.scrollWidth") <= 375
    font = page.evaluate(
        "() => parseFloat(getComputedStyle(document.querySelector('.ic-input')).fontSize)"
    )
    assert font >= 16, "inputs under 16px make phones zoom"
    for target in page.locator(".ic-panel button:visible").all():
        b = target.bounding_box()
        assert b["height"] >= 44 and b["width"] >= 44, target.inner_text()
    assert "15" in chat.say("bonjour")


CONTRAST_JS = """
() => {
  function rgb(s) { const m = s.match(/[\\d.]+/g); return m ? m.map(Number) : [0,0,0,0]; }
  function lum(c) {
    const a = c.slice(0, 3).map(v => { v /= 255; return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); });
    return 0.2126 * a[0] + 0.7152 * a[1] + 0.0722 * a[2];
  }
  function bg(el) {
    for (; el; el = el.parentElement) {
      const c = rgb(getComputedStyle(el).backgroundColor);
      if (c.length < 4 || c[3] > 0.5) return c;
    }
    return [255, 255, 255];
  }
  const out = [];
  const walker = document.createTreeWalker(document.querySelector('.ic-root'), NodeFilter.SHOW_TEXT);
  while (walker.nextNode()) {
    const node = walker.currentNode, el = node.parentElement;
    if (!node.textContent.trim() || !el.checkVisibility() || el.closest('.ic-sr-only')) continue;
    const fg = rgb(getComputedStyle(el).color), back = bg(el);
    const l1 = lum(fg), l2 = lum(back);
    const ratio = (Math.max(l1, l2) + 0.05) / (Math.min(l1, l2) + 0.05);
    out.push({text: node.textContent.trim().slice(0, 40), ratio: Math.round(ratio * 100) / 100});
  }
  return out;
}
"""


def test_accessibility_labels_live_region_and_contrast(chat):
    page = chat.open_page().page
    launcher = page.locator(".ic-launcher")
    assert launcher.get_attribute("aria-expanded") == "false"
    launcher.click()
    assert launcher.get_attribute("aria-expanded") == "true"
    chat.wait_connected()
    chat.say(BUTTONS_PROMPT)

    log = page.get_by_role("log")
    assert log.get_attribute("aria-live") == "polite"
    assert log.get_attribute("aria-label")
    assert page.get_by_label("Votre message").is_visible()
    assert page.get_by_role("button", name="Envoyer").is_visible()
    assert page.get_by_role("group", name="Réponses proposées").count() == 1
    assert page.get_by_role("region", name="Assistant immunothérapie").is_visible()
    # every control has an accessible name
    unnamed = page.evaluate("""() => [...document.querySelectorAll('.ic-root button, .ic-root input')]
        .filter(e => !(e.getAttribute('aria-label') || e.textContent.trim() ||
                       (e.id && document.querySelector(`label[for="${e.id}"]`))))
        .map(e => e.outerHTML)""")
    assert unnamed == []
    # new messages are inside the live region, with who said it for screen readers
    assert (
        log.locator(".ic-msg-bot .ic-sr-only").first.inner_text().strip().startswith("L'assistant")
    )
    low = [c for c in page.evaluate(CONTRAST_JS) if c["ratio"] < 4.5]
    assert low == [], f"WCAG AA contrast below 4.5:1: {low}"
    page.keyboard.press("Escape")
    assert launcher.is_visible()
    low = [c for c in page.evaluate(CONTRAST_JS) if c["ratio"] < 4.5]
    assert low == [], f"launcher contrast below 4.5:1: {low}"


def test_assets_are_local_and_headers_safe(chat, web_url):
    import urllib.request

    chat.open_page().open_widget()
    chat.say(BUTTONS_PROMPT)
    assert chat.page.external_requests == []
    with urllib.request.urlopen(web_url + "/widget/immuno-chat.js") as response:
        headers = response.headers
    assert "default-src 'self'" in headers["Content-Security-Policy"]
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["Content-Type"].startswith("text/javascript")
