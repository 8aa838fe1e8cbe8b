"""The staff FAQ page: served next to the widget, generated from the knowledge files and
the triage criteria, never drifting from them."""

from __future__ import annotations

import importlib.util
import urllib.request

import pytest

from immuno.normalize import fold

from .conftest import ROOT, save_doc_image

_spec = importlib.util.spec_from_file_location("build_faq", ROOT / "scripts" / "build_faq.py")
build_faq = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(build_faq)

PAGE_JS = """() => [...document.querySelectorAll('.faq-section:not(.triage)')].map(s => ({
  title: s.querySelector('h2').textContent,
  entries: [...s.querySelectorAll('.faq-entry')].map(e => ({
    question: e.querySelector('.faq-q').textContent,
    answer: [...e.querySelectorAll('.faq-a p')].map(p => p.textContent).join('\\n'),
    source: e.querySelector('.faq-source .text').textContent,
  })),
}))"""

TRIAGE_JS = """() => [...document.querySelectorAll('#triage-criteria tbody tr')].map(r => ({
  id: r.dataset.category,
  label: r.querySelector('th').textContent,
  emergency: [...r.querySelectorAll('td.level-emergency li')].map(li => li.textContent),
  urgent: [...r.querySelectorAll('td.level-urgent li')].map(li => li.textContent),
  advice: [...r.querySelectorAll('td.level-advice li')].map(li => li.textContent),
}))"""


def _lines(text: str) -> str:
    return "\n".join(p.strip() for p in text.split("\n") if p.strip())


@pytest.fixture(scope="module")
def served_html(web_url) -> str:
    with urllib.request.urlopen(web_url + "/faq/") as response:
        assert response.status == 200
        return response.read().decode("utf-8")


def test_served_page_is_the_build_of_the_current_knowledge(served_html):
    assert served_html == build_faq.render(), (
        "web/faq/index.html is stale: the knowledge files changed. Run scripts/build_faq.py "
        "and commit web/faq/index.html."
    )


def test_page_shows_every_answer_with_its_source_by_topic(page, web_url):
    page.goto(web_url + "/faq/")
    shown = page.evaluate(PAGE_JS)
    expected = build_faq.load_faq()
    assert [s["title"] for s in shown] == [s.title for s in expected]
    for section, want in zip(shown, expected):
        assert len(section["entries"]) == len(want.entries), section["title"]
        for got, entry in zip(section["entries"], want.entries):
            assert got["question"] == entry.question
            assert got["answer"] == _lines(entry.answer), entry.question
            assert got["source"] == entry.source, entry.question
            assert entry.source.strip(), f"no source for {entry.question!r}"


def test_page_shows_the_triage_criteria(page, web_url):
    page.goto(web_url + "/faq/")
    rows = page.evaluate(TRIAGE_JS)
    expected = build_faq.triage_rows(build_faq.load_triage())
    assert rows, "no triage table"
    assert [r["id"] for r in rows] == [r["id"] for r in expected]
    for got, want in zip(rows, expected):
        assert got["label"] == want["label"]
        for level in build_faq.LEVELS:
            assert got[level] == want["signs"][level], (want["id"], level)
    # the emergency signs exist and the page says 15
    assert any(r["emergency"] for r in rows)
    assert "15" in page.locator(".triage-levels").inner_text()


def test_search_box_filters_without_network(page, web_url):
    page.goto(web_url + "/faq/")
    total = page.locator(".faq-entry").count()
    assert total >= 10
    box = page.get_by_label("Rechercher une question, une réponse, une source")
    box.fill("pembrolizumab")
    page.wait_for_function(
        "() => document.querySelectorAll('.faq-entry:not([hidden])').length < %d" % total
    )
    visible = page.locator(".faq-entry:not([hidden])")
    assert 1 <= visible.count() < total
    for text in visible.all_inner_texts():
        assert "pembrolizumab" in fold(text)
    assert "trouv" in page.locator("#faq-search-count").inner_text()
    # accent-insensitive
    box.fill("diarrhee")
    page.wait_for_timeout(400)
    assert (
        page.locator(".faq-entry:not([hidden]), #triage-criteria tbody tr:not([hidden])").count()
        >= 1
    )
    box.fill("")
    page.wait_for_timeout(400)
    assert page.locator(".faq-entry:not([hidden])").count() == total
    assert page.external_requests == []
    save_doc_image(page, "faq.png")


def test_printable(page, web_url):
    page.goto(web_url + "/faq/")
    total = page.locator(".faq-entry").count()
    page.get_by_label("Rechercher une question, une réponse, une source").fill("pembrolizumab")
    page.wait_for_timeout(400)
    page.emulate_media(media="print")
    assert not page.locator(".faq-search").is_visible()
    assert page.locator(".faq-entry:visible").count() == total  # print shows everything
    assert page.locator("#triage-criteria").is_visible()
    pdf = page.pdf(format="A4")
    assert pdf[:4] == b"%PDF" and len(pdf) > 10_000
